import { sql, type Kysely, type Transaction } from 'kysely';
import type { DocumentVectors, VectorIndex, VectorMatch, VectorQuery, VectorRecord } from '../ports/vector-index.js';
import { assertVectorRecordKeys } from '../vector-record-keys.js';
import { inBatches, rowsPerInsert } from './batches.js';
import type { ChunkStoreTables } from './chunk-store.tables.js';
import { pgVectorIndexDefaults } from './pg-vector-index.defaults.js';
import { supportsIterativeScan } from './pgvector-version.js';
import { assertTopK, documentFilter } from './search-limits.js';
import { isZeroVector, vectorLiteral } from './vector-literal.js';

export interface PgVectorIndexOptions {
  /** The embedding dimension; must match the `vector(N)` column `migrateChunkStore` created. */
  dimensions: number;
  /** `hnsw.ef_search` for queries (raised to topK when smaller). Default {@link pgVectorIndexDefaults.efSearch}. */
  efSearch?: number;
  /**
   * `hnsw.max_scan_tuples`: how far an iterative scan may go before giving up (pgvector's
   * default, 20,000, when unset). When it gives up short of topK, the exact search takes over.
   */
  maxScanTuples?: number;
  /** Rows per upsert statement. Default {@link pgVectorIndexDefaults.upsertBatchRows}. */
  upsertBatchRows?: number;
  /** Searches over at most this many vectors skip HNSW and are exact. Default {@link pgVectorIndexDefaults.exactSearchMaxRows}. */
  exactSearchMaxRows?: number;
}

const vectorColumns = 5;

interface MatchRow {
  key: string;
  document_id: string;
  chunk_index: number;
  score: number;
}

/**
 * `VectorIndex` on pgvector (PGlite or PostgreSQL) over rag-core's `chunk_vectors` table,
 * created by `migrateChunkStore(db, { vectorIndex: 'pgvector', … })`.
 *
 * Each query runs in one transaction. When its filter selects at most `exactSearchMaxRows`
 * vectors (a typical study session), it is answered exactly without the index. Larger ones walk
 * the HNSW cosine index — whose session (and document) filter is applied to what the index scan
 * yields: a plain HNSW query for a session among many others' returns the `ef_search` nearest
 * vectors of the whole table, filters them, and comes back with fewer than topK, often none
 * (row estimates can be stale, so the planner may pick HNSW even for a small session). So the
 * transaction sets `hnsw.ef_search` ≥ topK and, on pgvector ≥ 0.8, `hnsw.iterative_scan =
 * strict_order` (the scan continues until topK rows pass the filter).
 * If it still ends short (iterative scans stop at `hnsw.max_scan_tuples`; older pgvector has no
 * iterative scan), the same query runs again with index scans disabled: an exact search over
 * the session's rows through the B-tree on (session_id, document_id).
 */
