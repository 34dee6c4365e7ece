export interface EmbedOptions {
  signal?: AbortSignal;
}

/** Turns text into vectors. Output order matches input order; every vector has `dimensions` entries. */
export interface Embedder {
  /** Identifies the model; stored with the index so vectors of different models never mix. */
  readonly modelId: string;
  readonly dimensions: number;
  /** Embeds passages for indexing, in batches the implementation chooses. */
  embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** Embeds a search query (some models treat queries differently from passages). */
  embedQuery(text: string, options?: EmbedOptions): Promise<Float32Array>;
}
