/** pgvector's text input `[x,y,…]` for an embedding; rejects what pgvector cannot store. */
export function vectorLiteral(embedding: Float32Array, dimensions: number, owner: string): string {
  if (!(embedding instanceof Float32Array)) {
    throw new TypeError(`Embedding of ${owner} must be a Float32Array.`);
  }
  if (embedding.length !== dimensions) {
    throw new RangeError(`Embedding of ${owner} has ${embedding.length} dimensions; this index stores ${dimensions}.`);
  }
  const position = embedding.findIndex((value) => !Number.isFinite(value));
  if (position !== -1) {
    throw new RangeError(`Embedding of ${owner} has a non-finite value (${embedding[position]}) at position ${position}.`);
  }
  // Each float32 is printed as the double it widens to exactly; pgvector parses that back to
  // the same float32, so nothing is lost on the way.
  return `[${embedding.join(',')}]`;
}

/** Whether every component is zero: cosine similarity to such a vector is undefined. */
export function isZeroVector(embedding: Float32Array): boolean {
  return embedding.every((value) => value === 0);
}
