import { sql, type Kysely, type Selectable } from 'kysely';
import type { Chunk, ScoredChunk, StoredChunk } from '../model.js';
import { chunkKey } from '../model.js';
import type { ChunkStore, LexicalQuery, TermStatistics, TermStatisticsQuery } from '../ports/chunk-store.js';
import { inBatches, rowsPerInsert } from './batches.js';
import { assertDocumentChunks } from './chunk-validation.js';
import { chunkStoreDefaults } from './chunk-store.defaults.js';
import { documentTerms } from './chunk-terms.js';
import type { ChunksTable, ChunkStoreTables } from './chunk-store.tables.js';
import { orQueryText } from './lexical-query.js';
import { assertTopK, documentFilter } from './search-limits.js';

export interface PgChunkStoreOptions {
  /** Rows per INSERT (clamped to Postgres' 65,535 bind parameters). Default {@link chunkStoreDefaults.insertBatchRows}. */
  insertBatchRows?: number;
}

const chunkColumns = [
  'key',
  'session_id',
  'document_id',
  'chunk_index',
  'page_start',
  'page_end',
  'char_start',
  'char_end',
  'text',
  'token_count',
  'ocr_confidence',
] as const;

type ChunkRow = Pick<Selectable<ChunksTable>, (typeof chunkColumns)[number]>;

/** Columns of one inserted `chunks` row: the chunk's, and its term count. */
const insertedColumnCount = chunkColumns.length + 1;
/** Columns of one `document_terms` row. */
const documentTermColumnCount = 4;

const textSearchConfig = sql.lit(chunkStoreDefaults.textSearchConfig);

/**
 * `ChunkStore` on Postgres (PGlite or a server) over rag-core's `chunks` table — run
 * `migrateChunkStore` first. Lexical search is Postgres full-text search: the question's
 * terms ORed (see `orQueryText`), matched against the GIN-indexed `text_search` column and
 * ranked with `ts_rank(…, 1)`.
 *
 * Why `ts_rank` and not `ts_rank_cd`: for an OR query every single matching word is a complete
 * "cover", so cover density degenerates into counting occurrences — a chunk repeating one
 * common word outranks one that holds every distinct term of the question. `ts_rank` adds up
 * each query term with diminishing returns for repeats (like BM25's saturation), so breadth of
 * matched terms wins. Normalisation 1 divides by 1 + log(length): with equal hits the shorter,
 * more focused chunk ranks first, mildly, since chunks are of similar size by construction.
 */
