/**
 * How `countTokens` (the chunker's regex approximation) compares with a real BPE tokenizer
 * (OpenAI cl100k_base via js-tiktoken) on the parsed text of the shared corpus and the
 * FinanceBench filings: ratio of totals and the spread of per-chunk ratios.
 *
 *   tools/run-ts.sh tools/eval/token-count-calibration.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkPages, countTokens, parsePdf } from '@student-helper/rag-core';
import { getEncoding } from 'js-tiktoken';
import { cachedPages, financebenchDir, workspaceRoot } from './financebench-data.js';

const encoding = getEncoding('cl100k_base');
const sources = [
  path.resolve(workspaceRoot, '../shared/corpus/real/freeculture.pdf'),
  path.resolve(workspaceRoot, '../shared/corpus/real/tracemonkey.pdf'),
  path.resolve(workspaceRoot, '../shared/corpus/real/TAMReview.pdf'),
  ...(await readdir(path.join(financebenchDir, 'pdfs'))).map((f) => path.join(financebenchDir, 'pdfs', f)),
];

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const rows: { name: string; ours: number; bpe: number }[] = [];
const chunkRatios: number[] = [];
for (const file of sources) {
  const pages = await cachedPages('parser', file, async (f) => (await parsePdf(new Uint8Array(await readFile(f)))).pages);
  let ours = 0;
  let bpe = 0;
  for (const chunk of chunkPages('d', pages)) {
    const exact = encoding.encode(chunk.text).length;
    ours += chunk.tokenCount;
    bpe += exact;
    chunkRatios.push(exact / chunk.tokenCount);
  }
  rows.push({ name: path.basename(file), ours, bpe });
}
chunkRatios.sort((a, b) => a - b);
const total = rows.reduce((acc, r) => ({ ours: acc.ours + r.ours, bpe: acc.bpe + r.bpe }), { ours: 0, bpe: 0 });
console.log(`| corpus | countTokens | cl100k | cl100k / countTokens |\n|---|---|---|---|`);
for (const r of [rows[0], rows[1], rows[2]] as typeof rows) console.log(`| ${r.name} | ${r.ours} | ${r.bpe} | ${(r.bpe / r.ours).toFixed(3)} |`);
const fin = rows.slice(3).reduce((acc, r) => ({ ours: acc.ours + r.ours, bpe: acc.bpe + r.bpe }), { ours: 0, bpe: 0 });
console.log(`| FinanceBench (28 filings) | ${fin.ours} | ${fin.bpe} | ${(fin.bpe / fin.ours).toFixed(3)} |`);
console.log(`| all | ${total.ours} | ${total.bpe} | ${(total.bpe / total.ours).toFixed(3)} |`);
console.log(
  `\nPer chunk (${chunkRatios.length} chunks), cl100k / countTokens: p5 ${quantile(chunkRatios, 0.05).toFixed(2)}, ` +
    `median ${quantile(chunkRatios, 0.5).toFixed(2)}, p95 ${quantile(chunkRatios, 0.95).toFixed(2)}; ` +
    `sanity: countTokens("Hello, world!") = ${countTokens('Hello, world!')}`,
);
