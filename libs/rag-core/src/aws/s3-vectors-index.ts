import {
  DeleteVectorsCommand,
  GetIndexCommand,
  PutVectorsCommand,
  QueryVectorsCommand,
  S3VectorsClient,
  type PutInputVector,
  type QueryVectorsCommandInput,
} from '@aws-sdk/client-s3vectors';
import { chunkKey } from '../model.js';
import type { DocumentVectors, VectorIndex, VectorMatch, VectorQuery, VectorRecord } from '../ports/vector-index.js';
import { documentFilter } from '../postgres/search-limits.js';
import { assertEmbedding, isZeroVector } from '../postgres/vector-literal.js';
import { assertVectorRecordKeys } from '../vector-record-keys.js';
import { nonEmpty } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';
import { putVectorsMaxRequestBytes, s3VectorsIndexDefaults, s3VectorsLimits } from './s3-vectors-index.defaults.js';
import { sizedBatches } from './sized-batches.js';

export interface S3VectorsIndexOptions {
  /** Region of the S3 Vectors endpoint. Required unless `client` is given. */
  region?: string;
  /** A pre-built client (tests, another endpoint or credentials). */
  client?: S3VectorsClient;
  vectorBucketName: string;
  indexName: string;
  /** The index's dimension (the embedder's `dimensions`). */
  dimensions: number;
  /**
   * The index's non-filterable metadata key for the chunk text. Default `text_content`;
   * `null` stores no text.
   */
  textMetadataKey?: string | null;
  /** Chunk text kept per vector, in UTF-8 bytes. Default {@link s3VectorsIndexDefaults.maxTextBytes}. */
  maxTextBytes?: number;
}

/** The filterable metadata of every vector this index writes. */
export interface FilterableVectorMetadata {
  documentId: string;
  sessionId: string;
  /** The chunk's first page. */
  page: number;
  chunkIndex: number;
}

type Filter = NonNullable<QueryVectorsCommandInput['filter']>;

const encoder = new TextEncoder();

/**
 * `VectorIndex` on an Amazon S3 Vectors index (float32, cosine). Each chunk is one vector
 * keyed `documentId#chunkIndex` with filterable metadata `documentId`, `sessionId`, `page`,
 * `chunkIndex` and the chunk text in the non-filterable `text_content`. Writes go in
 * `PutVectors` calls of at most 500 vectors (and ~16 MiB); queries filter on the session
 * (and documents) and return at most 100 matches, scored 1 − cosine distance. S3 Vectors
 * cannot delete by filter: `deleteDocument` deletes the keys `documentId#0` to
 * `#chunkCount−1`, 500 per call.
 */
export class S3VectorsIndex implements VectorIndex {
  readonly #client: S3VectorsClient;
  readonly #bucket: string;
  readonly #index: string;
  readonly #dimensions: number;
  readonly #textKey: string | null;
  readonly #maxTextBytes: number;

