import { describe, expect, it } from 'vitest';
import { sseFrame } from './sse.js';

describe('sseFrame', () => {
  it('writes the event name and its JSON payload on one data line', () => {
    expect(sseFrame({ event: 'token', data: { text: 'line one\nline two' } })).toBe('event: token\ndata: {"text":"line one\\nline two"}\n\n');
    expect(sseFrame({ event: 'citations', data: [] })).toBe('event: citations\ndata: []\n\n');
  });
});
