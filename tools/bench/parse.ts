/**
 * Parse benchmark (SPEC §6): parsePdf against poppler's pdftotext on the same file in the same
 * run — wall time, pages/s and their ratio — and text fidelity as token recall against
 * pdftotext's text, overall and on the worst page.
 *
 *   tools/run-ts.sh tools/bench/parse.ts [--file ../shared/corpus/real/freeculture.pdf] [--runs 5] [--write]
 *
 * `--write` appends the result to the "Parsing" section of docs/benchmarks.md.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { inspectPdf, parsePdf, type ParsedDocument } from '@student-helper/rag-core';
import { recordBenchmark } from './benchmarks-doc.js';
import { pdftotextPages, pdftotextVisiblePages } from './pdftotext-reference.js';
import { median } from './stats.js';
import { tokenRecall } from './token-recall.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../..');

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/corpus/real/freeculture.pdf' },
    runs: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false },
  },
});
const file = path.resolve(workspaceRoot, args.file);
const runs = Number(args.runs);
if (!existsSync(file)) throw new Error(`Benchmark input missing: ${file} (the shared corpus belongs at ../shared beside the repository).`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${args.runs}`);

async function seconds(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs `action` while sampling this process's RSS (pdf.js runs in a worker thread of it). */
async function withPeakRss<T>(action: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  try {
    const result = await action();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}

function worstPage(ours: ParsedDocument, reference: readonly string[]): { pageNumber: number; recall: number } {
  let worst = { pageNumber: 0, recall: Infinity };
  ours.pages.forEach((page, index) => {
    const { recall } = tokenRecall(page.text, reference[index] ?? '');
    if (recall < worst.recall) worst = { pageNumber: page.pageNumber, recall };
  });
  return worst;
}

const bytes = new Uint8Array(readFileSync(file));
const load = loadavg()[0] ?? 0;
const pdftotextVersion = (await run('pdftotext', ['-v']).catch((error: { stderr: string }) => error)).stderr.split('\n')[0]?.trim() ?? 'pdftotext';
const unpdfSpec = (JSON.parse(readFileSync(path.join(workspaceRoot, 'libs/rag-core/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['unpdf'];

// Warm both once (file cache, tsx compile cache), then interleave so load changes hit both alike.
await run('pdftotext', [file, '-'], { maxBuffer: 1 << 28 });
let document = await parsePdf(bytes);
const pdftotextTimes: number[] = [];
const parseTimes: number[] = [];
const openTimes: number[] = [];
let peakRss = 0;
for (let i = 0; i < runs; i++) {
  pdftotextTimes.push(await seconds(() => run('pdftotext', [file, '-'], { maxBuffer: 1 << 28 })));
  const measured = await withPeakRss(async () => {
    const start = process.hrtime.bigint();
    const result = await parsePdf(bytes);
    return { result, time: Number(process.hrtime.bigint() - start) / 1e9 };
  });
  parseTimes.push(measured.result.time);
  document = measured.result.result;
  peakRss = Math.max(peakRss, measured.peakRss);
  openTimes.push(await seconds(() => inspectPdf(bytes)));
}

const pages = document.pageCount;
const reference = await pdftotextPages(file, pages);
const visibleReference = await pdftotextVisiblePages(file);
const ourText = document.pages.map((page) => page.text).join('\n');
const fidelity = [
  { name: 'pdftotext, visible page (each page cropped to its CropBox)', overall: tokenRecall(ourText, visibleReference.join('\n')), worst: worstPage(document, visibleReference) },
  { name: 'pdftotext, whole page (MediaBox, printer marks included)', overall: tokenRecall(ourText, reference.join('\n')), worst: worstPage(document, reference) },
];

const pdftotextTime = median(pdftotextTimes);
const parseTime = median(parseTimes);
const fixed = (value: number, digits: number): string => value.toFixed(digits);
const date = new Date().toISOString().slice(0, 10);
const relative = path.relative(workspaceRoot, file);

const report = [
  `### ${date}: ${path.basename(file)}`,
  '',
  `- Command: \`tools/run-ts.sh tools/bench/parse.ts${args.file === '../shared/corpus/real/freeculture.pdf' ? '' : ` --file ${args.file}`}${runs === 5 ? '' : ` --runs ${runs}`}\` (${relative}, ${pages} pages, ${runs} runs each, interleaved, medians)`,
  `- Machine: ${availableParallelism()} cores (nproc), node ${process.version}, ${pdftotextVersion}, unpdf ${unpdfSpec}; load average ${fixed(load, 2)} at start`,
  `- Reference \`pdftotext file -\` (spawned): ${fixed(pdftotextTime, 3)} s, ${fixed(pages / pdftotextTime, 0)} pages/s (runs: ${pdftotextTimes.map((t) => fixed(t, 3)).join(', ')})`,
  `- \`parsePdf\` (pdf.js in a worker thread, worker start included; run from TypeScript source): ${fixed(parseTime, 3)} s, ${fixed(pages / parseTime, 0)} pages/s (runs: ${parseTimes.map((t) => fixed(t, 3)).join(', ')})`,
  `- Ratio: parsePdf takes ${fixed(parseTime / pdftotextTime, 2)}× pdftotext's time (${fixed(pdftotextTime / parseTime, 2)}× its pages/s); of that, worker start + opening the document (\`inspectPdf\`) takes ${fixed(median(openTimes), 3)} s`,
  `- Peak RSS of the process during parsePdf (worker thread included): ${fixed(peakRss / 2 ** 20, 0)} MiB`,
  `- Text fidelity, multiset recall of lower-case word tokens (goal ≥ 0.97):`,
  ...fidelity.map(
    ({ name, overall, worst }) =>
      `  - vs ${name}: overall ${fixed(overall.recall, 4)} (${overall.matched}/${overall.total}), worst page ${worst.pageNumber} at ${fixed(worst.recall, 4)}`,
  ),
  '',
].join('\n');

process.stdout.write(report);

if (args.write) {
  recordBenchmark('Parsing', [
    '`parsePdf` (rag-core) against poppler\'s `pdftotext` on the same file in the same run, and text fidelity as token recall against',
    "pdftotext's text. pdftotext reports text outside the visible page (printer's marks outside the CropBox), which pdf.js omits;",
    'recall is therefore given against both the visible page and the whole page. Script: `tools/bench/parse.ts`.',
    'Quiet-machine reference (../shared/README.md): pdftotext 0.38 s, unpdf in one process 1.13 s for freeculture.pdf.',
  ], report);
}
