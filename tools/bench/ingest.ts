/**
 * Ingestion benchmark (SPEC §6): a PDF through parse → chunk → embed (offline) → index
 * (PGlite + pgvector) by the processor's `processDocumentJob`, each run in a process of its own
 * (`apps/processor/src/scripts/ingest-file.ts`) so its peak RSS (`process.resourceUsage().maxRSS`)
 * is the job's. Two shapes:
 *
 * - embedded: PGlite file-backed in a temporary directory inside the processor's process — the
 *   local app, where the database lives in the same process as the worker — once on a database
 *   that exists already (the app's usual start) and once on a fresh one (its first start, when
 *   PGlite runs initdb in the process);
 * - over the wire: PGlite (with pgvector) served by this process over the Postgres protocol and
 *   reached with `pg`, so the child's RSS is the processor's alone — the Lambda's shape (RDS).
 *
 * Reference in the same run: `pdftotext` on the same file, and the RSS of the same node + tsx
 * start-up with no work.
 *
 *   tools/run-ts.sh tools/bench/ingest.ts [--file ../shared/corpus/real/freeculture.pdf] [--runs 3] [--ocr-dpi 200] [--write]
 *
 * `--write` appends the result to the "Ingestion" section of docs/benchmarks.md.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createTestDatabase } from '@student-helper/db-testing';
import { openDatabase } from '@student-helper/rag-core/postgres';
import { recordBenchmark } from './benchmarks-doc.js';
import { median } from './stats.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../..');
const ingestScript = 'apps/processor/src/scripts/ingest-file.ts';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/corpus/real/freeculture.pdf' },
    runs: { type: 'string', default: '3' },
    'ocr-dpi': { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});
const file = path.resolve(workspaceRoot, args.file);
const runs = Number(args.runs);
if (!existsSync(file)) throw new Error(`Benchmark input missing: ${file} (the shared corpus belongs at ../shared beside the repository).`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${args.runs}`);

/** What ingest-file.ts prints (see IngestReport there). */
interface IngestReport {
  outcome: { status: string; pageCount?: number; chunkCount?: number };
  setupSeconds: number;
  jobSeconds: number;
  stageSeconds: Record<'parsing' | 'chunking' | 'embedding' | 'indexing', number>;
  indexingSeconds: { replaceChunks: number; upsertVectors: number };
  maxRssMiB: number;
}

const tsNode = [path.join(workspaceRoot, 'tools/run-ts.sh')];

async function ingest(extraArgs: string[]): Promise<IngestReport> {
  const dpi = args['ocr-dpi'] === undefined ? [] : ['--ocr-dpi', args['ocr-dpi']];
  const { stdout } = await run(tsNode[0] as string, [ingestScript, file, ...extraArgs, ...dpi], { cwd: workspaceRoot, maxBuffer: 1 << 20 });
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as IngestReport;
  if (report.outcome.status !== 'ready') throw new Error(`The document did not become ready: ${JSON.stringify(report.outcome)}`);
  return report;
}

async function overTheWire(): Promise<IngestReport> {
  const database = await createTestDatabase('pglite-socket');
  try {
    if (database.config.kind !== 'pg') throw new Error('expected a pg connection string');
    return await ingest(['--database-url', database.config.connectionString]);
  } finally {
    await database.dispose();
  }
}

/** The embedded shape on a PGlite directory created beforehand (by this process, so initdb is not in the child). */
async function embeddedExisting(): Promise<IngestReport> {
  const root = await mkdtemp(path.join(tmpdir(), 'ingest-bench-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(root, 'db') });
    await database.close();
    return await ingest(['--data-dir', root]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function seconds(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const load = loadavg()[0] ?? 0;
const baseline = await run(tsNode[0] as string, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { cwd: workspaceRoot });
const baselineRssMiB = Number(baseline.stdout);
const embedded: IngestReport[] = [];
const fresh: IngestReport[] = [];
const wire: IngestReport[] = [];
const pdftotextTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  pdftotextTimes.push(await seconds(() => run('pdftotext', [file, '-'], { maxBuffer: 1 << 28 })));
  wire.push(await overTheWire());
  embedded.push(await embeddedExisting());
  fresh.push(await ingest([]));
  process.stderr.write(`run ${i + 1}/${runs} done\n`);
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const med = (reports: IngestReport[], pick: (report: IngestReport) => number): number => median(reports.map(pick));
const { pageCount, chunkCount } = embedded[0]?.outcome ?? {};
const describe = (label: string, reports: IngestReport[]): string[] => [
  `- ${label}: job ${fixed(med(reports, (r) => r.jobSeconds), 2)} s (runs: ${reports.map((r) => fixed(r.jobSeconds, 2)).join(', ')}; goal < 30 s), ` +
    `peak RSS ${fixed(med(reports, (r) => r.maxRssMiB), 0)} MiB (runs: ${reports.map((r) => fixed(r.maxRssMiB, 0)).join(', ')}; goal < 512 MB)`,
  `  - stages: parsing ${fixed(med(reports, (r) => r.stageSeconds.parsing), 2)} s, chunking ${fixed(med(reports, (r) => r.stageSeconds.chunking), 2)} s, ` +
    `embedding ${fixed(med(reports, (r) => r.stageSeconds.embedding), 2)} s, indexing ${fixed(med(reports, (r) => r.stageSeconds.indexing), 2)} s ` +
    `(chunks ${fixed(med(reports, (r) => r.indexingSeconds.replaceChunks), 2)} s, vector upserts ${fixed(med(reports, (r) => r.indexingSeconds.upsertVectors), 2)} s); ` +
    `database open + migrations before the job ${fixed(med(reports, (r) => r.setupSeconds), 2)} s`,
];
const date = new Date().toISOString().slice(0, 10);
const report = [
  `### ${date}: ${path.basename(file)}`,
  '',
  `- Command: \`tools/run-ts.sh tools/bench/ingest.ts${args.file === '../shared/corpus/real/freeculture.pdf' ? '' : ` --file ${args.file}`}${runs === 3 ? '' : ` --runs ${runs}`}${args['ocr-dpi'] === undefined ? '' : ` --ocr-dpi ${args['ocr-dpi']}`}\` ` +
    `(${path.relative(workspaceRoot, file)}, ${pageCount} pages → ${chunkCount} chunks, ${runs} runs per shape, interleaved, medians; each run a fresh database and a process of its own, from TypeScript source)`,
  `- Machine: ${availableParallelism()} cores (nproc), node ${process.version}; load average ${fixed(load, 2)} at start`,
  `- Reference \`pdftotext file -\` (text only, spawned): ${fixed(median(pdftotextTimes), 2)} s; node + tsx start-up with no work: ${fixed(baselineRssMiB, 0)} MiB RSS`,
  ...describe('Processor alone, database over the wire (the Lambda shape: PGlite + pgvector served by the benchmark process, reached with `pg`)', wire),
  ...describe('Embedded, existing database (the local app: PGlite file-backed in the same process as the processor, reopened)', embedded),
  ...describe('Embedded, fresh database (the local app\'s first start: PGlite runs initdb in the process before the job)', fresh),
  '',
].join('\n');

process.stdout.write(report);

if (args.write) {
  recordBenchmark('Ingestion', [
    'A PDF through parse → chunk → embed (offline embedder) → index (PGlite + pgvector) by the processor\'s `processDocumentJob`, each run',
    'in a process of its own (`apps/processor/src/scripts/ingest-file.ts`), peak RSS from `process.resourceUsage().maxRSS`. "Job" is from',
    'the handler\'s start to the document being ready. Script: `tools/bench/ingest.ts`.',
  ], report);
}
