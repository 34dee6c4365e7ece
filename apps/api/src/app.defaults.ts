/** Settings of the HTTP layer that are not worth an environment variable. */
export const apiDefaults = {
  /** Each health check gives up after this long and counts as failed. */
  healthCheckTimeoutMs: 2_000,
  /** Earlier messages handed to the rewriter and the answerer with a question. */
  chatHistoryMessages: 12,
  /** JSON bodies (session titles, questions) are small; uploads are multipart and limited separately. */
  jsonBodyLimitBytes: 64 * 1024,
  /** Room for multipart boundaries and part headers around the file. */
  multipartOverheadBytes: 64 * 1024,
  /** Incoming `X-Request-Id` values are kept when they look like ids (else a new UUID). */
  requestIdPattern: /^[A-Za-z0-9._:-]{1,128}$/,
  requestIdHeader: 'x-request-id',
  /** After the shutdown bound stopped the chat streams, how long their last events get before connections are cut. */
  forceCloseAfterDrainMs: 1_000,
} as const;
