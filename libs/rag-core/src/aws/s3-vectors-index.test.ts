import {
  DeleteVectorsCommand,
  GetIndexCommand,
  PutVectorsCommand,
  QueryVectorsCommand,
  S3VectorsClient,
  type PutInputVector,
} from '@aws-sdk/client-s3vectors';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VectorRecord } from '../ports/vector-index.js';
import { filterableMetadataBytes, S3VectorsIndex, truncateUtf8, type S3VectorsIndexOptions } from './s3-vectors-index.js';
import { s3VectorsLimits } from './s3-vectors-index.defaults.js';

const client = new S3VectorsClient({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const vectors = mockClient(client);
const bucket = 'student-helper-dev-vectors-a1b2c3';
const indexName = 'documents';
const sessionId = '9f1c2b7e-8a3d-4c5e-9f60-7a8b9c0d1e2f';
const documentId = '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a';

function index(options: Partial<S3VectorsIndexOptions> = {}): S3VectorsIndex {
  return new S3VectorsIndex({ client, vectorBucketName: bucket, indexName, dimensions: 4, ...options });
}

function record(chunkIndex: number, overrides: Partial<VectorRecord> = {}): VectorRecord {
  const docId = overrides.documentId ?? documentId;
  return {
    key: `${docId}#${chunkIndex}`,
    sessionId,
    documentId: docId,
    chunkIndex,
    pageStart: 3 + chunkIndex,
    pageEnd: 3 + chunkIndex,
    text: `Chunk ${chunkIndex} text.`,
    embedding: Float32Array.of(1, 0.5, -0.25, chunkIndex + 1),
    ...overrides,
  };
}

beforeEach(() => {
  vectors.reset();
  vectors.on(PutVectorsCommand).resolves({});
  vectors.on(DeleteVectorsCommand).resolves({});
});

describe('S3VectorsIndex.upsert', () => {
  it('writes key, float32 data and the metadata keys, text non-filterable under text_content', async () => {
    await index().upsert([record(0), record(1)]);
    expect(vectors.commandCalls(PutVectorsCommand).map((call) => call.args[0].input)).toEqual([
      {
        vectorBucketName: bucket,
        indexName,
        vectors: [
          {
            key: `${documentId}#0`,
            data: { float32: [1, 0.5, -0.25, 1] },
            metadata: { documentId, sessionId, page: 3, chunkIndex: 0, text_content: 'Chunk 0 text.' },
          },
          {
            key: `${documentId}#1`,
            data: { float32: [1, 0.5, -0.25, 2] },
            metadata: { documentId, sessionId, page: 4, chunkIndex: 1, text_content: 'Chunk 1 text.' },
          },
        ],
      },
    ]);
  });

  it('sends 1,234 vectors as 500, 500 and 234', async () => {
    const records = Array.from({ length: 1_234 }, (_, i) => record(i));
    await index().upsert(records);
    const batches = vectors.commandCalls(PutVectorsCommand).map((call) => call.args[0].input.vectors ?? []);
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 234]);
    expect(batches.flat().map((vector) => vector.key)).toEqual(records.map((r) => r.key));
  });

  it('keeps a 1024-dimension request with long texts under the 20 MiB payload by cutting batches earlier', async () => {
    const embedding = new Float32Array(1024).fill(-0.123456789);
    const records = Array.from({ length: 600 }, (_, i) => record(i, { embedding, text: 'é'.repeat(18_000) }));
    await index({ dimensions: 1024 }).upsert(records);
    const inputs = vectors.commandCalls(PutVectorsCommand).map((call) => call.args[0].input);
    // ~60.8 KB estimated per vector (24 bytes per dimension + 36 KB of text): 275 fit in 16 MiB
    expect(inputs.map((input) => input.vectors?.length)).toEqual([275, 275, 50]);
    for (const input of inputs) expect(Buffer.byteLength(JSON.stringify(input))).toBeLessThan(20 * 1024 * 1024);
  });

  it('stays within the 2 KB filterable and 40 KB total metadata limits', async () => {
    const long = record(12_345, { text: '€'.repeat(20_000), pageStart: 1_999 });
    await index().upsert([long]);
    const [sent] = vectors.commandCalls(PutVectorsCommand)[0]?.args[0].input.vectors as PutInputVector[];
    const metadata = sent?.metadata as Record<string, string | number>;
    const { text_content: text, ...filterable } = metadata;
    expect(filterable).toEqual({ documentId, sessionId, page: 1_999, chunkIndex: 12_345 });
    expect(Buffer.byteLength(JSON.stringify(filterable))).toBe(135);
    expect(Buffer.byteLength(JSON.stringify(filterable))).toBeLessThanOrEqual(s3VectorsLimits.filterableMetadataBytes);
    // '€' is 3 bytes in UTF-8: 36,864 / 3 whole characters fit
    expect(text).toBe('€'.repeat(12_288));
    expect(Buffer.byteLength(JSON.stringify(metadata))).toBeLessThanOrEqual(s3VectorsLimits.totalMetadataBytes);
  });

  it('stores no text with textMetadataKey null, and another key when configured', async () => {
    await index({ textMetadataKey: null }).upsert([record(0)]);
    await index({ textMetadataKey: 'chunk_text', maxTextBytes: 5 }).upsert([record(0)]);
    const [plain, custom] = vectors.commandCalls(PutVectorsCommand).map((call) => call.args[0].input.vectors?.[0]?.metadata);
    expect(plain).toEqual({ documentId, sessionId, page: 3, chunkIndex: 0 });
    expect(custom).toEqual({ documentId, sessionId, page: 3, chunkIndex: 0, chunk_text: 'Chunk' });
  });

  it('rejects bad records before any call', async () => {
    const idx = index();
    await expect(idx.upsert([record(0, { key: 'other#0' })])).rejects.toThrow(`Key "other#0" is not ${documentId}#0 (documentId#chunkIndex).`);
    await expect(idx.upsert([record(0), record(0)])).rejects.toThrow(`Key "${documentId}#0" appears twice in one upsert.`);
    await expect(idx.upsert([record(0, { embedding: Float32Array.of(1, 2) })])).rejects.toThrow(
      `Embedding of "${documentId}#0" has 2 dimensions; this index stores 4.`,
    );
    await expect(idx.upsert([record(0, { embedding: new Float32Array(4) })])).rejects.toThrow(
      `Embedding of "${documentId}#0" is all zeros: a cosine index cannot store it.`,
    );
    const longId = 'd'.repeat(2_100);
    await expect(idx.upsert([record(0, { documentId: longId, key: `${longId}#0` })])).rejects.toThrow(
      `Filterable metadata of "${longId}#0" takes 2192 bytes; S3 Vectors allows 2048.`,
    );
    expect(vectors.commandCalls(PutVectorsCommand)).toHaveLength(0);
  });

  it('makes no call for no records', async () => {
    await index().upsert([]);
    expect(vectors.commandCalls(PutVectorsCommand)).toHaveLength(0);
  });
});

