/**
 * The AWS shape of the configuration, as the infra sets it for the API on EC2 and the processor
 * Lambda, wired by `createServices` with the SDK clients mocked (aws-sdk-client-mock): every
 * adapter talks to the resource its variable names, and the database comes from the RDS-managed
 * secret with verified TLS.
 */
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryVectorsCommand, S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { hybridRetrieverDefaults, HybridRetriever } from '@student-helper/rag-core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createServices } from './create-services.js';
import { databaseConfig } from './providers.js';

const region = 'ap-southeast-2';
const secretArn = 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-0a1b2c3d-AbCdEf';
const queueUrl = 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/student-helper-dev-jobs';
const awsEnv = {
  AWS_REGION: region,
  EMBEDDINGS_PROVIDER: 'bedrock',
  EMBEDDINGS_DIMENSIONS: '512',
  CHAT_PROVIDER: 'bedrock',
  BEDROCK_CHAT_MODEL_ID: 'au.anthropic.claude-sonnet-4-5-20250929-v1:0',
  VECTOR_STORE: 's3vectors',
  S3_VECTORS_BUCKET: 'student-helper-dev-vectors',
  S3_VECTORS_INDEX: 'documents',
  BLOB_STORE: 's3',
  DOCUMENTS_BUCKET: 'student-helper-dev-documents-a1b2c3d4',
  DOCUMENTS_KMS_KEY_ID: 'arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  QUEUE: 'sqs',
  SQS_QUEUE_URL: queueUrl,
};
const rdsEnv = { DATABASE_SECRET_ARN: secretArn, DATABASE_HOST: '127.0.0.1', DATABASE_PORT: '5432', DATABASE_NAME: 'student_helper' };

const bedrock = mockClient(BedrockRuntimeClient);
const s3 = mockClient(S3Client);
const s3vectors = mockClient(S3VectorsClient);
const secrets = mockClient(SecretsManagerClient);
const sqs = mockClient(SQSClient);
const mocks = [bedrock, s3, s3vectors, secrets, sqs];

beforeEach(() => {
  for (const mock of mocks) mock.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: 'app_admin', password: 'p@ss/w:rd' }) });
});
afterAll(() => {
  for (const mock of mocks) mock.restore();
});

describe('createServices on the AWS configuration', () => {
  it('sends each adapter\'s calls to the bucket, index, queue and model the variables name', async () => {
    const services = await createServices(loadConfig({ ...awsEnv, PGLITE_DIR: 'memory://' }));
    try {
      bedrock.on(InvokeModelCommand).resolves({ body: new TextEncoder().encode(JSON.stringify({ embedding: Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0)) })) } as never);
      s3.on(PutObjectCommand).resolves({});
      sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
      s3vectors.on(QueryVectorsCommand).resolves({ vectors: [], distanceMetric: 'cosine' });

      const embedding = await services.embedder.embedQuery('what is free culture?');
      await services.blobs.put('sessions/s/documents/d.pdf', new Uint8Array([37, 80, 68, 70]), { contentType: 'application/pdf' });
      const message = {
        jobId: '5d2c6a1e-3f4b-4c8d-9e0f-1a2b3c4d5e6f',
        documentId: '0b6f3f5e-2f7c-4c1e-9a51-8f7f0c1d2e3a',
        sessionId: '9f1c2b7e-8a3d-4c5e-9f60-7a8b9c0d1e2f',
        key: 'sessions/s/documents/d.pdf',
        size: 4,
      };
      await services.queue.send(message);
      await services.vectors.query({ sessionId: message.sessionId, embedding, topK: 8 });

      const invoke = bedrock.commandCalls(InvokeModelCommand).map((call) => call.args[0].input);
      expect(invoke.map((input) => [input.modelId, JSON.parse(String(input.body))])).toEqual([
        ['amazon.titan-embed-text-v2:0', { inputText: 'what is free culture?', dimensions: 512, normalize: true }],
      ]);
      expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
        expect.objectContaining({
          Bucket: 'student-helper-dev-documents-a1b2c3d4',
          Key: 'sessions/s/documents/d.pdf',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: awsEnv.DOCUMENTS_KMS_KEY_ID,
        }),
      ]);
      expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }]);
      expect(s3vectors.commandCalls(QueryVectorsCommand).map((call) => call.args[0].input)).toEqual([
        expect.objectContaining({ vectorBucketName: 'student-helper-dev-vectors', indexName: 'documents', topK: 8, filter: { sessionId: { $eq: message.sessionId } } }),
      ]);
      for (const client of [bedrock, s3, sqs, s3vectors]) expect(await client.call(0).thisValue.config.region()).toBe(region);
      expect(services.chatModel.modelId).toBe('au.anthropic.claude-sonnet-4-5-20250929-v1:0');
      // Titan knows meaning: its ranking keeps the default weight in the fusion.
      const { vectorWeight, lexicalWeight, poolWeight } = hybridRetrieverDefaults;
      expect((services.retriever as HybridRetriever).options).toMatchObject({ vectorWeight, lexicalWeight, poolWeight });
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    } finally {
      await services.close();
    }
  });
});

describe('the database from DATABASE_SECRET_ARN', () => {
  it('is a pg connection with the secret\'s credentials, the stack\'s host and verified TLS to the RDS CAs', async () => {
    const config = await databaseConfig(loadConfig({ ...awsEnv, ...rdsEnv }));
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: secretArn }]);
    expect(config).toEqual({
      kind: 'pg',
      connectionString: 'postgresql://app_admin:p%40ss%2Fw%3Ard@127.0.0.1:5432/student_helper',
      ssl: { rejectUnauthorized: true, ca: expect.arrayContaining([expect.stringContaining('-----BEGIN CERTIFICATE-----')]) },
    });
  });

  it('refuses a server without TLS instead of sending the password in clear', async () => {
    // The local PostgreSQL runs with ssl=off: the connection must fail, not fall back to plain text.
    await expect(createServices(loadConfig({ ...awsEnv, ...rdsEnv }))).rejects.toThrow('The server does not support SSL connections');
  });
});
