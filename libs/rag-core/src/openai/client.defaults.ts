export const openAiClientDefaults = {
  /**
   * Per attempt, until the response headers arrive. A local server loading a model into memory
   * on its first request (Ollama does) can take tens of seconds.
   */
  timeoutMs: 60_000,
  /** The SDK's own retries (429, 5xx, dropped connections) with its backoff, honouring `Retry-After`. */
  maxRetries: 2,
} as const;
