/**
 * FinanceBench retrieval evaluation: page recall@1/5/10 and MRR of the hybrid retriever in two
 * settings — (a) one session per document, (b) one session holding all 28 documents — with a
 * plain BM25 over pdftotext pages measured in the same run as the reference, an ablation
 * (vector only, lexical only, fused), and the relevance floor's rejection rates.
 *
 *   tools/run-ts.sh tools/eval/financebench.ts [--store pglite|memory] [--pages parser|pdftotext] [--json out.json]
 *     [--traces first-stage.json]   (each question's vector and full-text results, for offline experiments)
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  analyzeText,
  Bm25Index,
  chunkKey,
  chunkPages,
  reciprocalRankFusion,
  parsePdf,
  HybridRetriever,
  lexicalEmbedderRetrieverOptions,
  OfflineEmbedder,
  vectorRecord,
  type Chunk,
  type ChunkStore,
  type RetrievalTrace,
  type VectorIndex,
} from '@student-helper/rag-core';
import { migrateChunkStore, openDatabase, PgChunkStore, PgVectorIndex } from '@student-helper/rag-core/postgres';
import { InMemoryChunkStore, InMemoryVectorIndex } from '@student-helper/rag-core/testing';
import { readFile } from 'node:fs/promises';
import { plainContentTokens } from './reference-tokens.js';
import { cachedPages, loadQuestions, pdfPath, pdftotextPages, workspaceRoot } from './financebench-data.js';
import { rankPages, scoreRankings, type PageRef, type RankingScores } from './metrics.js';
import { offTopicQuestions } from './off-topic-questions.js';

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'pglite' },
    pages: { type: 'string', default: 'parser' },
    json: { type: 'string' },
    dimensions: { type: 'string' },
    'bigram-weight': { type: 'string' },
    'number-weight': { type: 'string' },
    'vector-weight': { type: 'string' },
    'lexical-weight': { type: 'string' },
    'pool-weight': { type: 'string' },
    candidates: { type: 'string' },
    details: { type: 'string' },
    traces: { type: 'string' },
    'sweep-candidates': { type: 'string' },
  },
});
const num = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));

interface Stores {
  vectors: VectorIndex;
  chunks: ChunkStore;
  close(): Promise<void>;
}

/** `pglite`: the real Postgres adapters (full-text search, pgvector HNSW) on in-memory PGlite. */
async function openStores(kind: string, embedder: OfflineEmbedder): Promise<Stores> {
  if (kind === 'memory') return { vectors: new InMemoryVectorIndex(), chunks: new InMemoryChunkStore(), close: () => Promise.resolve() };
  if (kind !== 'pglite') throw new Error(`Unknown --store ${kind} (expected pglite or memory)`);
  const database = await openDatabase({ kind: 'pglite' });
  await migrateChunkStore(database.db, {
    embeddingModelId: embedder.modelId,
    dimensions: embedder.dimensions,
    vectorIndex: 'pgvector',
  });
  return {
    vectors: new PgVectorIndex(database.db, { dimensions: embedder.dimensions }),
    chunks: new PgChunkStore(database.db),
    close: () => database.close(),
  };
}

async function parserPages(file: string) {
  return (await parsePdf(new Uint8Array(await readFile(file)))).pages;
}

const seconds = (from: number): number => Math.round((performance.now() - from) / 100) / 10;

