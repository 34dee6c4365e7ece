/**
 * The Lambda package as it ships: the esbuild bundle built into a temporary folder, checked
 * against the Dockerfile that copies it, then run in a fresh Node process with the AWS
 * configuration the infra sets — S3 and SQS on fauxqs, S3 Vectors on a local fake, PostgreSQL
 * for the database — processing one real PDF and one poison message end to end.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DockerfileParser } from 'dockerfile-ast';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@student-helper/db-testing';
import { DocumentRepository, migrateApp, SessionRepository, type AppTables } from '@student-helper/persistence';
import { OfflineEmbedder } from '@student-helper/rag-core';
import { migrateChunkStore, openDatabase, type Database } from '@student-helper/rag-core/postgres';
import type { JobMessage } from '@student-helper/shared-types';
import { buildLambdaBundle, type LambdaBundle } from '../../build/lambda-bundle.js';
import { lambdaBundleDefaults } from '../../build/lambda-bundle.defaults.js';
import { corpusPath, expectedCounts, keysFor } from '@student-helper/ingestion/testing';
import { sqsEvent, sqsRecord } from './sqs-event.js';

const run = promisify(execFile);
const processorRoot = path.resolve(import.meta.dirname, '../..');
const region = 'ap-southeast-2';
const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

let outdir: string;
let bundle: LambdaBundle;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'processor-lambda-'));
  bundle = await buildLambdaBundle({ outdir });
}, 180_000);
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('the Lambda bundle', () => {
  it('holds the ESM handler, the parse worker beside it, and the OCR worker, models and native canvas', () => {
    const names = bundle.files.map((file) => file.name);
    expect(names.filter((name) => !name.startsWith('node_modules/'))).toEqual([
      'eng.traineddata.gz',
      'handler.mjs',
      'handler.mjs.LEGAL.txt',
      'handler.mjs.map',
      'package.json',
      'pdf-worker.js',
      'pdf-worker.js.LEGAL.txt',
      'pdf-worker.js.map',
      'tesseract-core-relaxedsimd.wasm',
      'tesseract-core-simd.wasm',
      'tesseract-core.wasm',
      'tesseract-worker.cjs',
      'tesseract-worker.cjs.map',
    ]);
    expect(names).toContain('node_modules/@napi-rs/canvas/package.json');
    expect(bundle.totalBytes).toBe(bundle.files.reduce((sum, file) => sum + file.bytes, 0));
  });

  it('is the folder the Dockerfile copies, on the Lambda Node.js 22 base image, with CMD naming the handler export', async () => {
    const dockerfile = DockerfileParser.parse(await readFile(path.join(processorRoot, 'Dockerfile'), 'utf8'));
    const args = Object.fromEntries(dockerfile.getARGs().map((arg) => [arg.getProperty()?.getName(), arg.getProperty()?.getValue()]));
    const from = dockerfile.getFROMs();
    expect(from.map((instruction) => instruction.getImageName())).toEqual(['${LAMBDA_BASE_IMAGE}']);
    // The infra's DocumentProcessor runs nodejs22.x (its zip default); the image must be the same Node.
    expect(args['LAMBDA_BASE_IMAGE']).toBe('public.ecr.aws/lambda/nodejs:22');

    const copies = dockerfile.getCOPYs().map((copy) => copy.getArguments().map((arg) => arg.getValue()));
    expect(copies).toEqual([[`${lambdaBundleDefaults.outdir}/`, '${LAMBDA_TASK_ROOT}/']]);
    const target = (JSON.parse(await readFile(path.join(processorRoot, 'package.json'), 'utf8')) as { nx: { targets: Record<string, { options: { command: string } }> } }).nx.targets;
    expect(target['build-lambda']?.options.command).toContain(`--outdir ${lambdaBundleDefaults.outdir} `);

    const cmd = dockerfile.getCMDs().map((instruction) => instruction.getArgumentsContent());
    expect(cmd).toEqual(['["handler.handler"]']);
    const handlerSource = await readFile(path.join(outdir, 'handler.mjs'), 'utf8');
    expect(handlerSource).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });
});

describe('the bundled handler in a fresh Node process', () => {
  let fauxqs: FauxqsServer;
  let vectorsFake: Server;
  const vectorRequests: { path: string; body: Record<string, unknown> }[] = [];
  let testDatabase: TestDatabase;
  let database: Database<AppTables>;

  beforeAll(async () => {
    fauxqs = await startFauxqs({ port: 0, logger: false });
    fauxqs.createBucket('documents');
    vectorsFake = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        vectorRequests.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown> });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => vectorsFake.listen(0, '127.0.0.1', resolve));
    testDatabase = await createTestDatabase('pg');
    database = await openDatabase<AppTables>(testDatabase.config);
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
    await new Promise((resolve) => vectorsFake?.close(resolve));
    await fauxqs?.stop();
  });

  it('processes a PDF from S3 into S3 Vectors and PostgreSQL, and gives a poison message back to SQS at once', async () => {
    const endpoint = `http://127.0.0.1:${fauxqs.port}`;
    // fauxqs names its queues on a *.localhost host: the child resolves it with fauxqs's DNS hook (invoke-bundle.mjs).
    const { queueUrl } = fauxqs.createQueue('jobs', { region, attributes: { VisibilityTimeout: '1800' } });
    const embedder = new OfflineEmbedder();
    // The schema as the API leaves it (the Lambda's own start migrates too, and finds nothing to do).
    await migrateApp(database.db);
    await migrateChunkStore(database.db, { embeddingModelId: embedder.modelId, dimensions: embedder.dimensions, vectorIndex: 'none' });
    const session = await new SessionRepository(database.db).create({ tokenHash: 'h'.repeat(64) });
    const documentId = crypto.randomUUID();
    const key = `sessions/${session.sessionId}/documents/${documentId}.pdf`;
    const pdf = await readFile(corpusPath('real', 'alphatrans.pdf'));
    const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials });
    await s3.send(new PutObjectCommand({ Bucket: 'documents', Key: key, Body: pdf }));
    const document = await new DocumentRepository(database.db).create({ sessionId: session.sessionId, documentId, filename: 'alphatrans.pdf', sizeBytes: pdf.length, blobKey: key });
    const job: JobMessage = { jobId: document.jobId, documentId, sessionId: session.sessionId, key, size: pdf.length };
    // The poison message really is on the queue, so its receipt handle is one SQS issued.
    const sqs = new SQSClient({ region, endpoint, credentials });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'definitely not a job' }));
    const [poison] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? [];

    const event = sqsEvent(
      sqsRecord(JSON.stringify(job), { messageId: 'job' }),
      sqsRecord('definitely not a job', { messageId: 'poison', receiptHandle: poison?.ReceiptHandle ?? '' }),
    );
    const env = {
      PATH: process.env['PATH'] ?? '',
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_ENDPOINT_URL_S3VECTORS: `http://127.0.0.1:${(vectorsFake.address() as AddressInfo).port}`,
      BLOB_STORE: 's3',
      DOCUMENTS_BUCKET: 'documents',
      VECTOR_STORE: 's3vectors',
      S3_VECTORS_BUCKET: 'student-helper-dev-vectors',
      S3_VECTORS_INDEX: 'documents',
      QUEUE: 'sqs',
      SQS_QUEUE_URL: queueUrl,
      QUEUE_MAX_RECEIVE_COUNT: '5',
      DATABASE_URL: testDatabase.config.kind === 'pg' ? testDatabase.config.connectionString : '',
    };
    const { stdout, stderr } = await run(process.execPath, [path.join(import.meta.dirname, 'invoke-bundle.mjs'), outdir, JSON.stringify(event)], { cwd: tmpdir(), env });

    const response: unknown = JSON.parse(stdout.split('\n').find((line) => line.startsWith('RESPONSE '))?.slice('RESPONSE '.length) ?? 'null');
    // On a failure, the message shows the function's own log (stderr).
    expect(response, stderr).toEqual({
      batchItemFailures: [{ itemIdentifier: 'poison' }],
    });
    const counts = await expectedCounts('real', 'alphatrans.pdf');
    expect(await new DocumentRepository(database.db).get(session.sessionId, documentId)).toMatchObject({ status: 'ready', ...counts });
    const puts = vectorRequests.filter((request) => request.path === '/PutVectors');
    expect(puts.map((request) => [request.body['vectorBucketName'], request.body['indexName']])).toEqual([['student-helper-dev-vectors', 'documents']]);
    expect((puts[0]?.body['vectors'] as { key: string }[]).map((vector) => vector.key)).toEqual(keysFor(documentId, counts.chunkCount));
    // Visibility 0: the poison message is back on the queue at once, its second receive on the way to the DLQ.
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(again.Messages?.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([['definitely not a job', '2']]);
    s3.destroy();
    sqs.destroy();
  }, 120_000);
});

