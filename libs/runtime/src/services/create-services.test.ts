import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, type TestDatabase } from '@student-helper/db-testing';
import { PostgresJobQueue } from '@student-helper/persistence';
import { ChunkStoreSettingsError, PgVectorIndex } from '@student-helper/rag-core/postgres';
import { ExtractiveAnswerer, HeuristicQueryRewriter, HybridRetriever, LlmQueryRewriter, OfflineEmbedder } from '@student-helper/rag-core';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { InMemoryVectorIndex } from '@student-helper/rag-core/testing';
import { ClaudeChatModel, S3BlobStore, S3VectorsIndex, SqsJobQueue, TitanEmbedder } from '@student-helper/rag-core/aws';
import { OpenAiChatModel, OpenAiEmbedder } from '@student-helper/rag-core/openai';
import { loadConfig } from '../config/load-config.js';
import { createServices } from './create-services.js';
import type { Services } from './services.js';

const uuid = '00000000-0000-4000-8000-000000000001';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'runtime-services-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.each(databaseTargets())('createServices on $name', (target) => {
  let testDb: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    testDb = await target.createDatabase();
    const config = loadConfig({ DATA_DIR: path.join(dataDir, target.id) });
    // The local PostgreSQL has no pgvector: vectors stay in memory there.
    services = await createServices(config, { database: testDb.config, ...(testDb.hasPgvector ? {} : { vectors: new InMemoryVectorIndex() }) });
  });
  afterAll(async () => {
    await services?.close();
    await testDb?.dispose();
  });

  it('wires the offline defaults over the migrated database', async () => {
    expect(services.embedder).toBeInstanceOf(OfflineEmbedder);
    expect(services.embedder.dimensions).toBe(1024);
    expect(services.chatModel).toBeInstanceOf(ExtractiveAnswerer);
    expect(services.rewriter).toBeInstanceOf(HeuristicQueryRewriter);
    expect(services.retriever).toBeInstanceOf(HybridRetriever);
    // The offline embedder knows no meaning: the pool's BM25 alone orders the candidates.
    expect((services.retriever as HybridRetriever).options).toMatchObject({ vectorWeight: 0, lexicalWeight: 0, poolWeight: 1 });
    expect(services.blobs).toBeInstanceOf(FileBlobStore);
    expect((services.blobs as FileBlobStore).root).toBe(path.join(dataDir, target.id, 'blobs'));
    expect(services.vectors).toBeInstanceOf(testDb.hasPgvector ? PgVectorIndex : InMemoryVectorIndex);
    expect(services.queue).toBeInstanceOf(PostgresJobQueue);
    expect(services.queueConsumer).toBe(services.queue);
    const { rows } = await sql<{ embedding_model_id: string; dimensions: number; vector_index: string }>`
      select embedding_model_id, dimensions, vector_index from rag_core_settings`.execute(services.db);
    expect(rows).toEqual([{ embedding_model_id: services.embedder.modelId, dimensions: 1024, vector_index: testDb.hasPgvector ? 'pgvector' : 'none' }]);
  });

  it('connects repositories, the queue and the ports to the same database', async () => {
    const session = await services.sessions.create({ tokenHash: 'h'.repeat(64), title: 'Wiring' });
    const document = await services.documents.create({ sessionId: session.sessionId, filename: 'a.pdf', sizeBytes: 3, blobKey: `s/${uuid}.pdf` });
    await services.queue.send({ jobId: document.jobId, documentId: document.documentId, sessionId: session.sessionId, key: `s/${uuid}.pdf`, size: 3 });
    expect(await services.queueConsumer?.counts()).toEqual({ visible: 1, hidden: 0, deadLetters: 0 });
    await expect(services.vectors.ping()).resolves.toBeUndefined();
    await expect(services.blobs.ping()).resolves.toBeUndefined();
    await expect(services.queue.ping()).resolves.toBeUndefined();
  });
});

