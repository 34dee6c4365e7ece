import { Uint8ArrayBlobAdapter } from '@smithy/core/serde';

/** A Titan Text Embeddings v2 `InvokeModel` response body as the SDK hands it over. */
export function titanBody(embedding: readonly number[], inputTextTokenCount = 3): Uint8ArrayBlobAdapter {
  return Uint8ArrayBlobAdapter.fromString(JSON.stringify({ embedding, inputTextTokenCount, embeddingsByType: { float: embedding } }));
}

/** A deterministic fake embedding of `dimensions` values whose first value is the text length. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  return Array.from({ length: dimensions }, (_, i) => (i === 0 ? text.length : (i % 7) / 8));
}

/** The `inputText` of an InvokeModel request body. */
export function inputTextOf(body: unknown): string {
  return (JSON.parse(String(body)) as { inputText: string }).inputText;
}
