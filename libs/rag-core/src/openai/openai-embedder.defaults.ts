export const openAiEmbedderDefaults = {
  /**
   * Texts per `/embeddings` call. OpenAI takes up to 2,048 inputs, but local servers embed a
   * batch in one forward pass and time out or run out of memory on large ones; 64 keeps a
   * call to seconds on a laptop while still saving the per-request overhead.
   */
  batchSize: 64,
  /**
   * Whether to send `dimensions`. Off by default: only models trained for shortened outputs
   * (OpenAI text-embedding-3) accept it; vLLM rejects it for other models and older Ollama
   * releases ignore it. The configured size is checked against every returned vector anyway.
   */
  requestDimensions: false,
} as const;