export class PgVectorIndex implements VectorIndex {
  readonly #db: Kysely<ChunkStoreTables>;
  readonly #dimensions: number;
  readonly #efSearch: number;
  readonly #maxScanTuples: number | undefined;
  readonly #upsertBatchRows: number;
  readonly #exactSearchMaxRows: number;
  #iterativeScan: Promise<boolean> | undefined;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<Database>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>, options: PgVectorIndexOptions) {
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
      throw new RangeError(`dimensions must be a positive integer, got ${options.dimensions}.`);
    }
    this.#db = db;
    this.#dimensions = options.dimensions;
    this.#efSearch = options.efSearch ?? pgVectorIndexDefaults.efSearch;
    this.#maxScanTuples = options.maxScanTuples;
    this.#upsertBatchRows = rowsPerInsert(vectorColumns, options.upsertBatchRows ?? pgVectorIndexDefaults.upsertBatchRows);
    this.#exactSearchMaxRows = options.exactSearchMaxRows ?? pgVectorIndexDefaults.exactSearchMaxRows;
  }

  /** Inserts or replaces vectors by key (`ON CONFLICT (key) DO UPDATE`), so re-indexing a document never duplicates. */
  async upsert(records: readonly VectorRecord[]): Promise<void> {
    assertVectorRecordKeys(records);
    const rows = records.map((record) => ({
      key: record.key,
      session_id: record.sessionId,
      document_id: record.documentId,
      chunk_index: record.chunkIndex,
      embedding: vectorLiteral(record.embedding, this.#dimensions, `"${record.key}"`),
    }));
    for (const batch of inBatches(rows, this.#upsertBatchRows)) {
      await this.#db
        .insertInto('chunk_vectors')
        .values(batch)
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet((eb) => ({
            session_id: eb.ref('excluded.session_id'),
            document_id: eb.ref('excluded.document_id'),
            chunk_index: eb.ref('excluded.chunk_index'),
            embedding: eb.ref('excluded.embedding'),
          })),
        )
        .execute();
    }
  }

  /** The topK nearest chunks of the session by cosine similarity, best first. A zero query vector matches nothing. */
  async query(query: VectorQuery): Promise<VectorMatch[]> {
    assertTopK(query.topK);
    const literal = vectorLiteral(query.embedding, this.#dimensions, 'the query');
    if (isZeroVector(query.embedding)) return [];
    const iterativeScan = await this.#supportsIterativeScan();
    return this.#db.transaction().execute(async (trx) => {
      let rows: MatchRow[] = [];
      const small = (await candidateCount(trx, query, this.#exactSearchMaxRows + 1)) <= this.#exactSearchMaxRows;
      if (!small) {
        // The selection is known to be large, so the HNSW walk is the plan to use. Without fresh
        // statistics (PGlite never autovacuums) the planner thinks every table is tiny and sorts
        // the whole session instead; the index scan is the only plan without a sort.
        await setLocal(trx, 'enable_sort', 'off');
        await setLocal(trx, 'hnsw.ef_search', String(Math.min(1_000, Math.max(this.#efSearch, query.topK))));
        if (iterativeScan) await setLocal(trx, 'hnsw.iterative_scan', 'strict_order');
        if (iterativeScan && this.#maxScanTuples !== undefined) await setLocal(trx, 'hnsw.max_scan_tuples', String(this.#maxScanTuples));
        rows = await nearest(trx, query, literal);
      }
      if (rows.length < query.topK) {
        // Exact: no HNSW index scan, so the B-tree on (session_id, document_id) picks the rows.
        await setLocal(trx, 'enable_indexscan', 'off');
        await setLocal(trx, 'enable_sort', 'on');
        rows = await nearest(trx, query, literal);
      }
      // A stored zero vector has no direction: its distance is NaN, and it is nobody's neighbour.
      return rows
        .filter((row) => !Number.isNaN(row.score))
        .map((row) => ({ key: row.key, documentId: row.document_id, chunkIndex: row.chunk_index, score: row.score }));
    });
  }

  async deleteDocument(target: DocumentVectors): Promise<void> {
    await this.#db
      .deleteFrom('chunk_vectors')
      .where('session_id', '=', target.sessionId)
      .where('document_id', '=', target.documentId)
      .execute();
  }

  /** Resolves when `chunk_vectors` is reachable and its column has this index's dimension. */
  async ping(): Promise<void> {
    const { rows } = await sql<{ dimensions: number | null }>`
      select atttypmod as dimensions from pg_attribute
      where attrelid = to_regclass('chunk_vectors') and attname = 'embedding' and not attisdropped
    `.execute(this.#db);
    const dimensions = rows[0]?.dimensions;
    if (dimensions === undefined || dimensions === null) {
      throw new Error('The pgvector index has no chunk_vectors table: run migrateChunkStore with vectorIndex "pgvector".');
    }
    if (dimensions !== this.#dimensions) {
      throw new Error(`chunk_vectors stores ${dimensions}-dimension vectors; this index was configured for ${this.#dimensions}.`);
    }
  }

  #supportsIterativeScan(): Promise<boolean> {
    if (!this.#iterativeScan) {
      const probe = sql<{ version: string }>`select extversion as version from pg_extension where extname = 'vector'`
        .execute(this.#db)
        .then(({ rows }) => rows[0] !== undefined && supportsIterativeScan(rows[0].version));
      // A failed probe (database down) is retried by the next query instead of being remembered.
      probe.catch(() => {
        if (this.#iterativeScan === probe) this.#iterativeScan = undefined;
      });
      this.#iterativeScan = probe;
    }
    return this.#iterativeScan;
  }
}

async function setLocal(trx: Transaction<ChunkStoreTables>, name: string, value: string): Promise<void> {
  await sql`select set_config(${name}, ${value}, true)`.execute(trx);
}

/** How many vectors the query's filter selects, counting no further than `limit`. */
async function candidateCount(trx: Transaction<ChunkStoreTables>, query: VectorQuery, limit: number): Promise<number> {
  const documentIds = documentFilter(query.documentIds);
  let candidates = trx.selectFrom('chunk_vectors').select('key').where('session_id', '=', query.sessionId);
  if (documentIds) candidates = candidates.where('document_id', '=', sql<string>`any(${documentIds}::text[])`);
  const { count } = await trx
    .selectFrom(candidates.limit(limit).as('candidates'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

async function nearest(trx: Transaction<ChunkStoreTables>, query: VectorQuery, literal: string): Promise<MatchRow[]> {
  const distance = sql`embedding <=> ${literal}::vector`;
  const documentIds = documentFilter(query.documentIds);
  let select = trx
    .selectFrom('chunk_vectors')
    .select(['key', 'document_id', 'chunk_index'])
    .select(sql<number>`1 - (${distance})`.as('score'))
    .where('session_id', '=', query.sessionId);
  if (documentIds) select = select.where('document_id', '=', sql<string>`any(${documentIds}::text[])`);
  return select.orderBy(distance).limit(query.topK).execute();
}
