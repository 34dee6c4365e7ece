/** Limits that apply when a caller does not set them. */
export const parseDefaults = {
  /** SPEC §4: uploads with more pages are rejected. */
  maxPages: 2000,
  /**
   * Whole-document bound for {@link parsePdf}, worker start included. The 352-page book takes
   * ~2 s on a loaded 2-core machine; the processor Lambda's timeout is 300 s.
   */
  parseTimeoutMs: 120_000,
  /** Bound for {@link inspectPdf}, which runs inside an upload request. */
  inspectTimeoutMs: 15_000,
  /**
   * V8 old-generation heap of the pdf.js worker thread. The 352-page book reads within 48 MB
   * (not within 32 MB); a decompression bomb hits the limit and fails alone instead of taking
   * the process down.
   */
  maxWorkerHeapMb: 256,
} as const;