async function main(): Promise<void> {
  const started = performance.now();
  const questions = await loadQuestions();
  const docs = [...new Set(questions.map((q) => q.doc))].sort();
  const pageSource = args.pages as string;
  if (pageSource !== 'pdftotext' && pageSource !== 'parser') {
    throw new Error(`Unknown --pages ${pageSource} (expected parser or pdftotext)`);
  }

  // Pages: what our pipeline indexes, and what the BM25 reference indexes (always pdftotext).
  const t0 = performance.now();
  const pdftext = new Map<string, Awaited<ReturnType<typeof pdftotextPages>>>();
  for (const doc of docs) pdftext.set(doc, await cachedPages('pdftotext', pdfPath(doc), pdftotextPages));
  const pages = new Map<string, Awaited<ReturnType<typeof pdftotextPages>>>();
  for (const doc of docs) {
    pages.set(doc, pageSource === 'parser' ? await cachedPages('parser', pdfPath(doc), parserPages) : (pdftext.get(doc) ?? []));
  }
  const tPages = seconds(t0);

  const embedder = new OfflineEmbedder({
    dimensions: num(args.dimensions),
    bigramWeight: num(args['bigram-weight']),
    numberWeight: num(args['number-weight']),
  });
  const stores = await openStores(args.store as string, embedder);
  // As the app wires the offline embedder (createServices), unless the command line says otherwise.
  const retrieverOptions = (candidates: number | undefined) => ({
    vectorWeight: num(args['vector-weight']) ?? lexicalEmbedderRetrieverOptions.vectorWeight,
    lexicalWeight: num(args['lexical-weight']) ?? lexicalEmbedderRetrieverOptions.lexicalWeight,
    poolWeight: num(args['pool-weight']) ?? lexicalEmbedderRetrieverOptions.poolWeight,
    candidates,
  });
  const retriever = new HybridRetriever({ embedder, ...stores }, retrieverOptions(num(args.candidates)));

  // Chunk and embed once; index every document twice: alone in its session (a) and in one shared session (b).
  const t1 = performance.now();
  const pageOfKey = new Map<string, PageRef>();
  let chunkCount = 0;
  let embedSeconds = 0;
  const index = async (sessionId: string, documentId: string, doc: string, chunks: Chunk[], embeddings: Float32Array[]) => {
    const renamed = chunks.map((chunk) => ({ ...chunk, documentId }));
    await stores.chunks.replaceDocumentChunks(sessionId, documentId, renamed);
    await stores.vectors.upsert(renamed.map((chunk, i) => vectorRecord(sessionId, chunk, embeddings[i] as Float32Array)));
    for (const chunk of renamed) pageOfKey.set(chunkKey(documentId, chunk.index), { documentId: doc, page: chunk.pageStart });
  };
  for (const doc of docs) {
    const chunks = chunkPages(doc, pages.get(doc) ?? []);
    chunkCount += chunks.length;
    const e0 = performance.now();
    const embeddings = await embedder.embedDocuments(chunks.map((chunk) => chunk.text));
    embedSeconds += (performance.now() - e0) / 1000;
    await index(`a:${doc}`, `a:${doc}`, doc, chunks, embeddings);
    await index('b', `b:${doc}`, doc, chunks, embeddings);
  }
  const tracemonkey = await cachedPages(
    pageSource,
    path.resolve(workspaceRoot, '../shared/corpus/real/tracemonkey.pdf'),
    pageSource === 'parser' ? parserPages : pdftotextPages,
  );
  const tmChunks = chunkPages('tracemonkey', tracemonkey);
  await index('tracemonkey', 'tracemonkey', 'tracemonkey', tmChunks, await embedder.embedDocuments(tmChunks.map((c) => c.text)));
  const tIndex = seconds(t1);

  // Retrieval for every question in both settings.
  const t2 = performance.now();
  const pagesOf = (keys: readonly string[]): PageRef[] => rankPages(keys.map((key) => pageOfKey.get(key) as PageRef));
  type Row = { ranked: PageRef[]; gold: PageRef[] };
  const newRows = () => ({
    fused: [] as Row[],
    unfloored: [] as Row[],
    vector: [] as Row[],
    lexical: [] as Row[],
    pool: [] as Row[],
    'rrf-no-pool': [] as Row[],
    'weights-0.25-0.25-1': [] as Row[],
    'weights-0.5-0.5-1': [] as Row[],
    'weights-1-1-1': [] as Row[],
    bm25: [] as Row[],
    'bm25-stemmed': [] as Row[],
  });
  const rows = { a: newRows(), b: newRows() };
  const refuse = (trace: RetrievalTrace, weights: number[]): string[] =>
    reciprocalRankFusion([trace.vector.map((m) => m.key), trace.lexical.map((c) => c.key), trace.pool], { weights }).map(
      (item) => item.key,
    );
  const answerableTraces: { a: RetrievalTrace[]; b: RetrievalTrace[] } = { a: [], b: [] };
  const bm25PerDoc = new Map(
    docs.map((doc) => [
      doc,
      new Bm25Index((pdftext.get(doc) ?? []).map((p) => ({ id: `${doc}#${p.pageNumber}`, tokens: plainContentTokens(p.text) }))),
    ]),
  );
  const bm25All = new Bm25Index(
    docs.flatMap((doc) => (pdftext.get(doc) ?? []).map((p) => ({ id: `${doc}#${p.pageNumber}`, tokens: plainContentTokens(p.text) }))),
  );
  // A stronger lexical reference: the same BM25 over the same pages with our analyser (stems).
  const stemmedPages = (doc: string) =>
    (pdftext.get(doc) ?? []).map((p) => ({ id: `${doc}#${p.pageNumber}`, tokens: analyzeText(p.text) }));
  const stemmedPerDoc = new Map(docs.map((doc) => [doc, new Bm25Index(stemmedPages(doc))]));
  const stemmedAll = new Bm25Index(docs.flatMap(stemmedPages));
  const bm25Pages = (hits: { id: string }[]): PageRef[] =>
    hits.map((hit) => {
      const [documentId, page] = hit.id.split('#') as [string, string];
      return { documentId, page: Number(page) };
    });

  for (const q of questions) {
    const gold = q.gold_pages.map((page) => ({ documentId: q.doc, page }));
    for (const setting of ['a', 'b'] as const) {
      const trace = await retriever.explain({ sessionId: setting === 'a' ? `a:${q.doc}` : 'b', query: q.question, topK: 100 });
      answerableTraces[setting].push(trace);
      rows[setting].fused.push({ ranked: pagesOf(trace.results.map((c) => c.key)), gold });
      rows[setting].unfloored.push({ ranked: pagesOf(trace.candidates.map((c) => c.key)), gold });
      rows[setting].vector.push({ ranked: pagesOf(trace.vector.map((m) => m.key)), gold });
      rows[setting].lexical.push({ ranked: pagesOf(trace.lexical.map((c) => c.key)), gold });
      rows[setting].pool.push({ ranked: pagesOf(trace.pool), gold });
      rows[setting]['rrf-no-pool'].push({ ranked: pagesOf(refuse(trace, [1, 1, 0])), gold });
      rows[setting]['weights-0.25-0.25-1'].push({ ranked: pagesOf(refuse(trace, [0.25, 0.25, 1])), gold });
      rows[setting]['weights-0.5-0.5-1'].push({ ranked: pagesOf(refuse(trace, [0.5, 0.5, 1])), gold });
      rows[setting]['weights-1-1-1'].push({ ranked: pagesOf(refuse(trace, [1, 1, 1])), gold });
      const bm25 = setting === 'a' ? (bm25PerDoc.get(q.doc) as Bm25Index) : bm25All;
      rows[setting].bm25.push({ ranked: bm25Pages(bm25.search(plainContentTokens(q.question), 100)), gold });
      const stemmed = setting === 'a' ? (stemmedPerDoc.get(q.doc) as Bm25Index) : stemmedAll;
      rows[setting]['bm25-stemmed'].push({ ranked: bm25Pages(stemmed.search(analyzeText(q.question), 100)), gold });
    }
  }
  // The same index searched with other candidate counts (fused ranking, floor applied).
  for (const count of (args['sweep-candidates'] ?? '').split(',').filter(Boolean).map(Number)) {
    const swept = new HybridRetriever({ embedder, ...stores }, retrieverOptions(count));
    for (const setting of ['a', 'b'] as const) {
      const name = `fused-candidates-${count}`;
      const list: Row[] = ((rows[setting] as Record<string, Row[]>)[name] = []);
      for (const q of questions) {
        const trace = await swept.explain({ sessionId: setting === 'a' ? `a:${q.doc}` : 'b', query: q.question, topK: 100 });
        list.push({ ranked: pagesOf(trace.results.map((c) => c.key)), gold: q.gold_pages.map((page) => ({ documentId: q.doc, page })) });
      }
    }
  }
  const tRetrieve = seconds(t2);
  if (args.traces) {
    // First-stage results per question, for offline experiments with the later stages.
    const firstStage = (traces: RetrievalTrace[]) =>
      traces.map((t) => ({ vector: t.vector.map((m) => [m.key, m.score]), lexical: t.lexical.map((c) => [c.key, c.score]) }));
    await writeFile(args.traces, JSON.stringify({ a: firstStage(answerableTraces.a), b: firstStage(answerableTraces.b) }));
  }
  if (args.details) {
    const details = questions.map((q, i) => ({
      id: q.id,
      doc: q.doc,
      question: q.question,
      gold: q.gold_pages,
      ...Object.fromEntries(
        (['a', 'b'] as const).flatMap((setting) =>
          Object.entries(rows[setting]).map(([name, list]) => [
            `${setting}.${name}`,
            (list[i] as Row).ranked.slice(0, 5).map((p) => (p.documentId === q.doc ? p.page : `${p.documentId}:${p.page}`)),
          ]),
        ),
      ),
    }));
    await writeFile(args.details, JSON.stringify(details, null, 1));
  }

  // The relevance floor: off-topic questions against each filing alone, all filings together, and tracemonkey.
  const offTopic = { filing: [] as RetrievalTrace[], all: [] as RetrievalTrace[], tracemonkey: [] as RetrievalTrace[] };
  for (const question of offTopicQuestions) {
    for (const doc of docs) offTopic.filing.push(await retriever.explain({ sessionId: `a:${doc}`, query: question }));
    offTopic.all.push(await retriever.explain({ sessionId: 'b', query: question }));
    offTopic.tracemonkey.push(await retriever.explain({ sessionId: 'tracemonkey', query: question }));
  }
  const rejected = (traces: RetrievalTrace[]): number => traces.filter((t) => t.results.length === 0).length / traces.length;

  const scores: Record<'a' | 'b', Record<keyof (typeof rows)['a'], RankingScores>> = {
    a: mapValues(rows.a, scoreRankings),
    b: mapValues(rows.b, scoreRankings),
  };
  const floorRates = {
    falseRejection: { a: rejected(answerableTraces.a), b: rejected(answerableTraces.b) },
    offTopicRejection: {
      filing: rejected(offTopic.filing),
      all: rejected(offTopic.all),
      tracemonkey: rejected(offTopic.tracemonkey),
    },
  };
  const calibration = calibrate(answerableTraces, offTopic);

  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    command: `tools/run-ts.sh tools/eval/financebench.ts ${process.argv.slice(2).join(' ')}`.trim(),
    store: args.store,
    pages: pageSource,
    embedder: embedder.modelId,
    questions: questions.length,
    documents: docs.length,
    chunks: chunkCount,
    seconds: { pages: tPages, chunkEmbedIndex: tIndex, embed: Math.round(embedSeconds * 10) / 10, retrieval: tRetrieve, total: seconds(started) },
    scores,
    floorRates,
    calibration,
  };
  if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2));
  printReport(report);
  await stores.close();
}

