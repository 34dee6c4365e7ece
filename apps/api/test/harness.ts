/**
 * What the API tests share: an app over real services on a db-testing target, requests with
 * session tokens and multipart uploads, SSE decoding, and the shared corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { createParser } from 'eventsource-parser';
import { databaseTargets, type DatabaseTarget, type TestDatabase } from '@student-helper/db-testing';
import type { Worker } from '@student-helper/ingestion';
import { InMemoryVectorIndex } from '@student-helper/rag-core/testing';
import { createServices, loadConfig, type AppConfig, type ServiceOverrides, type Services } from '@student-helper/runtime';
import type { ChatStreamEvent, DocumentInfo, UploadAccepted } from '@student-helper/shared-types';
import { buildApp, type App } from '../src/app.js';
import { startLocalWorker } from '../src/worker/start-local-worker.js';

export const workspaceRoot = path.resolve(import.meta.dirname, '../../..');
const corpusRoot = path.resolve(workspaceRoot, '../shared/corpus');

/** A corpus file's path; a missing corpus fails loudly (never skipped). */
export function corpusPath(kind: 'real' | 'hostile', name: string): string {
  const file = path.join(corpusRoot, kind, name);
  if (!existsSync(file)) throw new Error(`The test corpus file is missing: ${file}. Mount the shared material at ../shared beside the repository.`);
  return file;
}

export function corpusBytes(kind: 'real' | 'hostile', name: string): Buffer {
  return readFileSync(corpusPath(kind, name));
}

export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TestApp {
  app: App;
  services: Services;
  config: AppConfig;
  dataDir: string;
  testDatabase: TestDatabase;
  worker: Worker | undefined;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Default: in-memory PGlite. */
  target?: DatabaseTarget;
  /** Extra environment for loadConfig (DATA_DIR and LOG_LEVEL are set). */
  env?: Record<string, string>;
  /** Run the processor's worker loop in the test process (polling fast). */
  worker?: boolean;
  overrides?: ServiceOverrides;
  webDistDir?: string;
}

export const pgliteTarget = (): DatabaseTarget => databaseTargets().find((target) => target.id === 'pglite') as DatabaseTarget;

/**
 * The app over services wired by `createServices` on a fresh database of `target`, with its
 * own DATA_DIR. Targets without pgvector (the local PostgreSQL) keep vectors in memory.
 */
export async function openTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'api-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env }, workspaceRoot);
  const testDatabase = await (options.target ?? pgliteTarget()).createDatabase();
  const services = await createServices(config, {
    database: testDatabase.config,
    ...(testDatabase.hasPgvector ? {} : { vectors: new InMemoryVectorIndex() }),
    ...options.overrides,
  });
  const app = await buildApp(services, config, { logger: false, ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}) });
  const worker = options.worker ? startLocalWorker(services, silentLog, { pollIntervalMs: 25, retryDelaySeconds: () => 0 }) : undefined;
  return {
    app,
    services,
    config,
    dataDir,
    testDatabase,
    worker,
    async close() {
      await worker?.stop();
      await app.close();
      await services.close();
      await testDatabase.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSession {
  sessionId: string;
  token: string;
  headers: { authorization: string };
}

export async function createSession(app: App, title?: string): Promise<TestSession> {
  const response = await app.inject({ method: 'POST', url: '/api/sessions', payload: title === undefined ? {} : { title } });
  expect(response.statusCode).toBe(201);
  const { sessionId, token } = response.json<{ sessionId: string; token: string }>();
  return { sessionId, token, headers: { authorization: `Bearer ${token}` } };
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: Uint8Array | string;
}

/** A multipart/form-data body built by hand, so tests control every byte (names, extra parts). */
export function multipartBody(parts: readonly MultipartPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----api-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ?? (part.filename === undefined ? undefined : 'application/pdf');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function uploadRequest(session: TestSession, bytes: Uint8Array, filename = 'document.pdf') {
  const body = multipartBody([{ name: 'file', filename, content: bytes }]);
  return {
    method: 'POST' as const,
    url: `/api/sessions/${session.sessionId}/documents`,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  };
}

export async function upload(app: App, session: TestSession, bytes: Uint8Array, filename?: string): Promise<UploadAccepted> {
  const response = await app.inject(uploadRequest(session, bytes, filename));
  expect(response.statusCode, response.body).toBe(202);
  return response.json<UploadAccepted>();
}

/** Polls the document until it is ready or failed. */
export async function settledDocument(app: App, session: TestSession, documentId: string, timeout = 120_000): Promise<DocumentInfo> {
  let document: DocumentInfo | undefined;
  await vi.waitFor(
    async () => {
      const response = await app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}/documents/${documentId}`, headers: session.headers });
      expect(response.statusCode).toBe(200);
      document = response.json<DocumentInfo>();
      expect(['ready', 'failed']).toContain(document.status);
    },
    { timeout, interval: 100 },
  );
  return document as DocumentInfo;
}

/** Decodes an SSE body into events with their JSON payloads, in order. */
export function parseSse(text: string): ChatStreamEvent[] {
  const events: ChatStreamEvent[] = [];
  const parser = createParser({
    onEvent: (message) => events.push({ event: message.event, data: JSON.parse(message.data) } as ChatStreamEvent),
  });
  parser.feed(text);
  return events;
}

/** Every file under `dir`, relative, sorted (none when it does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The byte-for-byte body of a 404 for a session the caller may not see. */
export const sessionNotFoundBody = { error: { code: 'NOT_FOUND', message: 'Session not found.' } };
export const documentNotFoundBody = { error: { code: 'NOT_FOUND', message: 'Document not found.' } };
