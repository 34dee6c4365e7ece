/**
 * A valid unit-length vector of `dimensions` (1 on the first axis): what an embedder returns
 * for text with nothing to embed, so the index never receives a zero vector, for which cosine
 * distance is undefined.
 */
export function unitVector(dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[0] = 1;
  return vector;
}
