import { databaseTargets } from '@student-helper/db-testing';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkOf, chunkRow } from '../../test/postgres/chunks.js';
import { openTarget, type OpenTarget } from '../../test/postgres/open-target.js';
import { termStatisticsContract } from '../../test/term-statistics-contract.js';
import type { ChunkStoreTables } from './chunk-store.tables.js';
import { migrateChunkStore } from './migrate-chunk-store.js';
import { PgChunkStore } from './pg-chunk-store.js';

const settings = { embeddingModelId: 'test-model', dimensions: 3, vectorIndex: 'none' } as const;

async function keysOf(db: Kysely<ChunkStoreTables>, documentId: string): Promise<string[]> {
  const rows = await db.selectFrom('chunks').select('key').where('document_id', '=', documentId).orderBy('chunk_index').execute();
  return rows.map((row) => row.key);
}

describe.each(databaseTargets())('PgChunkStore on $name', (target) => {
  let opened: OpenTarget<ChunkStoreTables>;
  let db: Kysely<ChunkStoreTables>;
  let store: PgChunkStore;
  beforeAll(async () => {
    opened = await openTarget<ChunkStoreTables>(target);
    db = opened.database.db;
    await migrateChunkStore(db, settings);
    store = new PgChunkStore(db);
  });
  afterAll(() => opened?.close());

  describe('replaceDocumentChunks', () => {
    it('is idempotent: a redelivered job leaves one copy', async () => {
      const chunks = [chunkOf('rep', 0, 'zero'), chunkOf('rep', 1, 'one'), chunkOf('rep', 2, 'two')];
      await store.replaceDocumentChunks('s-rep', 'rep', chunks);
      await store.replaceDocumentChunks('s-rep', 'rep', chunks);
      expect(await keysOf(db, 'rep')).toEqual(['rep#0', 'rep#1', 'rep#2']);
    });

    it('replaces, not merges: chunks missing from the new version are gone', async () => {
      await store.replaceDocumentChunks('s-rep2', 'rep2', [chunkOf('rep2', 0, 'a'), chunkOf('rep2', 1, 'b'), chunkOf('rep2', 2, 'c')]);
      await store.replaceDocumentChunks('s-rep2', 'rep2', [chunkOf('rep2', 0, 'new a'), chunkOf('rep2', 1, 'new b')]);
      expect((await store.getByKeys(['rep2#0', 'rep2#1', 'rep2#2'])).map((chunk) => chunk.text)).toEqual(['new a', 'new b']);
    });

    it('runs two concurrent replaces of one document one after the other, never mixing them', async () => {
      const five = [0, 1, 2, 3, 4].map((i) => chunkOf('race', i, `five-${i}`));
      const three = [0, 1, 2].map((i) => chunkOf('race', i, `three-${i}`));
      await Promise.all([store.replaceDocumentChunks('s-race', 'race', five), store.replaceDocumentChunks('s-race', 'race', three)]);
      const texts = (await db.selectFrom('chunks').select('text').where('document_id', '=', 'race').orderBy('chunk_index').execute()).map(
        (row) => row.text,
      );
      expect([five.map((c) => c.text), three.map((c) => c.text)]).toContainEqual(texts);
    });

    it('inserts more rows than one statement can bind (65,535 parameters) in batches', async () => {
      const many = Array.from({ length: 7_000 }, (_, i) => chunkOf('many', i, `chunk number ${i}`));
      const greedy = new PgChunkStore(db, { insertBatchRows: 100_000 });
      await greedy.replaceDocumentChunks('s-many', 'many', many);
      const { count } = await db
        .selectFrom('chunks')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('document_id', '=', 'many')
        .executeTakeFirstOrThrow();
      expect(count).toBe(7_000);
      expect((await store.getByKeys(['many#6999']))[0]?.text).toBe('chunk number 6999');
    });

    it('needs those batches: one INSERT of 7,000 chunks (77,000 parameters) is refused by Postgres', async () => {
      const rows = Array.from({ length: 7_000 }, (_, i) => chunkRow('one-statement', i));
      // Eleven columns a row; the protocol counts parameters in 16 bits: 77,000 wraps to 11,464.
      await expect(db.insertInto('chunks').values(rows).execute()).rejects.toThrow(
        'bind message has 11464 parameter formats but 0 parameters',
      );
      expect(await keysOf(db, 'one-statement')).toEqual([]);
    });

    it('rejects bad chunks before touching the stored ones', async () => {
      await store.replaceDocumentChunks('s-bad', 'bad', [chunkOf('bad', 0, 'kept')]);
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [chunkOf('other', 0, 'x')])).rejects.toThrow(
        'Chunk 0 belongs to document "other", not "bad".',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [chunkOf('bad', 1, 'x'), chunkOf('bad', 1, 'y')])).rejects.toThrow(
        'Chunk 1 of document "bad" appears twice.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [chunkOf('bad', 0, 'nul \u0000 here')])).rejects.toThrow(
        'Chunk 0 of document "bad" contains a NUL character, which Postgres text cannot store.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [{ ...chunkOf('bad', 0, 'x'), pageStart: 0, pageEnd: 0 }])).rejects.toThrow(
        'Chunk 0 of document "bad" spans pages 0–0; pages are 1-based and end ≥ start.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [{ ...chunkOf('bad', 0, 'x'), charStart: 5, charEnd: 2 }])).rejects.toThrow(
        'Chunk 0 of document "bad" spans characters 5–2; end must be ≥ start.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [{ ...chunkOf('bad', 0, 'x'), tokenCount: 1.5 }])).rejects.toThrow(
        'Chunk 0 of document "bad" has tokenCount 1.5; expected a non-negative integer.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [{ ...chunkOf('bad', 0, 'x'), ocrConfidence: 101 }])).rejects.toThrow(
        'Chunk 0 of document "bad" has ocrConfidence 101; expected an integer from 0 to 100.',
      );
      await expect(store.replaceDocumentChunks('s-bad', 'bad', [{ ...chunkOf('bad', 0, 'x'), ocrConfidence: 93.5 }])).rejects.toThrow(
        'Chunk 0 of document "bad" has ocrConfidence 93.5; expected an integer from 0 to 100.',
      );
      expect((await store.getByKeys(['bad#0'])).map((chunk) => chunk.text)).toEqual(['kept']);
    });
  });

  describe('getByKeys', () => {
    it('returns the chunks in the order of the keys, skipping unknown ones', async () => {
      await store.replaceDocumentChunks('s-get', 'get-a', [chunkOf('get-a', 0, 'a zero'), chunkOf('get-a', 1, 'a one', 3)]);
      await store.replaceDocumentChunks('s-get', 'get-b', [chunkOf('get-b', 0, 'b zero')]);
      expect(await store.getByKeys(['get-b#0', 'nope#1', 'get-a#1', 'get-a#0'])).toEqual([
        { key: 'get-b#0', sessionId: 's-get', documentId: 'get-b', index: 0, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 6, text: 'b zero', tokenCount: 2 },
        { key: 'get-a#1', sessionId: 's-get', documentId: 'get-a', index: 1, pageStart: 3, pageEnd: 3, charStart: 100, charEnd: 105, text: 'a one', tokenCount: 2 },
        { key: 'get-a#0', sessionId: 's-get', documentId: 'get-a', index: 0, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 6, text: 'a zero', tokenCount: 2 },
      ]);
      expect(await store.getByKeys([])).toEqual([]);
    });

    it('returns the OCR confidence of a chunk read by OCR, and none for a text-layer chunk', async () => {
      await store.replaceDocumentChunks('s-ocr', 'scan', [{ ...chunkOf('scan', 0, 'perceived ease of use', 6), ocrConfidence: 94 }, chunkOf('scan', 1, 'cover')]);
      expect(await store.getByKeys(['scan#0', 'scan#1'])).toStrictEqual([
        { key: 'scan#0', sessionId: 's-ocr', documentId: 'scan', index: 0, pageStart: 6, pageEnd: 6, charStart: 0, charEnd: 21, text: 'perceived ease of use', tokenCount: 4, ocrConfidence: 94 },
        { key: 'scan#1', sessionId: 's-ocr', documentId: 'scan', index: 1, pageStart: 1, pageEnd: 1, charStart: 100, charEnd: 105, text: 'cover', tokenCount: 1 },
      ]);
      expect((await store.searchLexical({ sessionId: 's-ocr', text: 'ease of use', topK: 5 })).map((chunk) => [chunk.key, chunk.ocrConfidence])).toEqual([['scan#0', 94]]);
    });
  });

  describe('searchLexical', () => {
    beforeAll(async () => {
      await store.replaceDocumentChunks('s-lex', 'bio', [
        chunkOf('bio', 0, 'The mitochondria is the powerhouse of the cell. Mitochondria produce ATP for the cell.'),
        chunkOf('bio', 1, 'Photosynthesis happens in the chloroplasts of plant cells.'),
        chunkOf('bio', 2, 'ATP ATP ATP ATP ATP ATP. Energy currency. ATP again and ATP.'),
      ]);
      await store.replaceDocumentChunks('s-lex', 'enzymes', [
        chunkOf('enzymes', 0, 'ATP synthase is the enzyme that makes energy inside mitochondria.'),
        chunkOf('enzymes', 1, 'The French revolution began in 1789.'),
      ]);
      await store.replaceDocumentChunks('s-other', 'foreign', [
        chunkOf('foreign', 0, 'Mitochondria produce ATP, says another student’s document.'),
      ]);
    });

    it('ranks chunks holding more of the question’s terms first, stemming words', async () => {
      const results = await store.searchLexical({ sessionId: 's-lex', text: 'How do mitochondria produce ATP?', topK: 10 });
      expect(results.map((chunk) => chunk.key)).toEqual(['bio#0', 'enzymes#0', 'bio#2']);
      // Three distinct terms > two > one term repeated eight times (ts_rank_cd would put that one first).
      const scores = results.map((chunk) => chunk.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(new Set(scores).size).toBe(3);
      expect(Math.min(...scores)).toBeGreaterThan(0);
    });

    it('finds chunks for a question whose words never all appear together', async () => {
      const results = await store.searchLexical({ sessionId: 's-lex', text: 'chloroplasts or the revolution of 1789?', topK: 10 });
      expect(results.map((chunk) => chunk.key)).toEqual(['enzymes#1', 'bio#1']);
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from chunks where text_search @@ plainto_tsquery('english', 'chloroplasts or the revolution of 1789?')
      `.execute(db);
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('returns the full chunk with its score, and honours topK', async () => {
      const [best, ...rest] = await store.searchLexical({ sessionId: 's-lex', text: 'mitochondria ATP', topK: 1 });
      expect(rest).toEqual([]);
      expect(best).toMatchObject({ key: 'bio#0', sessionId: 's-lex', documentId: 'bio', index: 0, pageStart: 1, charStart: 0 });
    });

    it('searches only the given session', async () => {
      const results = await store.searchLexical({ sessionId: 's-other', text: 'mitochondria produce ATP', topK: 10 });
      expect(results.map((chunk) => chunk.key)).toEqual(['foreign#0']);
      expect(await store.searchLexical({ sessionId: 's-nobody', text: 'mitochondria', topK: 10 })).toEqual([]);
    });

    it('searches only the given documents; an empty list means the whole session', async () => {
      const only = await store.searchLexical({ sessionId: 's-lex', documentIds: ['enzymes'], text: 'mitochondria ATP', topK: 10 });
      expect(only.map((chunk) => chunk.key)).toEqual(['enzymes#0']);
      const all = await store.searchLexical({ sessionId: 's-lex', documentIds: [], text: 'mitochondria ATP', topK: 10 });
      expect(all.map((chunk) => chunk.key)).toEqual(['bio#0', 'enzymes#0', 'bio#2']);
    });

    it('finds nothing in stop words or punctuation', async () => {
      expect(await store.searchLexical({ sessionId: 's-lex', text: 'what is the of and', topK: 10 })).toEqual([]);
      expect(await store.searchLexical({ sessionId: 's-lex', text: '?!', topK: 10 })).toEqual([]);
    });

    it('rejects a topK outside 1..1000', async () => {
      for (const topK of [0, 1.5, 1001]) {
        await expect(store.searchLexical({ sessionId: 's-lex', text: 'atp', topK })).rejects.toThrow(
          `topK must be an integer from 1 to 1000, got ${topK}.`,
        );
      }
    });
  });

  describe('termStatistics', () => {
    termStatisticsContract(() => store, 'pg');

    it('stores each chunk’s term count and, per term, how many of the document’s chunks hold it', async () => {
      await store.replaceDocumentChunks('s-terms', 'terms', [
        chunkOf('terms', 0, 'Net PP&E: capital, capital and FY2018.'),
        chunkOf('terms', 1, 'Capital markets.'),
      ]);
      const counts = await db.selectFrom('chunks').select(['key', 'term_count']).where('document_id', '=', 'terms').orderBy('key').execute();
      expect(counts).toEqual([
        { key: 'terms#0', term_count: 8 },
        { key: 'terms#1', term_count: 2 },
      ]);
      const terms = await db.selectFrom('document_terms').select(['term', 'chunks']).where('document_id', '=', 'terms').orderBy('term').execute();
      expect(terms).toEqual([
        { term: '2018', chunks: 1 },
        { term: 'capit', chunks: 2 },
        { term: 'fy', chunks: 1 },
        { term: 'fy2018', chunks: 1 },
        { term: 'market', chunks: 1 },
        { term: 'net', chunks: 1 },
        { term: 'pp', chunks: 1 },
        { term: 'pp&e', chunks: 1 },
      ]);
    });

    it('writes term rows of a large document in batches within the bind-parameter limit', async () => {
      // 20,000 distinct terms × 4 columns = 80,000 parameters: more than one statement may carry.
      const words = Array.from({ length: 20_000 }, (_, i) => `w${i}x`).join(' ');
      await new PgChunkStore(db, { insertBatchRows: 100_000 }).replaceDocumentChunks('s-wide', 'wide', [chunkOf('wide', 0, words)]);
      const stats = await store.termStatistics({ sessionId: 's-wide', terms: ['w0x', 'w19999x'] });
      expect([stats.chunks, [...stats.chunksWithTerm]]).toEqual([1, [['w0x', 1], ['w19999x', 1]]]);
    });
  });

  describe('deleteDocument', () => {
    it('removes that document’s chunks and nothing else', async () => {
      await store.replaceDocumentChunks('s-del', 'del-a', [chunkOf('del-a', 0, 'gone'), chunkOf('del-a', 1, 'gone too')]);
      await store.replaceDocumentChunks('s-del', 'del-b', [chunkOf('del-b', 0, 'stays')]);
      await store.deleteDocument('del-a');
      expect(await store.getByKeys(['del-a#0', 'del-a#1', 'del-b#0'])).toMatchObject([{ key: 'del-b#0' }]);
      await store.deleteDocument('del-a');
      expect(await keysOf(db, 'del-b')).toEqual(['del-b#0']);
    });
  });
});