describe('S3VectorsIndex.query', () => {
  const match = (chunkIndex: number, distance: number, docId = documentId) => ({
    key: `${docId}#${chunkIndex}`,
    distance,
    metadata: { documentId: docId, sessionId, page: 1, chunkIndex, text_content: 'x' },
  });

  it('filters on the session, asks for metadata and distance, and scores 1 − cosine distance', async () => {
    vectors.on(QueryVectorsCommand).resolves({ vectors: [match(3, 0.125), match(0, 0.5)], distanceMetric: 'cosine' });
    const matches = await index().query({ sessionId, embedding: Float32Array.of(0.5, 0.5, 0.5, 0.5), topK: 8 });
    expect(vectors.commandCalls(QueryVectorsCommand).map((call) => call.args[0].input)).toEqual([
      {
        vectorBucketName: bucket,
        indexName,
        topK: 8,
        queryVector: { float32: [0.5, 0.5, 0.5, 0.5] },
        filter: { sessionId: { $eq: sessionId } },
        returnMetadata: true,
        returnDistance: true,
      },
    ]);
    expect(matches).toEqual([
      { key: `${documentId}#3`, documentId, chunkIndex: 3, score: 0.875 },
      { key: `${documentId}#0`, documentId, chunkIndex: 0, score: 0.5 },
    ]);
  });

  it('adds the documents as $in under $and, without duplicates', async () => {
    vectors.on(QueryVectorsCommand).resolves({ vectors: [], distanceMetric: 'cosine' });
    await index().query({ sessionId, documentIds: ['a', 'b', 'a'], embedding: Float32Array.of(1, 0, 0, 0), topK: 5 });
    await index().query({ sessionId, documentIds: [], embedding: Float32Array.of(1, 0, 0, 0), topK: 5 });
    const filters = vectors.commandCalls(QueryVectorsCommand).map((call) => call.args[0].input.filter);
    expect(filters).toEqual([{ $and: [{ sessionId: { $eq: sessionId } }, { documentId: { $in: ['a', 'b'] } }] }, { sessionId: { $eq: sessionId } }]);
  });

  it('clamps topK to 100 and rejects a topK below 1', async () => {
    vectors.on(QueryVectorsCommand).resolves({ vectors: [], distanceMetric: 'cosine' });
    await index().query({ sessionId, embedding: Float32Array.of(1, 0, 0, 0), topK: 500 });
    expect(vectors.commandCalls(QueryVectorsCommand)[0]?.args[0].input.topK).toBe(100);
    await expect(index().query({ sessionId, embedding: Float32Array.of(1, 0, 0, 0), topK: 0 })).rejects.toThrow('topK must be a positive integer, got 0.');
  });

  it('follows nextToken until topK matches', async () => {
    vectors
      .on(QueryVectorsCommand)
      .resolvesOnce({ vectors: [match(0, 0.1)], nextToken: 'page-2', distanceMetric: 'cosine' })
      .resolvesOnce({ vectors: [match(1, 0.2), match(2, 0.3)], nextToken: 'page-3', distanceMetric: 'cosine' });
    const matches = await index().query({ sessionId, embedding: Float32Array.of(1, 0, 0, 0), topK: 2 });
    expect(matches.map((m) => m.chunkIndex)).toEqual([0, 1]);
    expect(vectors.commandCalls(QueryVectorsCommand).map((call) => call.args[0].input.nextToken)).toEqual([undefined, 'page-2']);
  });

  it('matches nothing for a zero query vector, without a call', async () => {
    expect(await index().query({ sessionId, embedding: new Float32Array(4), topK: 3 })).toEqual([]);
    expect(vectors.commandCalls(QueryVectorsCommand)).toHaveLength(0);
  });

  it('rejects a result without its metadata', async () => {
    vectors.on(QueryVectorsCommand).resolves({ vectors: [{ key: 'foreign', distance: 0.1 }], distanceMetric: 'cosine' });
    await expect(index().query({ sessionId, embedding: Float32Array.of(1, 0, 0, 0), topK: 3 })).rejects.toThrow(
      'S3 Vectors returned "foreign" without a distance or its documentId/chunkIndex metadata; was it written by this index?',
    );
  });
});

