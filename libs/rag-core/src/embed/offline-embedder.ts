import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EmbedOptions, Embedder } from '../ports/embedder.js';
import { analyzeText } from './analyze.js';
import { hashFeature } from './feature-hash.js';
import { offlineEmbedderDefaults, type OfflineEmbedderOptions } from './offline-embedder.defaults.js';

const modelFamily = 'offline-hash-v1';
const numberTerm = /^\p{N}/u;

/**
 * An embedder that needs no model download and no network: a signed feature-hashing
 * ("hashing trick") bag of words.
 *
 * 1. Analyse: NFKC, lower-case, drop stop words, Porter-stem ({@link analyzeText}).
 * 2. Features: every term, and every pair of adjacent terms ("cash flow") at `bigramWeight`.
 * 3. Weight: sublinear term frequency `1 + ln(tf)`, times `numberWeight` for numbers (tables
 *    hold hundreds of distinct amounts that would otherwise drown the words).
 * 4. Hash: 32-bit FNV-1a + murmur3 finaliser; bucket `hash % dimensions`, sign from the top
 *    bit, so colliding features cancel on average instead of piling up.
 * 5. L2-normalise, so cosine similarity is a dot product. A text without one meaningful term
 *    embeds to the unit vector on dimension 0 (zero vectors break cosine indexes).
 *
 * Queries and passages are embedded the same way. Deterministic on every platform: integer
 * hashing, no randomness, float32 output of the same float64 arithmetic.
 */
export class OfflineEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  private readonly options: Required<OfflineEmbedderOptions>;

  constructor(options: OfflineEmbedderOptions = {}) {
    const resolved = { ...offlineEmbedderDefaults };
    for (const [key, value] of Object.entries(options) as [keyof OfflineEmbedderOptions, number | undefined][]) {
      if (value !== undefined) resolved[key] = value;
    }
    if (!Number.isInteger(resolved.dimensions) || resolved.dimensions < 2) {
      throw new RangeError(`OfflineEmbedder dimensions must be an integer >= 2, got ${resolved.dimensions}`);
    }
    if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1) {
      throw new RangeError(`OfflineEmbedder batchSize must be a positive integer, got ${resolved.batchSize}`);
    }
    for (const key of ['bigramWeight', 'numberWeight'] as const) {
      if (!(resolved[key] >= 0 && Number.isFinite(resolved[key]))) {
        throw new RangeError(`OfflineEmbedder ${key} must be a finite number >= 0, got ${resolved[key]}`);
      }
    }
    this.options = resolved;
    this.dimensions = resolved.dimensions;
    this.modelId = modelIdFor(resolved);
  }

  async embedDocuments(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      options.signal?.throwIfAborted();
      for (const text of texts.slice(start, start + this.options.batchSize)) vectors.push(this.embed(text));
      // Embedding a 350-page book takes a few seconds: let other requests run in between.
      if (start + this.options.batchSize < texts.length) await yieldToEventLoop();
    }
    return vectors;
  }

  async embedQuery(text: string, options: EmbedOptions = {}): Promise<Float32Array> {
    options.signal?.throwIfAborted();
    return this.embed(text);
  }

  /** The weighted features of a text before hashing (exposed for tests and debugging). */
  features(text: string): Map<string, number> {
    const terms = analyzeText(text);
    const counts = new Map<string, number>();
    const add = (feature: string): void => void counts.set(feature, (counts.get(feature) ?? 0) + 1);
    terms.forEach((term, i) => {
      add(term);
      if (this.options.bigramWeight > 0 && i > 0) add(`${terms[i - 1]} ${term}`);
    });
    const weights = new Map<string, number>();
    for (const [feature, count] of counts) {
      const kindWeight = feature.includes(' ')
        ? this.options.bigramWeight
        : numberTerm.test(feature)
          ? this.options.numberWeight
          : 1;
      if (kindWeight > 0) weights.set(feature, kindWeight * (1 + Math.log(count)));
    }
    return weights;
  }

  private embed(text: string): Float32Array {
    const { dimensions } = this;
    const vector = new Float64Array(dimensions);
    for (const [feature, weight] of this.features(text)) {
      const hash = hashFeature(feature);
      vector[hash % dimensions] += hash & 0x80000000 ? -weight : weight;
    }
    let norm = 0;
    for (let i = 0; i < dimensions; i += 1) norm += (vector[i] as number) ** 2;
    const out = new Float32Array(dimensions);
    if (norm === 0) {
      out[0] = 1;
      return out;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i += 1) out[i] = (vector[i] as number) * scale;
    return out;
  }
}

function modelIdFor(options: Required<OfflineEmbedderOptions>): string {
  const changed = (['dimensions', 'bigramWeight', 'numberWeight'] as const).filter(
    (key) => options[key] !== offlineEmbedderDefaults[key],
  );
  return changed.length === 0 ? modelFamily : `${modelFamily}?${changed.map((k) => `${k}=${options[k]}`).join('&')}`;
}
