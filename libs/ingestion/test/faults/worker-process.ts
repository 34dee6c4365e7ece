/**
 * A worker in its own process, for the SIGKILL test: the real handler and worker loop on the
 * database at argv[2] (PGlite served over the wire protocol by the test process) and the blob
 * directory at argv[3]. Its vector index reports each completed upsert on stdout as a JSON line
 * and, after the third, hangs like a stalled write — the test kills the process right there.
 *
 *   node --conditions=@student-helper/source --import tsx worker-process.ts <connection string> <blob root>
 */
import { DocumentRepository, JobRepository, PostgresJobQueue } from '@student-helper/persistence';
import { OfflineEmbedder } from '@student-helper/rag-core';
import { FileBlobStore } from '@student-helper/rag-core/local';
import { openDatabase, PgChunkStore, PgVectorIndex } from '@student-helper/rag-core/postgres';
import { documentJobHandler } from '../../src/worker/document-job-handler.js';
import { startWorker } from '../../src/worker/start-worker.js';
import { killTest } from './kill-test.js';


const [connectionString, blobRoot] = process.argv.slice(2);
if (!connectionString || !blobRoot) throw new Error('usage: worker-process.ts <connection string> <blob root>');
const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);

const database = await openDatabase({ kind: 'pg', connectionString, max: 1 });
const embedder = new OfflineEmbedder();
const index = new PgVectorIndex(database.db, { dimensions: embedder.dimensions });
let upserts = 0;
const handle = documentJobHandler({
  blobs: new FileBlobStore(blobRoot),
  documents: new DocumentRepository(database.db),
  jobs: new JobRepository(database.db),
  chunks: new PgChunkStore(database.db),
  vectors: {
    deleteDocument: (target) => index.deleteDocument(target),
    upsert: async (records) => {
      await index.upsert(records);
      upserts += 1;
      say({ event: 'upserted', upserts, keys: records.map((record) => record.key) });
      if (upserts === killTest.upsertsBeforeStall) await new Promise(() => undefined);
    },
  },
  embedder,
  options: { upsertBatchSize: killTest.upsertBatchSize },
});
startWorker({
  queue: new PostgresJobQueue(database.db, { visibilityTimeoutSeconds: killTest.visibilityTimeoutSeconds }),
  handle,
  pollIntervalMs: 50,
  visibilityTimeoutSeconds: killTest.visibilityTimeoutSeconds,
  heartbeatIntervalMs: killTest.heartbeatIntervalMs,
  log: { info: () => undefined, warn: (fields, message) => say({ event: 'warn', message }), error: (fields, message) => say({ event: 'error', message, fields: String((fields as { err?: unknown }).err) }) },
});
say({ event: 'started' });
