/**
 * The processor Lambda package: its size, and its cold init — a fresh Node process importing
 * `handler.mjs` (which reads the configuration and starts wiring the services) until the first
 * (empty) invocation has its services: the database connected, migrations checked, the AWS
 * adapters built. Configured as on AWS (S3, S3 Vectors, SQS, Titan) with every AWS endpoint set
 * to a closed local port, so nothing reaches a network: building the adapters makes no call,
 * and the database is the local PostgreSQL (on AWS: RDS, plus one Secrets Manager call and a
 * TLS handshake). Reference in the same run: a bare `node -e 0` process. Appends to
 * docs/benchmarks.md, section "Lambda bundle".
 *
 *   npx nx run processor:package-zip
 *   tools/run-ts.sh tools/bench/lambda-cold-init.ts [--bundle dist/apps/processor-lambda] [--runs 7]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { listFiles, totalBytes } from '@student-helper/bundling';
import { createTestDatabase } from '@student-helper/db-testing';
import { recordBenchmark } from './benchmarks-doc.js';
import { median } from './stats.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { bundle: { type: 'string' }, runs: { type: 'string' } } });
const bundleDir = path.resolve(workspaceRoot, values.bundle ?? 'dist/apps/processor-lambda');
const runs = Number(values.runs ?? 7);
if (!existsSync(path.join(bundleDir, 'handler.mjs'))) throw new Error(`No bundle at ${bundleDir}: run \`npx nx run processor:package-zip\` first.`);

interface InitTimes {
  /** From process start (performance.now() = 0) to the import beginning: Node's own start. */
  nodeStartMs: number;
  /** Importing handler.mjs: parse + evaluate the bundle, loadConfig, adapters constructed. */
  importMs: number;
  /** From the import's end until the first invocation had its services (database connected, migrations checked). */
  servicesMs: number;
  /** Process start to services ready. */
  totalMs: number;
}

const child = `
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const t1 = performance.now();
const response = await handler({ Records: [] }, { getRemainingTimeInMillis: () => 300000 });
const t2 = performance.now();
if (response.batchItemFailures.length !== 0) throw new Error('unexpected response');
process.stdout.write(JSON.stringify({ nodeStartMs: t0, importMs: t1 - t0, servicesMs: t2 - t1, totalMs: t2 }));
process.exit(0);
`;

const database = await createTestDatabase('pg');
try {
  if (database.config.kind !== 'pg') throw new Error('the cold-init benchmark needs the local PostgreSQL (the "pg" test target)');
  const env = {
    PATH: process.env['PATH'] ?? '',
    AWS_REGION: 'ap-southeast-2',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    BLOB_STORE: 's3',
    DOCUMENTS_BUCKET: 'student-helper-dev-documents',
    VECTOR_STORE: 's3vectors',
    S3_VECTORS_BUCKET: 'student-helper-dev-vectors',
    EMBEDDINGS_PROVIDER: 'bedrock',
    QUEUE: 'sqs',
    SQS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/student-helper-dev-jobs',
    DATABASE_URL: database.config.connectionString,
  };
  const handlerUrl = new URL(`file://${path.join(bundleDir, 'handler.mjs')}`).href;
  const initOnce = async (): Promise<InitTimes> => JSON.parse((await run(process.execPath, ['--input-type=module', '-e', child, handlerUrl], { env, cwd: bundleDir })).stdout) as InitTimes;
  const bareNode = async (): Promise<number> => {
    const start = process.hrtime.bigint();
    await run(process.execPath, ['-e', '0'], { env });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const firstStart = await initOnce(); // creates the tables: the first container of a fresh stack
  const inits: InitTimes[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    inits.push(await initOnce());
    bare.push(await bareNode());
  }
  const field = (key: keyof InitTimes) => median(inits.map((times) => times[key]));
  const ms = (value: number) => `${value.toFixed(0)} ms`;

  const files = await listFiles(bundleDir);
  const sum = (predicate: (name: string) => boolean) => totalBytes(files.filter((file) => predicate(file.name)));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const zip = path.join(bundleDir, '../processor-lambda.zip');
  const zipBytes = existsSync(zip) ? (await stat(zip)).size : undefined;

  const date = new Date().toISOString().slice(0, 10);
  const entry = [
    `### ${date}: cold init and size`,
    '',
    `- Command: \`npx nx run processor:package-zip && tools/run-ts.sh tools/bench/lambda-cold-init.ts --runs ${runs}\` (bundle \`${path.relative(workspaceRoot, bundleDir)}\`, configured as on AWS: S3, S3 Vectors, SQS, Titan; every AWS endpoint a closed local port; database the local PostgreSQL 15 with the tables already created)`,
    `- Machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg()[0]?.toFixed(2)} at start`,
    `- Size: handler.mjs ${mb(sum((name) => name === 'handler.mjs'))}, pdf-worker.js ${mb(sum((name) => name === 'pdf-worker.js'))}, OCR (tesseract worker, 3 wasm cores, eng model) ${mb(sum((name) => /^(tesseract|eng\.)/.test(name) && !name.endsWith('.map')))}, native canvas ${mb(sum((name) => name.startsWith('node_modules/')))}, source maps ${mb(sum((name) => name.endsWith('.map')))}; folder ${mb(sum(() => true))}${zipBytes === undefined ? '' : `, zip ${mb(zipBytes)}`} (Lambda limits: 50 MB zipped upload, 250 MB unzipped, 10 GB image)`,
    `- Cold init, median of ${runs} fresh processes: ${ms(field('totalMs'))} from process start to services ready — Node start ${ms(field('nodeStartMs'))}, import of handler.mjs ${ms(field('importMs'))}, services (pg connect, migrations checked) ${ms(field('servicesMs'))}; runs (total): ${inits.map((times) => times.totalMs.toFixed(0)).join(', ')}`,
    `- First process on an empty database (creates the tables): ${ms(firstStart.totalMs)} (services ${ms(firstStart.servicesMs)})`,
    `- Reference, same run: bare \`node -e 0\` process ${ms(median(bare))} (spawn to exit, median of ${runs})`,
    '',
  ].join('\n');
  process.stdout.write(`${entry}\n`);
  recordBenchmark('Lambda bundle', [
    'The processor Lambda package (`nx run processor:build-lambda`, `processor:package-zip`): what it weighs and how long a new',
    'container takes before it can handle its first SQS event. Script: `tools/bench/lambda-cold-init.ts`.',
  ], entry);
} finally {
  await database.dispose();
}
