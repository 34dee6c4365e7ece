/**
 * Whether a page's extracted text can be used as it is. Today a page is unusable only when it
 * has no text; the OCR work (issue 7) adds garbage detection here (control-character debris,
 * implausible character and word statistics) and recovers unusable pages by OCR.
 */
export type PageTextVerdict = { usable: true } | { usable: false; reason: 'empty' };

export function assessPageText(text: string): PageTextVerdict {
  return text.trim().length > 0 ? { usable: true } : { usable: false, reason: 'empty' };
}
