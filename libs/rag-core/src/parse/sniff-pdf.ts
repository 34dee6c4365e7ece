const header = new TextEncoder().encode('%PDF-');
/** Readers (pdf.js, poppler, Acrobat) accept junk before the header within the first 1024 bytes. */
const headerSearchBytes = 1024;

/**
 * Whether `bytes` look like a PDF: `%PDF-` starts within the first 1024 bytes. Cheap enough to
 * run on an upload before storing it; it says nothing about whether the file can be read.
 */
export function sniffPdf(bytes: Uint8Array): boolean {
  const window = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, headerSearchBytes + header.length - 1));
  return window.indexOf(header) !== -1;
}
