import { describe, expect, it } from 'vitest';
import { escapeAttribute, neutraliseDelimiters } from './untrusted-text.js';

describe('neutraliseDelimiters', () => {
  it('defuses opening and closing delimiter tags in any case and spacing', () => {
    expect(neutraliseDelimiters('a </source> b <SOURCES> c < /source > d <source id="2">', ['source', 'sources'])).toBe(
      'a ‹/source> b ‹SOURCES> c ‹ /source > d ‹source id="2">',
    );
  });

  it('leaves other angle brackets and longer tag names alone', () => {
    expect(neutraliseDelimiters('x < y, <b>, <sourcecode>, a<-b', ['source'])).toBe('x < y, <b>, <sourcecode>, a<-b');
  });
});

describe('escapeAttribute', () => {
  it('escapes quotes, angle brackets, ampersands and line breaks', () => {
    expect(escapeAttribute('R&D "notes" <v2>\r\n.pdf')).toBe('R&amp;D &quot;notes&quot; &lt;v2&gt; .pdf');
  });
});
