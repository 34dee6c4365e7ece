export const filenameDefaults = {
  /** Characters (code points) kept of a display name. */
  maxLength: 200,
  /** The name shown when the client sent none that survives sanitising. */
  fallback: 'document.pdf',
} as const;
