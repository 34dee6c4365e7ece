import type { Citation } from '@student-helper/shared-types';

/** The accessible name of a citation control: which source, which document, which page, and whether OCR read it. */
export function citationLabel(citation: Citation): string {
  const ocr = citation.ocrConfidence === undefined ? '' : ` (${ocrLabel(citation.ocrConfidence)})`;
  return `Source ${citation.marker}: ${citation.documentName}, page ${citation.page}${ocr}`;
}

/** Says that a passage's text was recognised by OCR from the page image, and how confidently. */
export function ocrLabel(confidence: number): string {
  return `read by OCR, ${confidence}% confidence`;
}
