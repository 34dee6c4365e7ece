/** How many retrieved chunks an answer may draw on. */
export const defaultMaxSources = 8;

/** Token budget of all source texts together in a prompt (chunks are ~250–512 tokens). */
export const defaultSourceTokenBudget = 3000;

/**
 * A lower-ranked chunk is dropped when at least this fraction of it lies inside a chunk of the
 * same page already kept. Neighbouring chunks share 10–20 % by design and are both kept.
 */
export const defaultMaxOverlapRatio = 0.5;
