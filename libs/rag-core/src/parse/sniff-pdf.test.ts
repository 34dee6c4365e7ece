import { describe, expect, it } from 'vitest';
import { sniffPdf } from './sniff-pdf.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sniffPdf', () => {
  it('accepts a file that starts with the PDF header', () => {
    expect(sniffPdf(ascii('%PDF-1.7\n%\u00e2\u00e3'))).toBe(true);
  });

  it('accepts a header that starts within the first 1024 bytes, after leading junk', () => {
    expect(sniffPdf(ascii(`${'x'.repeat(1023)}%PDF-1.4`))).toBe(true);
  });

  it('rejects a header that starts after the first 1024 bytes', () => {
    expect(sniffPdf(ascii(`${'x'.repeat(1024)}%PDF-1.4`))).toBe(false);
  });

  it('rejects empty input, text, and a header cut short', () => {
    expect(sniffPdf(new Uint8Array(0))).toBe(false);
    expect(sniffPdf(ascii('Hello, this is plain text pretending to be a PDF.\n'))).toBe(false);
    expect(sniffPdf(ascii('%PDF'))).toBe(false);
    expect(sniffPdf(ascii('%pdf-1.4'))).toBe(false);
  });

  it('looks only at the given view of a larger buffer', () => {
    const buffer = ascii('%PDF-1.4 and more');
    expect(sniffPdf(buffer.subarray(1))).toBe(false);
    expect(sniffPdf(ascii(`junk%PDF-1.4`).subarray(4))).toBe(true);
  });
});
