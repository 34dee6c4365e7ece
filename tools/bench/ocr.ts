/**
 * OCR benchmark (issue 7): a PDF whose text layer is garbage (TAMReview.pdf) through parsePdf
 * with OCR — pages OCR'd, OCR pages/s, wall time, peak RSS — against references measured in the
 * same run (parsePdf with `ocr: false`; poppler's `pdftoppm` rendering the same pages at the same
 * resolution), and page recall@1/5/10 of the offline hybrid retriever (as tools/eval runs it:
 * PgChunkStore + PgVectorIndex on in-memory PGlite, OfflineEmbedder) on hand-written questions
 * with gold pages, with the OCR'd text against the garbage text layer.
 *
 *   tools/run-ts.sh tools/bench/ocr.ts [--file ../shared/corpus/real/TAMReview.pdf] [--questions tools/bench/ocr-questions.json] [--concurrency 1,2] [--write]
 *
 * `--write` appends the result to the "OCR" section of docs/benchmarks.md.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import {
  chunkKey,
  chunkPages,
  HybridRetriever,
  lexicalEmbedderRetrieverOptions,
  ocrDefaults,
  OfflineEmbedder,
  parsePdf,
  vectorRecord,
  type OcrOptions,
  type ParsedDocument,
} from '@student-helper/rag-core';
import { migrateChunkStore, openDatabase, PgChunkStore, PgVectorIndex } from '@student-helper/rag-core/postgres';
import { rankPages, scoreRankings, type PageRef, type RankingScores } from '../eval/metrics.js';
import { recordBenchmark } from './benchmarks-doc.js';
import { median } from './stats.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../..');

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/corpus/real/TAMReview.pdf' },
    questions: { type: 'string', default: 'tools/bench/ocr-questions.json' },
    concurrency: { type: 'string', default: '1,2' },
    dpi: { type: 'string', default: String(ocrDefaults.dpi) },
    write: { type: 'boolean', default: false },
  },
});
const file = path.resolve(workspaceRoot, args.file);
if (!existsSync(file)) throw new Error(`Benchmark input missing: ${file} (the shared corpus belongs at ../shared beside the repository).`);
const concurrencies = args.concurrency.split(',').map(Number);
if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--concurrency takes positive integers, got ${args.concurrency}`);
const dpi = Number(args.dpi);

interface Question {
  question: string;
  /** 1-based pages that answer it, checked against the OCR'd text. */
  goldPages: number[];
}
const questions = JSON.parse(readFileSync(path.resolve(workspaceRoot, args.questions), 'utf8')) as Question[];

/** Far above what OCR needs, so a busy machine measures slowly rather than failing. */
const timeoutMs = 1_800_000;
const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

interface OcrRun {
  concurrency: number;
  document: ParsedDocument;
  wallSeconds: number;
  /** From OCR's start (`onOcrProgress(0, n)`) to its last page. */
  ocrSeconds: number;
  ocrPages: number;
  pageErrors: number;
  /** The process's peak RSS so far (getrusage: every thread, tesseract workers included). */
  maxRssMiB: number;
}

async function parseWithOcr(bytes: Uint8Array, ocr: OcrOptions): Promise<OcrRun> {
  let ocrStart = 0;
  let ocrEnd = 0;
  let pageErrors = 0;
  const start = performance.now();
  const document = await parsePdf(bytes, {
    timeoutMs,
    ocr,
    onOcrProgress: (done) => {
      if (done === 0) ocrStart = performance.now();
      ocrEnd = performance.now();
    },
    onPageError: () => pageErrors++,
  });
  const wallSeconds = (performance.now() - start) / 1000;
  const ocrPages = document.pages.filter((page) => page.source === 'ocr').length;
  return { concurrency: ocr.concurrency ?? 1, document, wallSeconds, ocrSeconds: (ocrEnd - ocrStart) / 1000, ocrPages, pageErrors, maxRssMiB: maxRssMiB() };
}

