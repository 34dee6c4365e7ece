import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from './filename.js';

describe('sanitizeFilename', () => {
  it.each([
    ['notes.pdf', 'notes.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Desktop\\thesis final.pdf', 'thesis final.pdf'],
    ['/absolute/path.pdf', 'path.pdf'],
    ['a\u0000b\u0007c.pdf', 'abc.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['  spaced \t\n  name .pdf ', 'spaced name .pdf'],
    ['Cafe\u0301.pdf', 'Café.pdf'],
    ['..', 'document.pdf'],
    ['', 'document.pdf'],
    ['dir/', 'document.pdf'],
    ['\u0001\u0002', 'document.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('shortens long names and keeps the extension', () => {
    expect(sanitizeFilename(`${'a'.repeat(300)}.pdf`)).toBe(`${'a'.repeat(196)}.pdf`);
    expect(sanitizeFilename('abcdefghij.pdf', { maxLength: 8 })).toBe('abcd.pdf');
    expect(sanitizeFilename(`x.${'p'.repeat(20)}`, { maxLength: 10 })).toBe(`x.${'p'.repeat(8)}`);
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    expect(sanitizeFilename(`${'😀'.repeat(10)}.pdf`, { maxLength: 8 })).toBe('😀😀😀😀.pdf');
  });

  it('uses the fallback given', () => {
    expect(sanitizeFilename('...', { fallback: 'upload.pdf' })).toBe('upload.pdf');
  });
});