function mapValues<K extends string, V, R>(record: Record<K, V>, f: (value: V) => R): Record<K, R> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v as V)])) as Record<K, R>;
}

/** Evidence summary of one retrieval: what any floor decides from. */
function evidenceOf(trace: RetrievalTrace) {
  return {
    bestVector: Math.max(-1, ...trace.candidates.map((c) => c.evidence.vectorScore ?? -1)),
    bestCoverage: Math.max(0, ...trace.candidates.map((c) => c.evidence.termCoverage)),
    poolCoverage: trace.queryCoverage,
    candidates: trace.candidates.map((c) => [c.evidence.vectorScore ?? -1, c.evidence.termCoverage] as const),
  };
}

/** False-rejection and off-topic-rejection rates over a grid of floors, from the recorded evidence. */
function calibrate(
  answerable: { a: RetrievalTrace[]; b: RetrievalTrace[] },
  offTopic: { filing: RetrievalTrace[]; all: RetrievalTrace[]; tracemonkey: RetrievalTrace[] },
) {
  const summarise = (traces: RetrievalTrace[]) => traces.map(evidenceOf);
  const sets = {
    a: summarise(answerable.a),
    b: summarise(answerable.b),
    filing: summarise(offTopic.filing),
    all: summarise(offTopic.all),
    tracemonkey: summarise(offTopic.tracemonkey),
  };
  type Evidence = ReturnType<typeof evidenceOf>;
  const accepts = (e: Evidence, minVector: number, minCoverage: number, minPool: number): boolean =>
    e.poolCoverage >= minPool && e.candidates.some(([v, c]) => v >= minVector || c >= minCoverage);
  const rejected = (list: Evidence[], v: number, c: number, p: number): number =>
    list.filter((e) => !accepts(e, v, c, p)).length / list.length;
  const grid = [];
  for (const minPool of [0, 0.6, 0.7, 0.75, 0.8, 0.9]) {
    for (const minVector of [0.1, 0.15, 0.2, 0.25, 0.3, 2]) {
      for (const minCoverage of [0.3, 0.4, 0.5, 0.6, 0.7, 1, 2]) {
        grid.push({
          minPool,
          minVector,
          minCoverage,
          falseRejectionA: rejected(sets.a, minVector, minCoverage, minPool),
          falseRejectionB: rejected(sets.b, minVector, minCoverage, minPool),
          offTopicRejectionFiling: rejected(sets.filing, minVector, minCoverage, minPool),
          offTopicRejectionAll: rejected(sets.all, minVector, minCoverage, minPool),
          offTopicRejectionTracemonkey: rejected(sets.tracemonkey, minVector, minCoverage, minPool),
        });
      }
    }
  }
  return grid;
}

