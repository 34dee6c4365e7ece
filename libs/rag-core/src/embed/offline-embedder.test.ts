import { describe, expect, it } from 'vitest';
import { OfflineEmbedder } from './offline-embedder.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

describe('OfflineEmbedder', () => {
  const embedder = new OfflineEmbedder();

  it('has 1024 dimensions and the model id offline-hash-v1 by default', () => {
    expect(embedder.dimensions).toBe(1024);
    expect(embedder.modelId).toBe('offline-hash-v1');
  });

  it('produces the same unit vector on every run: exact non-zero entries of a short query', async () => {
    const vector = await embedder.embedQuery('Cash flow statement');
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector.length).toBe(1024);
    const entries = [...vector.entries()].filter(([, x]) => x !== 0);
    // cash, flow, statement (weight 1) and the bigrams "cash flow", "flow statement" (0.5) → norm √3.5.
    const w = Math.fround(1 / Math.sqrt(3.5));
    const h = Math.fround(0.5 / Math.sqrt(3.5));
    expect(entries).toEqual([
      [9, w],
      [35, w],
      [226, w],
      [619, -h],
      [702, h],
    ]);
    expect(norm(vector)).toBeCloseTo(1, 6);
  });

  it('weights features by sublinear term frequency, bigrams and numbers at their weights', () => {
    expect(Object.fromEntries(embedder.features('Cash flows, cash flow and the statement of 2,018 items.'))).toEqual({
      cash: 1 + Math.log(2),
      flow: 1 + Math.log(2),
      'cash flow': 0.5 * (1 + Math.log(2)),
      'flow cash': 0.5,
      statement: 1,
      'flow statement': 0.5,
      '2018': 0.5,
      'statement 2018': 0.5,
      item: 1,
      '2018 item': 0.5,
    });
  });

  it('ranks a passage sharing the question terms above a partly related and unrelated ones', async () => {
    const passages = [
      'Capital expenditures were $1,577 million in 2018, mainly purchases of property, plant and equipment.',
      'Lima is the capital and largest city of Peru.',
      'The consolidated statement of cash flows shows net cash provided by operating activities.',
      'The recipe needs flour, tomatoes, mozzarella and fresh basil leaves.',
    ];
    const query = await embedder.embedQuery('What were the capital expenditures in 2018?');
    const scores = (await embedder.embedDocuments(passages)).map((v) => dot(query, v));
    expect(scores[0]).toBeCloseTo(0.4944, 3);
    expect(scores[1]).toBeCloseTo(0.2462, 3);
    expect(scores[2]).toBe(0);
    expect(scores[3]).toBe(0);
  });

  it('embeds texts without a meaningful term to the unit vector on dimension 0', async () => {
    for (const text of ['', '   ', 'What is it?']) {
      const vector = await embedder.embedQuery(text);
      expect(vector[0]).toBe(1);
      expect(norm(vector)).toBe(1);
    }
  });

  it('returns one vector per text in input order, the same as embedding them one by one', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `Passage ${i} about revenue and margins ${i % 7}`);
    const batch = await new OfflineEmbedder({ batchSize: 16 }).embedDocuments(texts);
    expect(batch).toHaveLength(150);
    for (const i of [0, 15, 16, 149]) expect(batch[i]).toEqual(await embedder.embedQuery(texts[i] as string));
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it('honours the configured dimension and names non-default settings in the model id', async () => {
    const small = new OfflineEmbedder({ dimensions: 256, bigramWeight: 0 });
    expect(small.modelId).toBe('offline-hash-v1?dimensions=256&bigramWeight=0');
    expect((await small.embedQuery('cash flow')).length).toBe(256);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    await expect(embedder.embedDocuments(['a b c'], { signal: controller.signal })).rejects.toThrow('client went away');
    await expect(embedder.embedQuery('a b c', { signal: controller.signal })).rejects.toThrow('client went away');
  });

  it('rejects invalid options with the name of the option', () => {
    expect(() => new OfflineEmbedder({ dimensions: 1 })).toThrow('OfflineEmbedder dimensions must be an integer >= 2, got 1');
    expect(() => new OfflineEmbedder({ batchSize: 0 })).toThrow('OfflineEmbedder batchSize must be a positive integer, got 0');
    expect(() => new OfflineEmbedder({ numberWeight: -1 })).toThrow(
      'OfflineEmbedder numberWeight must be a finite number >= 0, got -1',
    );
  });
});