  constructor(options: S3VectorsIndexOptions) {
    this.#bucket = nonEmpty(options.vectorBucketName, 'vectorBucketName');
    this.#index = nonEmpty(options.indexName, 'indexName');
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1 || options.dimensions > 4_096) {
      throw new RangeError(`dimensions must be an integer from 1 to 4096 (the S3 Vectors range), got ${options.dimensions}.`);
    }
    this.#dimensions = options.dimensions;
    this.#textKey = options.textMetadataKey === undefined ? s3VectorsIndexDefaults.textMetadataKey : options.textMetadataKey;
    if (this.#textKey !== null) nonEmpty(this.#textKey, 'textMetadataKey');
    this.#maxTextBytes = options.maxTextBytes ?? s3VectorsIndexDefaults.maxTextBytes;
    if (!Number.isInteger(this.#maxTextBytes) || this.#maxTextBytes < 0 || this.#maxTextBytes > s3VectorsLimits.totalMetadataBytes - s3VectorsLimits.filterableMetadataBytes) {
      throw new RangeError(`maxTextBytes must be an integer from 0 to ${s3VectorsLimits.totalMetadataBytes - s3VectorsLimits.filterableMetadataBytes}, got ${this.#maxTextBytes}.`);
    }
    this.#client = options.client ?? new S3VectorsClient({ region: requireRegion(options.region) });
  }

  /** Writes the vectors; an existing key is replaced, so re-indexing a document never duplicates. */
  async upsert(records: readonly VectorRecord[]): Promise<void> {
    // S3 Vectors would also fail a whole PutVectors call that repeats a key.
    assertVectorRecordKeys(records);
    const vectors = records.map((record) => this.#toVector(record));
    const sizeOf = (vector: PutInputVector): number => estimatedJsonBytes(vector, this.#dimensions);
    for (const batch of sizedBatches(vectors, s3VectorsLimits.putBatch, putVectorsMaxRequestBytes, sizeOf)) {
      await this.#client.send(new PutVectorsCommand({ vectorBucketName: this.#bucket, indexName: this.#index, vectors: batch }));
    }
  }

  /** The topK (at most 100) nearest chunks of the session, best first. A zero query vector matches nothing. */
  async query(query: VectorQuery): Promise<VectorMatch[]> {
    if (!Number.isInteger(query.topK) || query.topK < 1) throw new RangeError(`topK must be a positive integer, got ${query.topK}.`);
    assertEmbedding(query.embedding, this.#dimensions, 'the query');
    if (isZeroVector(query.embedding)) return [];
    const topK = Math.min(query.topK, s3VectorsLimits.maxTopK);
    const matches: VectorMatch[] = [];
    let nextToken: string | undefined;
    do {
      const response = await this.#client.send(
        new QueryVectorsCommand({
          vectorBucketName: this.#bucket,
          indexName: this.#index,
          topK,
          queryVector: { float32: Array.from(query.embedding) },
          filter: sessionFilter(query),
          returnMetadata: true,
          returnDistance: true,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      const page = response.vectors ?? [];
      for (const vector of page) matches.push(toMatch(vector));
      nextToken = page.length > 0 ? response.nextToken : undefined;
    } while (nextToken && matches.length < topK);
    return matches.slice(0, topK);
  }

  async deleteDocument(target: DocumentVectors): Promise<void> {
    if (!Number.isInteger(target.chunkCount) || target.chunkCount < 0) {
      throw new RangeError(`chunkCount must be a non-negative integer, got ${target.chunkCount}.`);
    }
    const keys = Array.from({ length: target.chunkCount }, (_, index) => chunkKey(target.documentId, index));
    for (const batch of sizedBatches(keys, s3VectorsLimits.deleteBatch, Number.POSITIVE_INFINITY, () => 0)) {
      await this.#client.send(new DeleteVectorsCommand({ vectorBucketName: this.#bucket, indexName: this.#index, keys: batch }));
    }
  }

  /** Resolves when the index exists with this dimension, the cosine metric and the text key non-filterable. */
  async ping(): Promise<void> {
    const { index } = await this.#client.send(new GetIndexCommand({ vectorBucketName: this.#bucket, indexName: this.#index }));
    const where = `S3 Vectors index ${this.#bucket}/${this.#index}`;
    if (!index) throw new Error(`${where} was not returned by GetIndex.`);
    if (index.dimension !== this.#dimensions) {
      throw new Error(`${where} stores ${index.dimension}-dimension vectors; this app was configured for ${this.#dimensions}.`);
    }
    if (index.distanceMetric !== 'cosine') throw new Error(`${where} uses the ${index.distanceMetric} metric; scores assume cosine.`);
    const nonFilterable = index.metadataConfiguration?.nonFilterableMetadataKeys ?? [];
    if (this.#textKey !== null && !nonFilterable.includes(this.#textKey)) {
      throw new Error(`${where} does not declare "${this.#textKey}" non-filterable; chunk text would exceed the 2 KB filterable metadata.`);
    }
  }

  #toVector(record: VectorRecord): PutInputVector {
    assertEmbedding(record.embedding, this.#dimensions, `"${record.key}"`);
    if (isZeroVector(record.embedding)) throw new RangeError(`Embedding of "${record.key}" is all zeros: a cosine index cannot store it.`);
    const filterable: FilterableVectorMetadata = {
      documentId: record.documentId,
      sessionId: record.sessionId,
      page: record.pageStart,
      chunkIndex: record.chunkIndex,
    };
    const filterableBytes = filterableMetadataBytes(filterable);
    if (filterableBytes > s3VectorsLimits.filterableMetadataBytes) {
      throw new RangeError(`Filterable metadata of "${record.key}" takes ${filterableBytes} bytes; S3 Vectors allows ${s3VectorsLimits.filterableMetadataBytes}.`);
    }
    const metadata: Record<string, string | number> = { ...filterable };
    if (this.#textKey !== null) metadata[this.#textKey] = truncateUtf8(record.text, this.#maxTextBytes);
    return { key: record.key, data: { float32: Array.from(record.embedding) }, metadata };
  }
}

/** Size of the filterable metadata as its JSON encoding in UTF-8 bytes (how the 2 KB limit is checked here). */
export function filterableMetadataBytes(metadata: FilterableVectorMetadata): number {
  return encoder.encode(JSON.stringify(metadata)).length;
}

/** The longest prefix of `text` that is at most `maxBytes` in UTF-8, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}

function sessionFilter(query: VectorQuery): Filter {
  const session: Filter = { sessionId: { $eq: query.sessionId } };
  const documentIds = documentFilter(query.documentIds);
  return documentIds ? { $and: [session, { documentId: { $in: documentIds } }] } : session;
}

function toMatch(vector: { key?: string; distance?: number; metadata?: unknown }): VectorMatch {
  const metadata = (vector.metadata ?? {}) as Partial<Record<keyof FilterableVectorMetadata, unknown>>;
  const { documentId, chunkIndex } = metadata;
  if (typeof vector.key !== 'string' || typeof documentId !== 'string' || !Number.isInteger(chunkIndex) || typeof vector.distance !== 'number') {
    throw new Error(`S3 Vectors returned "${vector.key}" without a distance or its documentId/chunkIndex metadata; was it written by this index?`);
  }
  return { key: vector.key, documentId, chunkIndex: chunkIndex as number, score: 1 - vector.distance };
}

/** A bound on the JSON size of one vector in a PutVectors request: ≤ 24 characters per float32 widened to a double. */
function estimatedJsonBytes(vector: PutInputVector, dimensions: number): number {
  return 24 * dimensions + encoder.encode(JSON.stringify(vector.metadata)).length + (vector.key ?? '').length + 64;
}