export class PgChunkStore implements ChunkStore {
  readonly #db: Kysely<ChunkStoreTables>;
  readonly #insertBatchRows: number;
  readonly #termBatchRows: number;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<Database>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>, options: PgChunkStoreOptions = {}) {
    this.#db = db;
    const requestedRows = options.insertBatchRows ?? chunkStoreDefaults.insertBatchRows;
    this.#insertBatchRows = rowsPerInsert(insertedColumnCount, requestedRows);
    this.#termBatchRows = rowsPerInsert(documentTermColumnCount, requestedRows);
  }

  /**
   * Deletes the document's chunks and inserts `chunks` in one transaction, so a redelivered
   * job leaves exactly one copy. A per-document advisory lock makes two concurrent replaces of
   * the same document run one after the other (without it, both see no rows to delete and the
   * second insert collides with the first's keys, or mixes the two versions).
   */
  async replaceDocumentChunks(sessionId: string, documentId: string, chunks: readonly Chunk[]): Promise<void> {
    assertDocumentChunks(sessionId, documentId, chunks);
    const analysed = documentTerms(chunks.map((chunk) => chunk.text));
    const rows = chunks.map((chunk, i) => ({
      key: chunkKey(documentId, chunk.index),
      session_id: sessionId,
      document_id: documentId,
      chunk_index: chunk.index,
      page_start: chunk.pageStart,
      page_end: chunk.pageEnd,
      char_start: chunk.charStart,
      char_end: chunk.charEnd,
      text: chunk.text,
      token_count: chunk.tokenCount,
      ocr_confidence: chunk.ocrConfidence ?? null,
      term_count: analysed.termCounts[i] as number,
    }));
    const termRows = [...analysed.chunksWithTerm].map(([term, count]) => ({ document_id: documentId, session_id: sessionId, term, chunks: count }));
    await this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`rag-core:chunks:${documentId}`}, 0))`.execute(trx);
      await trx.deleteFrom('chunks').where('document_id', '=', documentId).execute();
      await trx.deleteFrom('document_terms').where('document_id', '=', documentId).execute();
      for (const batch of inBatches(rows, this.#insertBatchRows)) {
        await trx.insertInto('chunks').values(batch).execute();
      }
      for (const batch of inBatches(termRows, this.#termBatchRows)) {
        await trx.insertInto('document_terms').values(batch).execute();
      }
    });
  }

  async getByKeys(keys: readonly string[]): Promise<StoredChunk[]> {
    if (keys.length === 0) return [];
    const rows = await this.#db
      .selectFrom('chunks')
      .select(chunkColumns)
      .where('key', '=', sql<string>`any(${[...new Set(keys)]}::text[])`)
      .execute();
    const byKey = new Map(rows.map((row) => [row.key, toStoredChunk(row)]));
    return keys.flatMap((key) => {
      const chunk = byKey.get(key);
      return chunk ? [chunk] : [];
    });
  }

  async searchLexical(query: LexicalQuery): Promise<ScoredChunk[]> {
    assertTopK(query.topK);
    const text = orQueryText(query.text);
    if (text === undefined) return [];
    const documentIds = documentFilter(query.documentIds);
    let select = this.#db
      .selectFrom(['chunks', sql`websearch_to_tsquery(${textSearchConfig}::regconfig, ${text})`.as('query')])
      .select(chunkColumns)
      .select(sql<number>`ts_rank(text_search, query, 1)`.as('score'))
      .where('session_id', '=', query.sessionId)
      .where(sql<boolean>`text_search @@ query`);
    if (documentIds) select = select.where('document_id', '=', sql<string>`any(${documentIds}::text[])`);
    const rows = await select.orderBy('score', 'desc').orderBy('document_id').orderBy('chunk_index').limit(query.topK).execute();
    return rows.map((row) => ({ ...toStoredChunk(row), score: row.score }));
  }

  /**
   * Term counts come from `document_terms`, one index range per term and document; the totals
   * from the session's chunks. Neither depends on planner statistics (PGlite has no autovacuum).
   */
  async termStatistics(query: TermStatisticsQuery): Promise<TermStatistics> {
    const terms = [...new Set(query.terms)];
    const documentIds = documentFilter(query.documentIds);
    const [totals, counts] = await Promise.all([
      this.#db
        .selectFrom('chunks')
        .select([sql<number>`count(*)::integer`.as('chunks'), sql<number>`coalesce(avg(term_count), 0)::float8`.as('average')])
        .where('session_id', '=', query.sessionId)
        .$if(documentIds !== undefined, (select) => select.where('document_id', '=', sql<string>`any(${documentIds}::text[])`))
        .executeTakeFirstOrThrow(),
      terms.length === 0
        ? []
        : this.#db
            .selectFrom('document_terms')
            .select(['term', sql<number>`sum(chunks)::integer`.as('chunks')])
            .where('session_id', '=', query.sessionId)
            .where('term', '=', sql<string>`any(${terms}::text[])`)
            .$if(documentIds !== undefined, (select) => select.where('document_id', '=', sql<string>`any(${documentIds}::text[])`))
            .groupBy('term')
            .execute(),
    ]);
    const chunksWithTerm = new Map(terms.map((term) => [term, 0]));
    for (const row of counts) chunksWithTerm.set(row.term, row.chunks);
    return { chunks: totals.chunks, averageTermCount: totals.average, chunksWithTerm };
  }

  async deleteDocument(documentId: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('chunks').where('document_id', '=', documentId).execute();
      await trx.deleteFrom('document_terms').where('document_id', '=', documentId).execute();
    });
  }
}

function toStoredChunk(row: ChunkRow): StoredChunk {
  return {
    key: row.key,
    sessionId: row.session_id,
    documentId: row.document_id,
    index: row.chunk_index,
    pageStart: row.page_start,
    pageEnd: row.page_end,
    charStart: row.char_start,
    charEnd: row.char_end,
    text: row.text,
    tokenCount: row.token_count,
    ...(row.ocr_confidence !== null && { ocrConfidence: row.ocr_confidence }),
  };
}
