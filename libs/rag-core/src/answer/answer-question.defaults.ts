/** Chunks asked of the retriever; {@link numberSources} then keeps what fits the prompt. */
export const defaultRetrievalTopK = 8;
