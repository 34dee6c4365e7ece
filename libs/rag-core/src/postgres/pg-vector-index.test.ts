import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgvectorTargets } from '@student-helper/db-testing';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VectorRecord } from '../ports/vector-index.js';
import { chunkOf } from '../../test/postgres/chunks.js';
import { openTarget, type OpenTarget } from '../../test/postgres/open-target.js';
import type { ChunkStoreTables } from './chunk-store.tables.js';
import { migrateChunkStore } from './migrate-chunk-store.js';
import { openDatabase } from './open-database.js';
import { PgChunkStore } from './pg-chunk-store.js';
import { PgVectorIndex } from './pg-vector-index.js';

function record(sessionId: string, documentId: string, chunkIndex: number, embedding: number[]): VectorRecord {
  return {
    key: `${documentId}#${chunkIndex}`,
    sessionId,
    documentId,
    chunkIndex,
    pageStart: 1,
    pageEnd: 1,
    text: '',
    embedding: Float32Array.from(embedding),
  };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
}

/** Deterministic pseudo-random numbers in [0, 1) (Park–Miller). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647;
}

const query = (embedding: number[], sessionId = 's1', topK = 10, documentIds?: string[]) => ({
  sessionId,
  documentIds,
  embedding: Float32Array.from(embedding),
  topK,
});

describe.each(pgvectorTargets())('PgVectorIndex on $name', (target) => {
  let opened: OpenTarget<ChunkStoreTables>;
  let index: PgVectorIndex;
  beforeAll(async () => {
    opened = await openTarget<ChunkStoreTables>(target);
    await migrateChunkStore(opened.database.db, { embeddingModelId: 'hand-made', dimensions: 3, vectorIndex: 'pgvector' });
    index = new PgVectorIndex(opened.database.db, { dimensions: 3 });
    await index.upsert([
      record('s1', 'A', 0, [1, 0, 0]),
      record('s1', 'A', 1, [0.9, 0.1, 0]),
      record('s1', 'A', 2, [0, 1, 0]),
      record('s1', 'B', 0, [0.7, 0.7, 0]),
      record('s1', 'B', 1, [0, 0, 1]),
      record('s2', 'C', 0, [1, 0, 0]),
    ]);
  });
  afterAll(() => opened?.close());

  it('returns the exact nearest neighbours of the session, best first, with cosine similarity', async () => {
    const matches = await index.query(query([1, 0, 0], 's1', 3));
    expect(matches.map(({ key, documentId, chunkIndex }) => ({ key, documentId, chunkIndex }))).toEqual([
      { key: 'A#0', documentId: 'A', chunkIndex: 0 },
      { key: 'A#1', documentId: 'A', chunkIndex: 1 },
      { key: 'B#0', documentId: 'B', chunkIndex: 0 },
    ]);
    expect(matches[0]?.score).toBeCloseTo(1, 6);
    expect(matches[1]?.score).toBeCloseTo(0.9 / Math.sqrt(0.82), 6);
    expect(matches[2]?.score).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('filters by session and by documents (an empty list means the whole session)', async () => {
    expect((await index.query(query([1, 0, 0], 's2'))).map((m) => m.key)).toEqual(['C#0']);
    expect((await index.query(query([1, 0, 0], 's1', 10, ['B']))).map((m) => m.key)).toEqual(['B#0', 'B#1']);
    expect((await index.query(query([1, 0, 0], 's1', 10, []))).map((m) => m.key)).toEqual(['A#0', 'A#1', 'B#0', 'A#2', 'B#1']);
    expect(await index.query(query([1, 0, 0], 'nobody'))).toEqual([]);
  });

  it('replaces a vector upserted again under the same key', async () => {
    await index.upsert([record('s1', 'B', 1, [-1, 0, 0])]);
    const matches = await index.query(query([1, 0, 0], 's1', 10, ['B']));
    expect(matches.map((m) => m.key)).toEqual(['B#0', 'B#1']);
    expect(matches[1]?.score).toBeCloseTo(-1, 6);
    const { rows } = await sql<{ n: number }>`select count(*) as n from chunk_vectors where key = 'B#1'`.execute(opened.database.db);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('deletes a document’s vectors, only within the named session', async () => {
    await index.upsert([record('s3', 'D', 0, [1, 0, 0]), record('s3', 'D', 1, [0, 1, 0]), record('s3', 'E', 0, [1, 1, 0])]);
    await index.deleteDocument({ sessionId: 'another-session', documentId: 'D', chunkCount: 2 });
    expect((await index.query(query([1, 0, 0], 's3'))).map((m) => m.key)).toEqual(['D#0', 'E#0', 'D#1']);
    await index.deleteDocument({ sessionId: 's3', documentId: 'D', chunkCount: 2 });
    expect((await index.query(query([1, 0, 0], 's3'))).map((m) => m.key)).toEqual(['E#0']);
  });

  it('matches nothing to a zero query vector and never returns a stored zero vector', async () => {
    await index.upsert([record('s4', 'Z', 0, [0, 0, 0]), record('s4', 'Z', 1, [0, 0, 2])]);
    expect(await index.query(query([0, 0, 0], 's4'))).toEqual([]);
    expect((await index.query(query([0, 0, 1], 's4'))).map((m) => [m.key, m.score])).toEqual([['Z#1', 1]]);
  });

  it('rejects vectors of another dimension, non-finite values, bad keys and bad topK', async () => {
    await expect(index.upsert([record('s5', 'X', 0, [1, 0, 0, 0])])).rejects.toThrow(
      'Embedding of "X#0" has 4 dimensions; this index stores 3.',
    );
    await expect(index.query(query([1, 0]))).rejects.toThrow('Embedding of the query has 2 dimensions; this index stores 3.');
    await expect(index.upsert([record('s5', 'X', 0, [1, Number.POSITIVE_INFINITY, 0])])).rejects.toThrow(
      'Embedding of "X#0" has a non-finite value (Infinity) at position 1.',
    );
    await expect(index.upsert([{ ...record('s5', 'X', 0, [1, 0, 0]), key: 'X#7' }])).rejects.toThrow(
      'Key "X#7" is not X#0 (documentId#chunkIndex).',
    );
    await expect(index.upsert([record('s5', 'X', 0, [1, 0, 0]), record('s5', 'X', 0, [0, 1, 0])])).rejects.toThrow(
      'Key "X#0" appears twice in one upsert.',
    );
    await expect(index.query(query([1, 0, 0], 's1', 0))).rejects.toThrow('topK must be an integer from 1 to 1000, got 0.');
    expect(await index.query(query([1, 0, 0], 's5'))).toEqual([]);
  });

  it('pings when the table has its dimension, and says why not otherwise', async () => {
    await expect(index.ping()).resolves.toBeUndefined();
    await expect(new PgVectorIndex(opened.database.db, { dimensions: 4 }).ping()).rejects.toThrow(
      'chunk_vectors stores 3-dimension vectors; this index was configured for 4.',
    );
  });

  it('upserts in several statements when given more rows than one batch', async () => {
    const small = new PgVectorIndex(opened.database.db, { dimensions: 3, upsertBatchRows: 2 });
    await small.upsert([0, 1, 2, 3, 4].map((i) => record('s6', 'F', i, [1, i, 0])));
    expect((await small.query(query([1, 0, 0], 's6'))).map((m) => m.key)).toEqual(['F#0', 'F#1', 'F#2', 'F#3', 'F#4']);
  });
});

describe.each(pgvectorTargets())('PgVectorIndex for a session with few chunks among many others’ on $name', (target) => {
  const dimensions = 8;
  const rand = random(7);
  const vector = (axis: number) => Array.from({ length: dimensions }, (_, j) => (j === axis ? 1 : 0) + rand() * 0.3);
  // Other sessions' 3,000 chunks lie near the query; ours (5) lie far from it.
  const crowd = Array.from({ length: 3_000 }, (_, i) => record('crowd', `crowd-${i % 30}`, Math.floor(i / 30), vector(0)));
  const mine = Array.from({ length: 5 }, (_, i) => record('mine', 'mine-doc', i, vector(1)));
  const q = Float32Array.from({ length: dimensions }, (_, j) => (j === 0 ? 1 : 0));
  const exact = [...mine]
    .sort((a, b) => cosine(b.embedding, q) - cosine(a.embedding, q))
    .map((r) => r.key);
  const naiveSql = sql<{ key: string }>`
    select key from chunk_vectors where session_id = 'mine' order by embedding <=> ${`[${q.join(',')}]`}::vector limit 5
  `;

  let opened: OpenTarget<ChunkStoreTables>;
  let db: Kysely<ChunkStoreTables>;
  beforeAll(async () => {
    opened = await openTarget<ChunkStoreTables>(target);
    db = opened.database.db;
    await migrateChunkStore(db, { embeddingModelId: 'crowd', dimensions, vectorIndex: 'pgvector' });
    const index = new PgVectorIndex(db, { dimensions });
    // Statistics taken while every row belonged to "mine" make the planner trust the HNSW
    // index for this session, as it would for a session that used to be large.
    await index.upsert([...crowd.map((r) => ({ ...r, sessionId: 'mine' })), ...mine]);
    await sql`analyze chunk_vectors`.execute(db);
    await db.updateTable('chunk_vectors').set({ session_id: 'crowd' }).where('document_id', 'like', 'crowd-%').execute();
  });
  afterAll(() => opened?.close());

  it('needs care: a plain HNSW query post-filters the global nearest and returns fewer than topK', async () => {
    const { rows } = await naiveSql.execute(db);
    expect(rows.length).toBeLessThan(5);
  });

  it('searches a selection this small exactly, without the index', async () => {
    const matches = await new PgVectorIndex(db, { dimensions }).query({ sessionId: 'mine', embedding: q, topK: 5 });
    expect(matches.map((m) => m.key)).toEqual(exact);
  });

  it('still returns the session’s exact topK through HNSW (iterative scan)', async () => {
    const hnswOnly = new PgVectorIndex(db, { dimensions, exactSearchMaxRows: 0 });
    const matches = await hnswOnly.query({ sessionId: 'mine', embedding: q, topK: 5 });
    expect(matches.map((m) => m.key)).toEqual(exact);
  });

  it('still returns them when the iterative scan gives up early (exact fallback)', async () => {
    const shortScan = await db.transaction().execute(async (trx) => {
      await sql`set local hnsw.iterative_scan = strict_order`.execute(trx);
      await sql`set local hnsw.max_scan_tuples = 100`.execute(trx);
      return (await naiveSql.execute(trx)).rows;
    });
    expect(shortScan.length).toBeLessThan(5);
    const shortHnsw = new PgVectorIndex(db, { dimensions, maxScanTuples: 100, exactSearchMaxRows: 0 });
    const matches = await shortHnsw.query({ sessionId: 'mine', embedding: q, topK: 5 });
    expect(matches.map((m) => m.key)).toEqual(exact);
  });
});

describe.each(pgvectorTargets())('PgVectorIndex plan choice on $name (no statistics, as PGlite never autovacuums)', (target) => {
  let opened: OpenTarget<ChunkStoreTables>;
  let db: Kysely<ChunkStoreTables>;
  const hnswScans = async () => {
    await sql`select pg_stat_force_next_flush()`.execute(db);
    const { rows } = await sql<{ scans: number }>`
      select idx_scan as scans from pg_stat_user_indexes where indexrelname = 'chunk_vectors_embedding_idx'
    `.execute(db);
    return rows[0]?.scans;
  };
  beforeAll(async () => {
    opened = await openTarget<ChunkStoreTables>(target);
    db = opened.database.db;
    await migrateChunkStore(db, { embeddingModelId: 'plan', dimensions: 3, vectorIndex: 'pgvector' });
    await new PgVectorIndex(db, { dimensions: 3 }).upsert(
      Array.from({ length: 60 }, (_, i) => record('plan', `plan-${i % 3}`, Math.floor(i / 3), [1, i, 0])),
    );
  });
  afterAll(() => opened?.close());

  it('walks the HNSW index for a selection larger than exactSearchMaxRows', async () => {
    const before = await hnswScans();
    const matches = await new PgVectorIndex(db, { dimensions: 3, exactSearchMaxRows: 10 }).query(query([1, 0, 0], 'plan', 3));
    expect(matches.map((m) => m.key)).toEqual(['plan-0#0', 'plan-1#0', 'plan-2#0']);
    expect(await hnswScans()).toBe((before ?? 0) + 1);
  });

  it('leaves the index alone for a selection within exactSearchMaxRows', async () => {
    const before = await hnswScans();
    const matches = await new PgVectorIndex(db, { dimensions: 3, exactSearchMaxRows: 100 }).query(query([1, 0, 0], 'plan', 3));
    expect(matches.map((m) => m.key)).toEqual(['plan-0#0', 'plan-1#0', 'plan-2#0']);
    expect(await hnswScans()).toBe(before);
  });
});

describe('PgChunkStore and PgVectorIndex in a PGlite dataDir', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rag-core-store-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps chunks and vectors across close and reopen', async () => {
    const settings = { embeddingModelId: 'hand-made', dimensions: 3, vectorIndex: 'pgvector' } as const;
    const first = await openDatabase<ChunkStoreTables>({ kind: 'pglite', dataDir });
    expect(await migrateChunkStore(first.db, settings)).toEqual(['0001_chunks', '0002_chunk_vectors', '0003_chunk_ocr_confidence', '0004_document_terms']);
    await new PgChunkStore(first.db).replaceDocumentChunks('s', 'doc', [chunkOf('doc', 0, 'persisted text')]);
    await new PgVectorIndex(first.db, { dimensions: 3 }).upsert([record('s', 'doc', 0, [0, 1, 0])]);
    await first.close();

    const second = await openDatabase<ChunkStoreTables>({ kind: 'pglite', dataDir });
    try {
      expect(await migrateChunkStore(second.db, settings)).toEqual([]);
      expect((await new PgChunkStore(second.db).getByKeys(['doc#0'])).map((c) => c.text)).toEqual(['persisted text']);
      expect(await new PgVectorIndex(second.db, { dimensions: 3 }).query(query([0, 1, 0], 's'))).toEqual([
        { key: 'doc#0', documentId: 'doc', chunkIndex: 0, score: 1 },
      ]);
    } finally {
      await second.close();
    }
    // Two PGlite instances each initialise a data directory on disk: ~5 s alone, 50 s on a machine shared with other test runs.
  }, 180_000);
});

describe('PgVectorIndex without its table', () => {
  it('fails ping with what to do', async () => {
    const database = await openDatabase<ChunkStoreTables>({ kind: 'pglite' });
    try {
      await migrateChunkStore(database.db, { embeddingModelId: 'm', dimensions: 3, vectorIndex: 'none' });
      await expect(new PgVectorIndex(database.db, { dimensions: 3 }).ping()).rejects.toThrow(
        'The pgvector index has no chunk_vectors table: run migrateChunkStore with vectorIndex "pgvector".',
      );
    } finally {
      await database.close();
    }
  });

  it('rejects a nonsensical dimension up front', () => {
    expect(() => new PgVectorIndex({} as Kysely<ChunkStoreTables>, { dimensions: 0 })).toThrow(
      'dimensions must be a positive integer, got 0.',
    );
  });
});