describe('S3VectorsIndex.deleteDocument', () => {
  it('deletes keys documentId#0 to #chunkCount-1 in batches of 500', async () => {
    await index().deleteDocument({ sessionId, documentId, chunkCount: 1_234 });
    const inputs = vectors.commandCalls(DeleteVectorsCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.keys?.length)).toEqual([500, 500, 234]);
    expect(inputs[0]).toMatchObject({ vectorBucketName: bucket, indexName });
    expect(inputs[0]?.keys?.slice(0, 2)).toEqual([`${documentId}#0`, `${documentId}#1`]);
    expect(inputs[2]?.keys?.at(-1)).toBe(`${documentId}#1233`);
  });

  it('makes no call for a document without chunks and rejects a bad count', async () => {
    await index().deleteDocument({ sessionId, documentId, chunkCount: 0 });
    expect(vectors.commandCalls(DeleteVectorsCommand)).toHaveLength(0);
    await expect(index().deleteDocument({ sessionId, documentId, chunkCount: -1 })).rejects.toThrow('chunkCount must be a non-negative integer, got -1.');
  });
});

describe('S3VectorsIndex.ping', () => {
  const goodIndex = {
    vectorBucketName: bucket,
    indexName,
    indexArn: 'arn:aws:s3vectors:ap-southeast-2:1:bucket/b/index/documents',
    creationTime: new Date(0),
    dataType: 'float32' as const,
    dimension: 4,
    distanceMetric: 'cosine' as const,
    metadataConfiguration: { nonFilterableMetadataKeys: ['text_content'] },
  };

  it('resolves for the configured index and names what is wrong otherwise', async () => {
    vectors
      .on(GetIndexCommand)
      .resolvesOnce({ index: goodIndex })
      .resolvesOnce({ index: { ...goodIndex, dimension: 1536 } })
      .resolvesOnce({ index: { ...goodIndex, distanceMetric: 'euclidean' } })
      .resolvesOnce({ index: { ...goodIndex, metadataConfiguration: undefined } })
      .rejectsOnce(Object.assign(new Error('Index not found'), { name: 'NotFoundException' }));
    await expect(index().ping()).resolves.toBeUndefined();
    expect(vectors.commandCalls(GetIndexCommand)[0]?.args[0].input).toEqual({ vectorBucketName: bucket, indexName });
    const where = `S3 Vectors index ${bucket}/${indexName}`;
    await expect(index().ping()).rejects.toThrow(`${where} stores 1536-dimension vectors; this app was configured for 4.`);
    await expect(index().ping()).rejects.toThrow(`${where} uses the euclidean metric; scores assume cosine.`);
    await expect(index().ping()).rejects.toThrow(`${where} does not declare "text_content" non-filterable; chunk text would exceed the 2 KB filterable metadata.`);
    await expect(index().ping()).rejects.toThrow('Index not found');
  });
});

describe('S3VectorsIndex options', () => {
  it('rejects incomplete configuration', () => {
    expect(() => new S3VectorsIndex({ client, vectorBucketName: '', indexName, dimensions: 4 })).toThrow('vectorBucketName must be a non-empty string.');
    expect(() => index({ dimensions: 5_000 })).toThrow('dimensions must be an integer from 1 to 4096 (the S3 Vectors range), got 5000.');
    expect(() => index({ maxTextBytes: 40_000 })).toThrow('maxTextBytes must be an integer from 0 to 38912, got 40000.');
    expect(() => new S3VectorsIndex({ vectorBucketName: bucket, indexName, dimensions: 4 })).toThrow('region must be a non-empty string.');
  });
});

describe('truncateUtf8 and filterableMetadataBytes', () => {
  it('cuts at a character boundary within the byte budget', () => {
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('aé€😀', 3)).toBe('aé');
    expect(truncateUtf8('aé€😀', 6)).toBe('aé€');
    expect(truncateUtf8('aé€😀', 9)).toBe('aé€');
    expect(truncateUtf8('aé€😀', 10)).toBe('aé€😀');
  });

  it('measures the JSON encoding', () => {
    expect(filterableMetadataBytes({ documentId: 'é', sessionId: 's', page: 1, chunkIndex: 0 })).toBe(59);
  });
});
