import type { RetryPolicy } from './retry.js';

/** Amazon Titan Text Embeddings v2 (1024 dimensions by default; 1536 is Titan v1 — SPEC correction 1). */
export const TITAN_EMBED_TEXT_V2 = 'amazon.titan-embed-text-v2:0';

/** The output sizes Titan Text Embeddings v2 accepts. */
export const titanDimensions = [256, 512, 1024] as const;
export type TitanDimensions = (typeof titanDimensions)[number];

export const titanEmbedderDefaults = {
  modelId: TITAN_EMBED_TEXT_V2,
  dimensions: 1024 as TitanDimensions,
  /** InvokeModel calls in flight at once (one text per call). */
  concurrency: 8,
  /** Titan v2 rejects a longer `inputText` ("expected maxLength: 50000"). */
  maxInputChars: 50_000,
  /**
   * Titan v2 takes at most 8,192 tokens and tokenises with its own vocabulary, so a text under
   * the character limit can still be too long; the error names the count and the text is cut
   * in proportion, at most this many times.
   */
  maxTokenShrinks: 3,
  /** Cut to this share of the proportional length, so a second cut is rarely needed. */
  tokenShrinkMargin: 0.95,
  retry: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 } satisfies RetryPolicy,
} as const;
