import { toAwsNativeTags } from '@student-helper/infra-shared';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VectorStore } from './vector-store.js';
import { resolveVectorIndexSettings } from './vector-store.defaults.js';

const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const vectorBucketName = 'student-helper-dev-vectors';
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('VectorStore', () => {
  it('creates exactly one vector bucket and one index', async () => {
    const store = new VectorStore('vectors', { vectorBucketName, tags });
    const children = await harness.descendantsOf(store);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(['aws-native:s3vectors:Index vectors-index', 'aws-native:s3vectors:VectorBucket vectors']);
  });

  it('defaults to the Titan v2 index: documents, float32, 1024, cosine, text_content not filterable, SSE-S3', async () => {
    const store = new VectorStore('vectors', { vectorBucketName, tags });
    await harness.descendantsOf(store);
    expect(harness.named('vectors', 'aws-native:s3vectors:VectorBucket').inputs).toEqual({
      vectorBucketName,
      encryptionConfiguration: { sseType: 'AES256' },
      tags: toAwsNativeTags({ ...tags, Name: 'vectors' }),
    });
    expect(harness.named('vectors-index').inputs).toEqual({
      vectorBucketName,
      indexName: 'documents',
      dataType: 'float32',
      dimension: 1024,
      distanceMetric: 'cosine',
      metadataConfiguration: { nonFilterableMetadataKeys: ['text_content'] },
      tags: toAwsNativeTags({ ...tags, Name: 'vectors-index' }),
    });
    expect(store.dimension).toBe(1024);
    expect(store.distanceMetric).toBe('cosine');
  });

  it('exposes the bucket and index names and ARNs', async () => {
    const store = new VectorStore('vectors', { vectorBucketName, tags });
    await harness.descendantsOf(store);
    const bucketArn = `arn:aws:s3vectors:ap-southeast-2:123456789012:bucket/${vectorBucketName}`;
    expect(await unwrap(store.vectorBucketName)).toBe(vectorBucketName);
    expect(await unwrap(store.vectorBucketArn)).toBe(bucketArn);
    expect(await unwrap(store.indexName)).toBe('documents');
    expect(await unwrap(store.indexArn)).toBe(`${bucketArn}/index/documents`);
  });

  it('sizes the index from the configured model: Titan v2 at 512, Titan v1 at 1536', async () => {
    await harness.descendantsOf(new VectorStore('small', { dimension: 512, tags }));
    expect(harness.named('small-index').inputs['dimension']).toBe(512);
    harness.clear();
    const v1 = new VectorStore('v1', { embeddingModelId: 'amazon.titan-embed-text-v1', tags });
    await harness.descendantsOf(v1);
    expect(harness.named('v1-index').inputs['dimension']).toBe(1536);
    expect(v1.dimension).toBe(1536);
  });

  it('uses a customer-managed KMS key when given one', async () => {
    const kmsKeyArn = 'arn:aws:kms:ap-southeast-2:123456789012:key/abcd';
    await harness.descendantsOf(new VectorStore('vectors', { vectorBucketName, kmsKeyArn, tags }));
    expect(harness.named('vectors', 'aws-native:s3vectors:VectorBucket').inputs['encryptionConfiguration']).toEqual({ sseType: 'aws:kms', kmsKeyArn });
  });

  it("rejects the seed's 1536 for Titan v2, naming the dimension and the allowed sizes", () => {
    expect(() => new VectorStore('bad', { dimension: 1536 })).toThrow(
      "dimension must be one of 1024, 512, 256 for model 'amazon.titan-embed-text-v2:0', got 1536",
    );
  });

  it('rejects every other bad index setting with the arg name', () => {
    expect(() => resolveVectorIndexSettings({ dimension: 0 })).toThrow('dimension must be an integer from 1 to 4096, got 0');
    expect(() => resolveVectorIndexSettings({ embeddingModelId: 'acme.embed-1' })).toThrow(
      "dimension must be an explicit dimension (1-4096) because model 'acme.embed-1' is not in the known model table, got none",
    );
    expect(resolveVectorIndexSettings({ embeddingModelId: 'acme.embed-1', dimension: 768 }).dimension).toBe(768);
    expect(() => resolveVectorIndexSettings({ indexName: 'Documents' })).toThrow(
      'indexName must be 3-63 lowercase letters, digits, hyphens and dots, got "Documents"',
    );
    expect(() => resolveVectorIndexSettings({ distanceMetric: 'dot' as 'cosine' })).toThrow('distanceMetric must be one of cosine, euclidean, got "dot"');
    expect(() => resolveVectorIndexSettings({ nonFilterableMetadataKeys: ['text_content', 'text_content'] })).toThrow(
      'nonFilterableMetadataKeys must not repeat a key, got text_content, text_content',
    );
    expect(() => resolveVectorIndexSettings({ nonFilterableMetadataKeys: Array.from({ length: 11 }, (_, i) => `k${i}`) })).toThrow(
      'nonFilterableMetadataKeys allows at most 10 keys, got 11',
    );
    expect(() => resolveVectorIndexSettings({ nonFilterableMetadataKeys: [''] })).toThrow('nonFilterableMetadataKeys must be keys of 1-63 characters, got ""');
  });

  it('passes the stack policies', async () => {
    await harness.descendantsOf(new VectorStore('vectors', { vectorBucketName, tags }));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });
});
