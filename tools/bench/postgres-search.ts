/**
 * Search latency of rag-core's Postgres layer at a given corpus size, on PGlite (the local
 * default; file-backed like `npm start`) and, for full-text search, on the local PostgreSQL:
 *
 * - `PgChunkStore.searchLexical` (OR full-text query, ts_rank) with the 83 FinanceBench
 *   questions, in a session holding every chunk and in a one-document session among them;
 * - `PgVectorIndex.query` (HNSW, iterative scan) with queries near stored vectors, same two
 *   sessions, against an exact brute-force scan in JavaScript over the same vectors (the
 *   reference, and the truth for recall@k);
 * - `PgChunkStore.termStatistics` (the session's chunk counts of each question's terms, which
 *   the retriever's pool rerank asks for), same questions and sessions;
 * - the floor: a `select 1` round trip through Kysely on the same database.
 *
 * Text: pdftotext of the FinanceBench 10-Ks and ../shared/corpus/real, chunked by chunkPages,
 * repeated under new document ids when the corpus needs more chunks. Vectors: seeded
 * clustered unit vectors (the offline embedder's geometry is not the point here; HNSW's is).
 *
 *   tools/run-ts.sh tools/bench/postgres-search.ts [chunks=10000] [--write]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chunkPages, queryTerms, type Chunk } from '@student-helper/rag-core';
import {
  migrateChunkStore,
  openDatabase,
  PgChunkStore,
  PgVectorIndex,
  type ChunkStoreTables,
  type Database,
} from '@student-helper/rag-core/postgres';
import { recordBenchmark } from './benchmarks-doc.js';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(workspaceRoot, '../shared');
const chunkTarget = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 10_000);
const write = process.argv.includes('--write');
const dimensions = 1024;
const topK = 20;
const vectorQueries = 200;
const postgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

// ---------------------------------------------------------------- corpus
const pdfs = [
  ...readdirSync(path.join(shared, 'eval/financebench/pdfs')).map((f) => path.join(shared, 'eval/financebench/pdfs', f)),
  ...readdirSync(path.join(shared, 'corpus/real')).map((f) => path.join(shared, 'corpus/real', f)),
].sort();
const baseDocuments = pdfs.map((pdf, i) => {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  const pages = text.split('\f').map((pageText, p) => ({ pageNumber: p + 1, text: pageText }));
  return { name: path.basename(pdf, '.pdf'), chunks: chunkPages(`doc-${i}`, pages) };
});
const documents: { id: string; name: string; chunks: Chunk[] }[] = [];
let total = 0;
for (let copy = 0; total < chunkTarget; copy++) {
  for (const [i, base] of baseDocuments.entries()) {
    if (total >= chunkTarget) break;
    const id = `doc-${i}-copy-${copy}`;
    const chunks = base.chunks.slice(0, chunkTarget - total).map((chunk) => ({ ...chunk, documentId: id }));
    documents.push({ id, name: base.name, chunks });
    total += chunks.length;
  }
}
const questions = readFileSync(path.join(shared, 'eval/financebench/questions.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { question: string }).question);

// ---------------------------------------------------------------- vectors
let seed = 42;
const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
function normalise(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
const centres = Array.from({ length: 256 }, () => normalise(Float32Array.from({ length: dimensions }, gaussian)));
const near = (centre: Float32Array, spread: number) => normalise(centre.map((x) => x + gaussian() * spread));
const vectors = new Map<string, Float32Array>();
for (const document of documents) {
  for (const chunk of document.chunks) vectors.set(`${document.id}#${chunk.index}`, near(centres[Math.floor(random() * centres.length)]!, 0.04));
}

// ---------------------------------------------------------------- helpers
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
async function timed<T>(runs: T[], run: (item: T) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (const item of runs) {
    const start = performance.now();
    await run(item);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
const ms = (value: number) => `${value.toFixed(2)} ms`;
const fmt = ({ p50, p99 }: { p50: number; p99: number }) => `p50 ${ms(p50)}, p99 ${ms(p99)}`;
function exactTopK(keys: string[], query: Float32Array): string[] {
  const scored = keys.map((key) => {
    const v = vectors.get(key)!;
    let dot = 0;
    for (let i = 0; i < dimensions; i++) dot += v[i]! * query[i]!;
    return { key, dot };
  });
  return scored
    .sort((a, b) => b.dot - a.dot)
    .slice(0, topK)
    .map((s) => s.key);
}

const bigSession = 'everything';
const smallSession = 'one-document';
// The one-document session holds the 352-page book.
const smallDocument = documents.find((document) => document.name === 'freeculture')!;

async function load(database: Database<ChunkStoreTables>, withVectors: boolean) {
  await migrateChunkStore(database.db, { embeddingModelId: 'bench', dimensions, vectorIndex: withVectors ? 'pgvector' : 'none' });
  const store = new PgChunkStore(database.db);
  const index = new PgVectorIndex(database.db, { dimensions });
  const t0 = performance.now();
  for (const document of documents) {
    const session = document === smallDocument ? smallSession : bigSession;
    await store.replaceDocumentChunks(session, document.id, document.chunks);
  }
  const chunkSeconds = (performance.now() - t0) / 1000;
  let vectorSeconds = 0;
  if (withVectors) {
    const t1 = performance.now();
    for (const document of documents) {
      const session = document === smallDocument ? smallSession : bigSession;
      await index.upsert(
        document.chunks.map((chunk) => ({
          key: `${document.id}#${chunk.index}`,
          sessionId: session,
          documentId: document.id,
          chunkIndex: chunk.index,
          pageStart: chunk.pageStart,
          pageEnd: chunk.pageEnd,
          text: chunk.text,
          embedding: vectors.get(`${document.id}#${chunk.index}`)!,
        })),
      );
    }
    vectorSeconds = (performance.now() - t1) / 1000;
  }
  return { store, index, chunkSeconds, vectorSeconds };
}

async function lexical(store: PgChunkStore) {
  const big = await timed(questions, (text) => store.searchLexical({ sessionId: bigSession, text, topK }));
  const small = await timed(questions, (text) => store.searchLexical({ sessionId: smallSession, text, topK }));
  const statistics = (sessionId: string) => (text: string) => store.termStatistics({ sessionId, terms: [...queryTerms(text)] });
  const statisticsBig = await timed(questions, statistics(bigSession));
  const statisticsSmall = await timed(questions, statistics(smallSession));
  return { big, small, statisticsBig, statisticsSmall };
}

async function floor(database: Database<ChunkStoreTables>) {
  return timed(Array.from({ length: 200 }), () => database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute());
}

// ---------------------------------------------------------------- run
const load0 = loadavg()[0] ?? 0;
const lines: string[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-pglite-'));
try {
  const pglite = await openDatabase<ChunkStoreTables>({ kind: 'pglite', dataDir });
  const loaded = await load(pglite, true);
  const bigKeys = documents.filter((d) => d !== smallDocument).flatMap((d) => d.chunks.map((c) => `${d.id}#${c.index}`));
  const smallKeys = smallDocument.chunks.map((c) => `${smallDocument.id}#${c.index}`);
  const queryFor = (keys: string[]) =>
    Array.from({ length: vectorQueries }, () => near(vectors.get(keys[Math.floor(random() * keys.length)]!)!, 0.03));
  const bigQueries = queryFor(bigKeys);
  const smallQueries = queryFor(smallKeys);

  const recall = async (sessionId: string, keys: string[], queries: Float32Array[]) => {
    let hits = 0;
    for (const embedding of queries) {
      const got = new Set((await loaded.index.query({ sessionId, embedding, topK })).map((m) => m.key));
      hits += exactTopK(keys, embedding).filter((key) => got.has(key)).length;
    }
    return hits / (queries.length * Math.min(topK, keys.length));
  };
  const vectorBig = await timed(bigQueries, (embedding) => loaded.index.query({ sessionId: bigSession, embedding, topK }));
  const vectorSmall = await timed(smallQueries, (embedding) => loaded.index.query({ sessionId: smallSession, embedding, topK }));
  const bruteBig = await timed(bigQueries, async (embedding) => exactTopK(bigKeys, embedding));
  const bruteSmall = await timed(smallQueries, async (embedding) => exactTopK(smallKeys, embedding));
  const recallBig = await recall(bigSession, bigKeys, bigQueries);
  const recallSmall = await recall(smallSession, smallKeys, smallQueries);
  const lexicalPglite = await lexical(loaded.store);
  const floorPglite = await floor(pglite);
  await pglite.close();

  const pg = await openDatabase<ChunkStoreTables>({ kind: 'pg', connectionString: postgresUrl });
  const schema = `bench_${Date.now()}`;
  await pg.db.schema.createSchema(schema).execute();
  await pg.close();
  const pgInSchema = await openDatabase<ChunkStoreTables>({
    kind: 'pg',
    connectionString: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
  });
  let lexicalPg: Awaited<ReturnType<typeof lexical>>;
  let floorPg: { p50: number; p99: number };
  let pgLoadSeconds: number;
  try {
    const pgLoaded = await load(pgInSchema, false);
    pgLoadSeconds = pgLoaded.chunkSeconds;
    lexicalPg = await lexical(pgLoaded.store);
    floorPg = await floor(pgInSchema);
    await pgInSchema.db.schema.dropSchema(schema).cascade().execute();
  } finally {
    await pgInSchema.close();
  }

  const perSecond = (count: number, seconds: number) => `${Math.round(count / seconds)}/s`;
  lines.push(
    `### ${new Date().toISOString().slice(0, 10)}: ${total} chunks (${documents.length} documents, ${dimensions}-dimension vectors), top ${topK}`,
    '',
    `- Command: \`tools/run-ts.sh tools/bench/postgres-search.ts ${chunkTarget}\``,
    `- Machine: ${availableParallelism()} cores (nproc), node ${process.version}; load average ${load0.toFixed(2)} at start`,
    `- Sessions: "everything" holds ${bigKeys.length} chunks; "one-document" holds ${smallKeys.length} chunks among them. Lexical: the ${questions.length} FinanceBench questions; vectors: ${vectorQueries} queries near stored vectors`,
    `- Load on PGlite (dataDir): chunks ${loaded.chunkSeconds.toFixed(1)} s (${perSecond(total, loaded.chunkSeconds)}), vectors with HNSW ${loaded.vectorSeconds.toFixed(1)} s (${perSecond(total, loaded.vectorSeconds)}); chunks on PostgreSQL 15: ${pgLoadSeconds.toFixed(1)} s (${perSecond(total, pgLoadSeconds)})`,
    `- Floor, \`select 1\` through Kysely: PGlite ${fmt(floorPglite)}; PostgreSQL ${fmt(floorPg)}`,
    `- searchLexical, PGlite: everything ${fmt(lexicalPglite.big)}; one-document ${fmt(lexicalPglite.small)}`,
    `- searchLexical, PostgreSQL 15 (pg driver): everything ${fmt(lexicalPg.big)}; one-document ${fmt(lexicalPg.small)}`,
    `- termStatistics, PGlite: everything ${fmt(lexicalPglite.statisticsBig)}; one-document ${fmt(lexicalPglite.statisticsSmall)}`,
    `- termStatistics, PostgreSQL 15 (pg driver): everything ${fmt(lexicalPg.statisticsBig)}; one-document ${fmt(lexicalPg.statisticsSmall)}`,
    `- PgVectorIndex.query, PGlite: everything ${fmt(vectorBig)}, recall@${topK} ${recallBig.toFixed(3)}; one-document ${fmt(vectorSmall)}, recall@${topK} ${recallSmall.toFixed(3)}`,
    `- Reference, exact brute-force cosine in JavaScript over the same Float32Arrays: everything ${fmt(bruteBig)}; one-document ${fmt(bruteSmall)}`,
    '',
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const report = lines.join('\n');
process.stdout.write(report);
if (write) {
  recordBenchmark('Postgres search', [
    'Latency of `PgChunkStore.searchLexical`, `PgChunkStore.termStatistics` and `PgVectorIndex.query` (rag-core/postgres). Script: `tools/bench/postgres-search.ts`.',
  ], report);
}
