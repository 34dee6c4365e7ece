import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase, type TestDatabaseConfig } from '@student-helper/db-testing';
import {
  DocumentRepository,
  JobRepository,
  migrateApp,
  PostgresJobQueue,
  SessionRepository,
  type AppTables,
  type PostgresJobQueueOptions,
} from '@student-helper/persistence';
import { chunkPages, OfflineEmbedder, parsePdf, type ChunkOptions } from '@student-helper/rag-core';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { migrateChunkStore, openDatabase, PgChunkStore, PgVectorIndex, type ChunkStoreTables, type Database } from '@student-helper/rag-core/postgres';
import type { JobMessage } from '@student-helper/shared-types';
import type { ProcessorDeps } from '../processor-deps.js';

export type HarnessTables = AppTables & ChunkStoreTables;

export const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
export const corpusPath = (folder: 'real' | 'hostile', name: string) => path.resolve(workspaceRoot, '../shared/corpus', folder, name);
export const sessionId = '00000000-0000-4000-8000-0000000000a1';

/** What a document left in the stores: its chunk and vector keys, sorted, and its row counts. */
export interface StoredKeys {
  chunkKeys: string[];
  vectorKeys: string[];
}

export interface Harness {
  db: Kysely<HarnessTables>;
  config: TestDatabaseConfig;
  blobRoot: string;
  deps: ProcessorDeps;
  documents: DocumentRepository;
  jobs: JobRepository;
  blobs: FileBlobStore;
  queue(options?: PostgresJobQueueOptions): PostgresJobQueue;
  /** Stores the file and creates its document + job, as the API's upload does; returns the queue message. */
  upload(bytes: Uint8Array, filename?: string): Promise<JobMessage>;
  uploadFile(folder: 'real' | 'hostile', name: string): Promise<JobMessage>;
  storedKeys(documentId: string): Promise<StoredKeys>;
  close(): Promise<void>;
}

/**
 * The processor's real dependencies on a fresh database: app tables, chunk store and pgvector
 * index (PGlite by default), files under a temporary directory, the offline embedder.
 */
export async function openHarness(options: { testDatabase?: TestDatabase; blobRoot?: string } = {}): Promise<Harness> {
  const testDatabase = options.testDatabase ?? (await createTestDatabase('pglite'));
  const database: Database<HarnessTables> = await openDatabase<HarnessTables>(testDatabase.config);
  const embedder = new OfflineEmbedder();
  await migrateApp(database.db);
  await migrateChunkStore(database.db, { embeddingModelId: embedder.modelId, dimensions: embedder.dimensions, vectorIndex: 'pgvector' });
  const blobRoot = options.blobRoot ?? (await mkdtemp(path.join(tmpdir(), 'processor-blobs-')));
  const blobs = new FileBlobStore(blobRoot);
  const documents = new DocumentRepository(database.db);
  const jobs = new JobRepository(database.db);
  const sessions = new SessionRepository(database.db);
  if (!(await sessions.find(sessionId))) await sessions.create({ sessionId, title: 'processor tests', tokenHash: 'hash' });
  const deps: ProcessorDeps = {
    blobs,
    documents,
    jobs,
    chunks: new PgChunkStore(database.db),
    vectors: new PgVectorIndex(database.db, { dimensions: embedder.dimensions }),
    embedder,
  };
  const upload = async (bytes: Uint8Array, filename = 'upload.pdf'): Promise<JobMessage> => {
    const documentId = crypto.randomUUID();
    const key = `sessions/${sessionId}/documents/${documentId}.pdf`;
    await blobs.put(key, bytes);
    const document = await documents.create({ sessionId, documentId, filename, sizeBytes: bytes.length, blobKey: key });
    return { jobId: document.jobId, documentId, sessionId, key, size: bytes.length };
  };
  return {
    db: database.db,
    config: testDatabase.config,
    blobRoot,
    deps,
    documents,
    jobs,
    blobs,
    queue: (options) => new PostgresJobQueue(database.db, options),
    upload,
    uploadFile: async (folder, name) => upload(new Uint8Array(await readFile(corpusPath(folder, name))), name),
    async storedKeys(documentId) {
      const chunkRows = await database.db.selectFrom('chunks').select('key').where('document_id', '=', documentId).execute();
      const vectorRows = await database.db.selectFrom('chunk_vectors').select('key').where('document_id', '=', documentId).execute();
      return { chunkKeys: chunkRows.map((r) => r.key).sort(byChunkIndex), vectorKeys: vectorRows.map((r) => r.key).sort(byChunkIndex) };
    },
    /** Closes the pool; the database and blob directory go too unless they were passed in. */
    async close() {
      await database.close();
      if (!options.testDatabase) await testDatabase.dispose();
      if (!options.blobRoot) await rm(blobRoot, { recursive: true, force: true });
    },
  };
}

/** `documentId#0`, `documentId#1`, … in chunk order. */
export function keysFor(documentId: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${documentId}#${index}`);
}

function byChunkIndex(a: string, b: string): number {
  return Number(a.split('#')[1]) - Number(b.split('#')[1]);
}

/** Total rows of the chunk and vector tables (all documents). */
export async function tableCounts(db: Kysely<HarnessTables>): Promise<{ chunks: number; vectors: number }> {
  const { rows } = await sql<{ chunks: number; vectors: number }>`
    select (select count(*) from chunks)::int as chunks, (select count(*) from chunk_vectors)::int as vectors
  `.execute(db);
  return rows[0] as { chunks: number; vectors: number };
}

/**
 * What one clean run of the pipeline yields for a corpus file — the page count and the number
 * of chunks rag-core's parser and chunker make of it, and how many pages it OCRs — computed with those same functions, so
 * the processor's tests pin the processor (exactly those counts, every time) while the chunker
 * stays free to be tuned.
 */
export async function expectedCounts(
  folder: 'real' | 'hostile',
  name: string,
  chunk?: ChunkOptions,
): Promise<{ pageCount: number; chunkCount: number; ocrPageCount: number }> {
  const parsed = await parsePdf(new Uint8Array(await readFile(corpusPath(folder, name))));
  return {
    pageCount: parsed.pageCount,
    chunkCount: chunkPages('expected', parsed.pages, chunk).length,
    ocrPageCount: parsed.pages.filter((page) => page.source === 'ocr').length,
  };
}
