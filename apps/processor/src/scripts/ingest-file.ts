/**
 * Processes one PDF end to end, offline, into a fresh store — PGlite with pgvector in a
 * directory, the file in a local blob store, the offline embedder — through the same
 * `processDocumentJob` the app runs, and prints one JSON line: the outcome, the time of each
 * stage, the whole job's time and this process's peak RSS. Answers "does this PDF process, and
 * how fast?" and is what the ingestion benchmark (tools/bench/ingest.ts) runs, one process per
 * run so the peak RSS is the job's own.
 *
 *   tools/run-ts.sh apps/processor/src/scripts/ingest-file.ts <file.pdf> [--data-dir <dir>] [--database-url <postgres://…>] [--ocr-dpi <dpi>]
 *
 * With --database-url the tables live in that PostgreSQL (pgvector needed) instead of an
 * embedded PGlite, as on AWS, so the peak RSS is the processor's alone. --ocr-dpi renders OCR
 * pages at that resolution, as `OCR_DPI` does for the app. Without --data-dir a
 * temporary directory holds the PGlite files and blobs and is removed afterwards.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentRepository, JobRepository, migrateApp, SessionRepository, type AppTables, type ProgressUpdate } from '@student-helper/persistence';
import { OfflineEmbedder } from '@student-helper/rag-core';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { migrateChunkStore, openDatabase, PgChunkStore, PgVectorIndex, type ChunkStoreTables } from '@student-helper/rag-core/postgres';
import type { ProcessingStage } from '@student-helper/shared-types';
import { processDocumentJob, type JobOutcome, type ProcessorDeps } from '@student-helper/ingestion';

export interface IngestReport {
  file: string;
  bytes: number;
  outcome: JobOutcome;
  /** Opening PGlite and migrating (not part of the job). */
  setupSeconds: number;
  /** From the handler's start to the document being ready. */
  jobSeconds: number;
  /** Seconds from each stage's first progress write to the next stage's (the last to ready). */
  stageSeconds: Partial<Record<ProcessingStage, number>>;
  /** Inside `indexing`: writing the chunks (one transaction) and upserting the vectors (all batches). */
  indexingSeconds: { replaceChunks: number; upsertVectors: number };
  /** `process.resourceUsage().maxRSS` at the end: the peak of this process, worker threads included. */
  maxRssMiB: number;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, 'ocr-dpi': { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: ingest-file.ts <file.pdf> [--data-dir <dir>] [--database-url <postgres://…>] [--ocr-dpi <dpi>]');
const ocrDpi = values['ocr-dpi'] === undefined ? undefined : Number(values['ocr-dpi']);
const databaseUrl = values['database-url'];

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const root = values['data-dir'] ?? (await mkdtemp(path.join(tmpdir(), 'ingest-file-')));
try {
  const setupStart = process.hrtime.bigint();
  const database = await openDatabase<AppTables & ChunkStoreTables>(
    databaseUrl === undefined ? { kind: 'pglite', dataDir: path.join(root, 'db') } : { kind: 'pg', connectionString: databaseUrl, max: 1 },
  );
  const embedder = new OfflineEmbedder();
  await migrateApp(database.db);
  await migrateChunkStore(database.db, { embeddingModelId: embedder.modelId, dimensions: embedder.dimensions, vectorIndex: 'pgvector' });
  const blobs = new FileBlobStore(path.join(root, 'blobs'));
  const documents = new DocumentRepository(database.db);
  const session = await new SessionRepository(database.db).create({ tokenHash: crypto.randomUUID() });
  const bytes = new Uint8Array(await readFile(file));
  const documentId = crypto.randomUUID();
  const key = `sessions/${session.sessionId}/documents/${documentId}.pdf`;
  await blobs.put(key, bytes);
  const document = await documents.create({ sessionId: session.sessionId, documentId, filename: path.basename(file), sizeBytes: bytes.length, blobKey: key });
  const setupSeconds = seconds(setupStart);

  const stageStarts: [ProcessingStage, bigint][] = [];
  const indexingSeconds = { replaceChunks: 0, upsertVectors: 0 };
  const timed = async <T>(part: keyof typeof indexingSeconds, action: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await action();
    } finally {
      indexingSeconds[part] += seconds(start);
    }
  };
  const chunks = new PgChunkStore(database.db);
  const vectors = new PgVectorIndex(database.db, { dimensions: embedder.dimensions });
  const deps: ProcessorDeps = {
    blobs,
    documents: {
      findForProcessing: (id) => documents.findForProcessing(id),
      updateProgress: (id, update: ProgressUpdate) => {
        if (stageStarts.at(-1)?.[0] !== update.stage) stageStarts.push([update.stage, process.hrtime.bigint()]);
        return documents.updateProgress(id, update);
      },
      recordIndexedChunkCount: (id, count) => documents.recordIndexedChunkCount(id, count),
      markReady: (id, result) => documents.markReady(id, result),
      markFailed: (id, error, pageWarnings) => documents.markFailed(id, error, pageWarnings),
    },
    jobs: new JobRepository(database.db),
    chunks: {
      replaceDocumentChunks: (sessionId, id, list) => timed('replaceChunks', () => chunks.replaceDocumentChunks(sessionId, id, list)),
      deleteDocument: (id) => chunks.deleteDocument(id),
    },
    vectors: {
      upsert: (records) => timed('upsertVectors', () => vectors.upsert(records)),
      deleteDocument: (target) => vectors.deleteDocument(target),
    },
    embedder,
    ...(ocrDpi === undefined ? {} : { options: { parse: { ocr: { dpi: ocrDpi } } } }),
  };
  const jobStart = process.hrtime.bigint();
  const outcome = await processDocumentJob({ jobId: document.jobId, documentId, sessionId: session.sessionId, key, size: bytes.length }, deps, {
    receiveCount: 1,
    maxReceiveCount: 1,
  });
  const jobEnd = process.hrtime.bigint();
  await database.close();

  const stageSeconds: Partial<Record<ProcessingStage, number>> = {};
  stageStarts.forEach(([stage, start], i) => {
    stageSeconds[stage] = Number((stageStarts[i + 1]?.[1] ?? jobEnd) - start) / 1e9;
  });
  const report: IngestReport = {
    file,
    bytes: bytes.length,
    outcome,
    setupSeconds,
    jobSeconds: Number(jobEnd - jobStart) / 1e9,
    stageSeconds,
    indexingSeconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  if (values['data-dir'] === undefined) await rm(root, { recursive: true, force: true });
}