async function seconds(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return (performance.now() - start) / 1000;
}

/** Page recall of the hybrid retriever over `document`'s chunks, one session per run. */
async function pageRecall(documents: { name: string; document: ParsedDocument }[]): Promise<Map<string, RankingScores>> {
  const embedder = new OfflineEmbedder();
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrateChunkStore(database.db, { embeddingModelId: embedder.modelId, dimensions: embedder.dimensions, vectorIndex: 'pgvector' });
    const chunks = new PgChunkStore(database.db);
    const vectors = new PgVectorIndex(database.db, { dimensions: embedder.dimensions });
    // Wired as createServices wires the offline embedder.
    const retriever = new HybridRetriever({ embedder, chunks, vectors }, lexicalEmbedderRetrieverOptions);
    const scores = new Map<string, RankingScores>();
    for (const { name, document } of documents) {
      const sessionId = name;
      const documentId = `tam-${name}`;
      const pieces = chunkPages(documentId, document.pages);
      const embeddings = await embedder.embedDocuments(pieces.map((chunk) => chunk.text));
      await chunks.replaceDocumentChunks(sessionId, documentId, pieces);
      await vectors.upsert(pieces.map((chunk, i) => vectorRecord(sessionId, chunk, embeddings[i] as Float32Array)));
      const pageOf = new Map(pieces.map((chunk) => [chunkKey(documentId, chunk.index), chunk.pageStart]));
      const ranked: { ranked: PageRef[]; gold: PageRef[] }[] = [];
      const returned: { ranked: PageRef[]; gold: PageRef[] }[] = [];
      const pages = (keys: readonly string[]): PageRef[] => rankPages(keys.map((key) => ({ documentId: 'tam', page: pageOf.get(key) as number })));
      for (const q of questions) {
        const trace = await retriever.explain({ sessionId, query: q.question, topK: 100 });
        const gold = q.goldPages.map((page) => ({ documentId: 'tam', page }));
        // The ranking before the relevance floor, and what the floor lets through to the answerer.
        ranked.push({ ranked: pages(trace.candidates.map((c) => c.key)), gold });
        returned.push({ ranked: pages(trace.results.map((c) => c.key)), gold });
      }
      scores.set(`${name} ranked`, scoreRankings(ranked));
      scores.set(`${name} returned`, scoreRankings(returned));
    }
    return scores;
  } finally {
    await database.close();
  }
}

const bytes = new Uint8Array(readFileSync(file));
const load = loadavg()[0] ?? 0;
const startedAt = new Date();
const rssAtStart = maxRssMiB();

// Warm-up (tsx compile cache, file cache) without OCR, then the references.
await parsePdf(bytes, { ocr: false });
const textLayerSeconds = await seconds(() => parsePdf(bytes, { ocr: false }));
const textLayer = await parsePdf(bytes, { ocr: false });
const rssTextLayer = maxRssMiB();

const runs: OcrRun[] = [];
for (const concurrency of concurrencies) runs.push(await parseWithOcr(bytes, { concurrency, dpi }));
const first = runs[0] as OcrRun;
const ocrPageNumbers = first.document.pages.filter((page) => page.source === 'ocr').map((page) => page.pageNumber);

// Reference: poppler rendering the same pages at OCR's resolution (to PGM files), nothing else.
const renderDir = await mkdtemp(path.join(tmpdir(), 'ocr-bench-'));
const pdftoppmSeconds = await seconds(async () => {
  for (const page of ocrPageNumbers) await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), file, path.join(renderDir, 'page')]);
});
await rm(renderDir, { recursive: true, force: true });
const pdftoppmVersion = (await run('pdftoppm', ['-v']).catch((error: { stderr: string }) => error)).stderr.split('\n')[0]?.trim() ?? 'pdftoppm';