describe('createServices on its own PGlite directory', () => {
  let services: Services | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('opens the file-backed PGlite under DATA_DIR, and close() is idempotent', async () => {
    const dir = path.join(dataDir, 'own');
    services = await createServices(loadConfig({ DATA_DIR: dir }));
    expect(services.database.kind).toBe('pglite');
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(services.db);
    expect(rows).toEqual([{ one: 1 }]);
    const closing = services.close();
    expect(services.close()).toBe(closing);
    await closing;
  });

  it('refuses a database built for another embedding dimension, and closes it', async () => {
    const dir = path.join(dataDir, 'mismatch');
    services = await createServices(loadConfig({ DATA_DIR: dir }));
    await services.close();
    services = undefined;
    const failure = createServices(loadConfig({ DATA_DIR: dir, EMBEDDINGS_DIMENSIONS: '256' }));
    await expect(failure).rejects.toBeInstanceOf(ChunkStoreSettingsError);
    await expect(failure).rejects.toMatchObject({ code: 'SETTINGS_MISMATCH' });
    // The failed start closed its PGlite: the directory opens again.
    services = await createServices(loadConfig({ DATA_DIR: dir }));
    expect(services.embedder.dimensions).toBe(1024);
  });

  it('uses the overrides it is given', async () => {
    const vectors = new InMemoryVectorIndex();
    const embedder = new OfflineEmbedder({ dimensions: 64 });
    services = await createServices(loadConfig({ PGLITE_DIR: 'memory://', DATA_DIR: dataDir }), { vectors, embedder });
    expect(services.vectors).toBe(vectors);
    expect(services.embedder).toBe(embedder);
  });
});

describe('createServices selects the AWS adapters by configuration', () => {
  it('builds Titan, Claude (with an LLM rewriter), S3 Vectors, S3 and SQS without calling AWS', async () => {
    const config = loadConfig({
      PGLITE_DIR: 'memory://',
      DATA_DIR: dataDir,
      AWS_REGION: 'ap-southeast-2',
      EMBEDDINGS_PROVIDER: 'bedrock',
      CHAT_PROVIDER: 'bedrock',
      BEDROCK_CHAT_MODEL_ID: 'apac.anthropic.claude-3-5-sonnet-20241022-v2:0',
      VECTOR_STORE: 's3vectors',
      S3_VECTORS_BUCKET: 'sh-dev-vectors',
      BLOB_STORE: 's3',
      DOCUMENTS_BUCKET: 'sh-dev-documents',
      QUEUE: 'sqs',
      SQS_QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/sh-dev-jobs',
    });
    const services = await createServices(config);
    try {
      expect(services.embedder).toBeInstanceOf(TitanEmbedder);
      expect(services.embedder.dimensions).toBe(1024);
      expect(services.chatModel).toBeInstanceOf(ClaudeChatModel);
      expect(services.chatModel.modelId).toBe('apac.anthropic.claude-3-5-sonnet-20241022-v2:0');
      expect(services.rewriter).toBeInstanceOf(LlmQueryRewriter);
      expect(services.vectors).toBeInstanceOf(S3VectorsIndex);
      expect(services.blobs).toBeInstanceOf(S3BlobStore);
      expect(services.queue).toBeInstanceOf(SqsJobQueue);
      expect(services.queueConsumer).toBeUndefined();
      const { rows } = await sql<{ vector_index: string }>`select vector_index from rag_core_settings`.execute(services.db);
      expect(rows).toEqual([{ vector_index: 'none' }]);
    } finally {
      await services.close();
    }
  });
});

describe('createServices selects the OpenAI-compatible adapters by configuration', () => {
  it('builds the embedder and the chat model (with an LLM rewriter) on the configured server without calling it', async () => {
    const config = loadConfig({
      PGLITE_DIR: 'memory://',
      DATA_DIR: dataDir,
      EMBEDDINGS_PROVIDER: 'openai',
      CHAT_PROVIDER: 'openai',
      // Nothing listens on the discard port: building the services must not need the server.
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_EMBEDDINGS_MODEL: 'nomic-embed-text',
      EMBEDDINGS_DIMENSIONS: '768',
      OPENAI_CHAT_MODEL: 'llama3.1:8b',
    });
    const services = await createServices(config);
    try {
      expect(services.embedder).toBeInstanceOf(OpenAiEmbedder);
      expect({ modelId: services.embedder.modelId, dimensions: services.embedder.dimensions }).toEqual({ modelId: 'nomic-embed-text', dimensions: 768 });
      expect(services.chatModel).toBeInstanceOf(OpenAiChatModel);
      expect(services.chatModel.modelId).toBe('llama3.1:8b');
      expect(services.rewriter).toBeInstanceOf(LlmQueryRewriter);
      expect(services.vectors).toBeInstanceOf(PgVectorIndex);
    } finally {
      await services.close();
    }
  });
});
