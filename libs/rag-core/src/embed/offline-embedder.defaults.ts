export interface OfflineEmbedderOptions {
  /** Vector length; 1024 matches Titan Text Embeddings v2, so both share one index shape. */
  dimensions?: number;
  /** Weight of adjacent-term pairs ("cash flow") relative to single terms. */
  bigramWeight?: number;
  /** Weight of numbers ("2018", "1577") relative to words. */
  numberWeight?: number;
  /** Texts embedded per batch before yielding to the event loop. */
  batchSize?: number;
}

export const offlineEmbedderDefaults: Required<OfflineEmbedderOptions> = {
  dimensions: 1024,
  bigramWeight: 0.5,
  numberWeight: 0.5,
  batchSize: 64,
};