function printReport(report: {
  scores: Record<'a' | 'b', Record<string, RankingScores>>;
  floorRates: unknown;
  [key: string]: unknown;
}): void {
  const { scores, calibration, ...rest } = report;
  console.log(JSON.stringify({ ...rest, scores: undefined }, null, 1));
  const f = (x: number): string => x.toFixed(2);
  console.log('\n| setting | ranking | recall@1 | recall@5 | recall@10 | MRR |\n|---|---|---|---|---|---|');
  for (const setting of ['a', 'b'] as const) {
    for (const [name, s] of Object.entries(scores[setting])) {
      console.log(`| ${setting} | ${name} | ${f(s.recallAt1)} | ${f(s.recallAt5)} | ${f(s.recallAt10)} | ${f(s.mrr)} |`);
    }
  }
  console.log('\n| min pool coverage | min cosine | min coverage | false rejection (a) | (b) | off-topic rejected: one filing | all filings | tracemonkey |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of calibration as ReturnType<typeof calibrate>) {
    console.log(
      `| ${row.minPool} | ${row.minVector} | ${row.minCoverage} | ${f(row.falseRejectionA)} | ${f(row.falseRejectionB)} | ` +
        `${f(row.offTopicRejectionFiling)} | ${f(row.offTopicRejectionAll)} | ${f(row.offTopicRejectionTracemonkey)} |`,
    );
  }
}

await main();
