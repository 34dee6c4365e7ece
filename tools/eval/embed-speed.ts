/**
 * Chunk + offline-embed speed on the 352-page book (parsed by our parser, cached in tmp/eval).
 *
 *   tools/run-ts.sh tools/eval/embed-speed.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkPages, OfflineEmbedder, parsePdf } from '@student-helper/rag-core';
import { cachedPages, workspaceRoot } from './financebench-data.js';

const book = path.resolve(workspaceRoot, '../shared/corpus/real/freeculture.pdf');
const pages = await cachedPages('parser', book, async (f) => (await parsePdf(new Uint8Array(await readFile(f)))).pages);
const embedder = new OfflineEmbedder();
const runs: { chunkMs: number; embedMs: number; chunks: number }[] = [];
for (let run = 0; run < 5; run += 1) {
  const t0 = performance.now();
  const chunks = chunkPages('book', pages);
  const t1 = performance.now();
  await embedder.embedDocuments(chunks.map((chunk) => chunk.text));
  runs.push({ chunkMs: t1 - t0, embedMs: performance.now() - t1, chunks: chunks.length });
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(
  `${pages.length} pages, ${runs[0]?.chunks} chunks; 5 runs, medians: chunkPages ${median(runs.map((r) => r.chunkMs)).toFixed(0)} ms, ` +
    `embedDocuments ${median(runs.map((r) => r.embedMs)).toFixed(0)} ms (${embedder.modelId}, ${embedder.dimensions} dimensions)`,
);
