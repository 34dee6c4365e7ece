import {
  DocumentRepository,
  JobRepository,
  MessageRepository,
  migrateApp,
  SessionRepository,
  type AppTables,
} from '@student-helper/persistence';
import { HybridRetriever, lexicalEmbedderRetrieverOptions, OfflineEmbedder, type BlobStore, type ChatModel, type Embedder, type QueryRewriter } from '@student-helper/rag-core';
import { migrateChunkStore, openDatabase, PgChunkStore, type Database } from '@student-helper/rag-core/postgres';
import type { AppConfig } from '../config/app-config.js';
import { createBlobStore, createChatModel, createEmbedder, createQueue, createVectorIndex, databaseConfig } from './providers.js';
import type { ServiceOverrides, Services } from './services.js';

/**
 * Opens and migrates the database, then builds every port the configuration selects.
 * Fails (closing what it opened) when an adapter cannot be built or the chunk store was built
 * for another embedding model. The caller owns the result and must `close()` it.
 */
export async function createServices(config: AppConfig, overrides: ServiceOverrides = {}): Promise<Services> {
  // Adapters that need no database first: a provider this build lacks fails before the slow part.
  const ports: DatabaseFreePorts = {
    embedder: overrides.embedder ?? (await createEmbedder(config)),
    ...(await chatPair(config, overrides)),
    blobs: overrides.blobs ?? (await createBlobStore(config)),
  };
  const database = await openDatabase<AppTables>(overrides.database ?? (await databaseConfig(config)));
  try {
    return await wire(config, database, ports, overrides);
  } catch (error) {
    await database.close();
    throw error;
  }
}

interface DatabaseFreePorts {
  embedder: Embedder;
  chatModel: ChatModel;
  rewriter: QueryRewriter;
  blobs: BlobStore;
}

async function wire(config: AppConfig, database: Database<AppTables>, ports: DatabaseFreePorts, overrides: ServiceOverrides): Promise<Services> {
  const { db } = database;
  const { embedder, chatModel, rewriter, blobs } = ports;
  await migrateApp(db);
  // Vectors live in Postgres only when pgvector is configured and not replaced.
  const pgvector = config.vectors.store === 'pgvector' && overrides.vectors === undefined;
  await migrateChunkStore(db, { embeddingModelId: embedder.modelId, dimensions: embedder.dimensions, vectorIndex: pgvector ? 'pgvector' : 'none' });

  const vectors = overrides.vectors ?? (await createVectorIndex(config, db, embedder.dimensions));
  const { queue, consumer } = await createQueue(config, db, overrides.queueClock);
  const chunks = new PgChunkStore(db);

  let closed: Promise<void> | undefined;
  return {
    config,
    database,
    db,
    sessions: new SessionRepository(db),
    documents: new DocumentRepository(db),
    jobs: new JobRepository(db),
    messages: new MessageRepository(db),
    blobs,
    queue,
    queueConsumer: consumer,
    chunks,
    vectors,
    embedder,
    chatModel,
    rewriter,
    // The embedder in use decides, whether configured or given as an override.
    retriever: new HybridRetriever({ embedder, vectors, chunks }, embedder instanceof OfflineEmbedder ? lexicalEmbedderRetrieverOptions : {}),
    close() {
      closed ??= database.close();
      return closed;
    },
  };
}

async function chatPair(config: AppConfig, overrides: ServiceOverrides): Promise<{ chatModel: ChatModel; rewriter: QueryRewriter }> {
  if (overrides.chatModel && overrides.rewriter) return { chatModel: overrides.chatModel, rewriter: overrides.rewriter };
  const built = await createChatModel(config);
  return { chatModel: overrides.chatModel ?? built.chatModel, rewriter: overrides.rewriter ?? built.rewriter };
}
