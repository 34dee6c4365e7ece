/** The most bind parameters one Postgres statement can carry (the protocol counts them in 16 bits). */
export const MAX_BIND_PARAMETERS = 65_535;

export const chunkStoreDefaults = {
  /**
   * The text search configuration of the generated `text_search` column and of every query
   * against it: English stemming and stop words (documents are mostly English course material).
   */
  textSearchConfig: 'english',
  /** Rows per INSERT; clamped so that rows × columns stays within {@link MAX_BIND_PARAMETERS}. */
  insertBatchRows: 2_000,
  /** A question's distinct terms used for lexical search, at most (bounds the OR query's cost). */
  maxQueryTerms: 64,
  /** The largest `topK` a search accepts. */
  maxTopK: 1_000,
} as const;
