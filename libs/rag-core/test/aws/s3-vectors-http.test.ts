import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3VectorsIndex } from '../../src/aws/s3-vectors-index.js';
import { fakeCredentials, startHttpFake, type FakeResponse, type HttpFake, type RecordedRequest } from './http-fake.js';

// S3 Vectors over real HTTP: what the real SDK client puts on the wire for our inputs (float32
// data, document-typed filter and metadata), and how it parses the responses.

let fake: HttpFake;
let client: S3VectorsClient;
let reply: (request: RecordedRequest, response: FakeResponse) => void = () => undefined;
const sessionId = '9f1c2b7e-8a3d-4c5e-9f60-7a8b9c0d1e2f';

beforeAll(async () => {
  fake = await startHttpFake((req, res) => reply(req, res));
  client = new S3VectorsClient({ region: 'ap-southeast-2', endpoint: fake.endpoint, credentials: fakeCredentials, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function json(res: FakeResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const index = () => new S3VectorsIndex({ client, vectorBucketName: 'vectors-bucket', indexName: 'documents', dimensions: 3 });

describe('S3VectorsIndex over HTTP', () => {
  it('sends float32 values that read back as the same float32s, with the metadata document', async () => {
    reply = (_req, res) => json(res, {});
    const embedding = Float32Array.of(0.1, -0.7071067690849304, 1e-7);
    await index().upsert([
      { key: 'doc#0', sessionId, documentId: 'doc', chunkIndex: 0, pageStart: 7, pageEnd: 7, text: 'Naïve “quotes” ✓', embedding },
    ]);
    const [sent] = fake.requests;
    expect([sent?.method, sent?.path]).toEqual(['POST', '/PutVectors']);
    const body = JSON.parse(sent?.body.toString() ?? '{}') as { vectors: { key: string; data: { float32: number[] }; metadata: unknown }[] };
    expect(body).toMatchObject({ vectorBucketName: 'vectors-bucket', indexName: 'documents' });
    expect(body.vectors[0]?.key).toBe('doc#0');
    expect(Float32Array.from(body.vectors[0]?.data.float32 ?? [])).toEqual(embedding);
    expect(body.vectors[0]?.metadata).toEqual({ documentId: 'doc', sessionId, page: 7, chunkIndex: 0, text_content: 'Naïve “quotes” ✓' });
  });

  it('sends the filter as a JSON document and parses matches with their distance', async () => {
    reply = (_req, res) =>
      json(res, {
        distanceMetric: 'cosine',
        vectors: [
          { key: 'b#2', distance: 0.25, metadata: { documentId: 'b', sessionId, page: 3, chunkIndex: 2, text_content: 'x' } },
          { key: 'a#0', distance: 0.5, metadata: { documentId: 'a', sessionId, page: 1, chunkIndex: 0, text_content: 'y' } },
        ],
      });
    const matches = await index().query({ sessionId, documentIds: ['a', 'b'], embedding: Float32Array.of(1, 0, 0), topK: 150 });
    expect(JSON.parse(fake.requests[0]?.body.toString() ?? '{}')).toEqual({
      vectorBucketName: 'vectors-bucket',
      indexName: 'documents',
      topK: 100,
      queryVector: { float32: [1, 0, 0] },
      filter: { $and: [{ sessionId: { $eq: sessionId } }, { documentId: { $in: ['a', 'b'] } }] },
      returnMetadata: true,
      returnDistance: true,
    });
    expect(fake.requests[0]?.path).toBe('/QueryVectors');
    expect(matches).toEqual([
      { key: 'b#2', documentId: 'b', chunkIndex: 2, score: 0.75 },
      { key: 'a#0', documentId: 'a', chunkIndex: 0, score: 0.5 },
    ]);
  });

  it('deletes by keys and surfaces a service error', async () => {
    reply = (_req, res) => json(res, {});
    await index().deleteDocument({ sessionId, documentId: 'doc', chunkCount: 3 });
    expect(fake.requests.map((r) => [r.path, JSON.parse(r.body.toString())])).toEqual([
      ['/DeleteVectors', { vectorBucketName: 'vectors-bucket', indexName: 'documents', keys: ['doc#0', 'doc#1', 'doc#2'] }],
    ]);
    reply = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' });
      res.end(JSON.stringify({ message: 'The specified index could not be found' }));
    };
    await expect(index().ping()).rejects.toMatchObject({ name: 'NotFoundException', message: 'The specified index could not be found' });
    expect(fake.requests.at(-1)?.path).toBe('/GetIndex');
  });
});