const recall = await pageRecall([
  { name: 'ocr', document: first.document },
  { name: 'text-layer', document: textLayer },
]);

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const scoreLine = (scores: RankingScores | undefined): string =>
  scores ? `recall@1 ${fixed(scores.recallAt1, 2)}, @5 ${fixed(scores.recallAt5, 2)}, @10 ${fixed(scores.recallAt10, 2)}, MRR ${fixed(scores.mrr, 3)}` : 'n/a';
const confidences = first.document.pages.flatMap((page) => (page.ocrConfidence === undefined ? [] : [page.ocrConfidence]));
const relative = path.relative(workspaceRoot, file);
const options = [
  args.file === '../shared/corpus/real/TAMReview.pdf' ? '' : ` --file ${args.file}`,
  args.questions === 'tools/bench/ocr-questions.json' ? '' : ` --questions ${args.questions}`,
  args.concurrency === '1,2' ? '' : ` --concurrency ${args.concurrency}`,
  dpi === ocrDefaults.dpi ? '' : ` --dpi ${dpi}`,
].join('');

const report = [
  `### ${startedAt.toISOString().slice(0, 10)}: ${path.basename(file)}`,
  '',
  `- Command: \`tools/run-ts.sh tools/bench/ocr.ts${options}\` (${relative}, ${first.document.pageCount} pages; one run each, in this order)`,
  `- Machine: ${availableParallelism()} cores (nproc), node ${process.version}, ${pdftoppmVersion}; load average ${fixed(load, 2)} at start (${startedAt.toISOString()})`,
  `- Reference, text layer only (\`parsePdf\`, \`ocr: false\`): ${fixed(textLayerSeconds, 2)} s for ${textLayer.pageCount} pages; process peak RSS ${fixed(rssTextLayer, 0)} MiB (at start ${fixed(rssAtStart, 0)} MiB)`,
  `- Reference, \`pdftoppm -r ${dpi} -gray\` rendering the ${ocrPageNumbers.length} OCR'd pages one process per page, no recognition: ${fixed(pdftoppmSeconds, 2)} s (${fixed(ocrPageNumbers.length / pdftoppmSeconds, 2)} pages/s)`,
  ...runs.map(
    (r) =>
      `- \`parsePdf\` with OCR, concurrency ${r.concurrency} (${dpi} dpi, @napi-rs/canvas + tesseract.js, eng): ${r.ocrPages} pages OCR'd (${r.pageErrors} reported), ` +
      `wall ${fixed(r.wallSeconds, 1)} s, OCR phase ${fixed(r.ocrSeconds, 1)} s = ${fixed(r.ocrPages / r.ocrSeconds, 2)} OCR pages/s; process peak RSS so far ${fixed(r.maxRssMiB, 0)} MiB (getrusage maxRSS, all threads)`,
  ),
  `- OCR confidence of the recognised pages (concurrency ${first.concurrency} run): min ${Math.min(...confidences)}, median ${median(confidences)}, max ${Math.max(...confidences)}`,
  `- Page recall of the hybrid retriever (offline embedder, PGlite) on ${questions.length} questions (\`${args.questions}\`, gold pages read off the OCR text); "ranked" is its ranking before the relevance floor, "returned" what passes the floor:`,
  `  - with OCR: ranked ${scoreLine(recall.get('ocr ranked'))}; returned ${scoreLine(recall.get('ocr returned'))}`,
  `  - text layer only (garbage on pages ${ocrPageNumbers[0]}–${ocrPageNumbers.at(-1)}): ranked ${scoreLine(recall.get('text-layer ranked'))}; returned ${scoreLine(recall.get('text-layer returned'))}`,
  '',
].join('\n');

process.stdout.write(report);

if (args.write) {
  recordBenchmark('OCR', [
    "OCR of pages whose text layer is empty or garbage (decision 0026): `parsePdf`'s OCR against the text layer alone and poppler's",
    "rendering of the same pages, and what it does for retrieval — page recall with the OCR'd text against the garbage text layer.",
    'Peak RSS is getrusage maxRSS of the benchmark process (cumulative: each line is the peak up to that run). Script: `tools/bench/ocr.ts`.',
  ], report);
}
