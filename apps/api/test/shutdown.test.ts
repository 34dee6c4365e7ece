/**
 * Graceful shutdown over real HTTP: new requests are refused, a chat stream in progress
 * finishes (or, past the bound, stops and is stored as `stopped`), then the server closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServices, loadConfig, type AppConfig } from '@student-helper/runtime';
import type { DocumentInfo, MessageList } from '@student-helper/shared-types';
import { startServer, type RunningServer } from '../src/server.js';
import { corpusBytes, parseSse, workspaceRoot } from './harness.js';
import { SlowChatModel } from './slow-chat-model.js';

interface Started {
  server: RunningServer;
  config: AppConfig;
  dataDir: string;
  ask: () => Promise<{ firstToken: Promise<void>; body: Promise<string> }>;
  /** The session's messages as stored, read by reopening the database after the server closed. */
  storedOutcomes: () => Promise<MessageList['messages'][number]['outcome'][]>;
}

async function startWithDocument(model: SlowChatModel, shutdownTimeoutMs: number): Promise<Started> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'api-shutdown-'));
  const config = loadConfig(
    { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) },
    workspaceRoot,
  );
  const server = await startServer(config, { logger: false, workerTuning: { pollIntervalMs: 50 }, overrides: { chatModel: model } });
  const created = (await (await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
    sessionId: string;
    token: string;
  };
  const headers = { authorization: `Bearer ${created.token}` };
  const base = `${server.url}/api/sessions/${created.sessionId}`;
  const form = new FormData();
  form.append('file', new Blob([corpusBytes('real', 'alphatrans.pdf')]), 'colors.pdf');
  const { documentId } = (await (await fetch(`${base}/documents`, { method: 'POST', headers, body: form })).json()) as { documentId: string };
  await vi.waitFor(async () => expect(((await (await fetch(`${base}/documents/${documentId}`, { headers })).json()) as DocumentInfo).status).toBe('ready'), {
    timeout: 60_000,
    interval: 100,
  });
  return {
    server,
    config,
    dataDir,
    ask: async () => {
      const response = await fetch(`${base}/chat`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'What are the stroke and fill values of Red?' }),
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      let sawToken: () => void = () => undefined;
      const firstToken = new Promise<void>((resolve) => (sawToken = resolve));
      const body = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return text;
          text += new TextDecoder().decode(value);
          if (text.includes('event: token')) sawToken();
        }
      })();
      return { firstToken, body };
    },
    storedOutcomes: async () => {
      const services = await createServices(config);
      try {
        return (await services.messages.list(created.sessionId)).map((message) => message.outcome);
      } finally {
        await services.close();
      }
    },
  };
}

describe('graceful shutdown', () => {
  let started: Started | undefined;
  afterEach(async () => {
    await started?.server.close();
    if (started) await rm(started.dataDir, { recursive: true, force: true });
    started = undefined;
  });

  it('refuses new requests, lets a chat stream finish, then closes', { timeout: 180_000 }, async () => {
    const model = new SlowChatModel(20, 40);
    started = await startWithDocument(model, 10_000);
    const { server } = started;
    const stream = await started.ask();
    await stream.firstToken;
    const closing = server.close();
    // A new request is refused (connection refused, or fastify's 503 while it stops listening).
    expect(['refused', 503]).toContain(await fetch(`${server.url}/api/health`).then((response) => response.status, () => 'refused'));
    const events = parseSse(await stream.body);
    await closing;
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { outcome: 'answered' } });
    expect(events.filter((event) => event.event === 'token')).toHaveLength(20);
    expect(model.aborted).toBe(false);
    expect(await started.storedOutcomes()).toEqual([null, 'answered']);
  });

  it('stops a stream still running at the bound; it ends with done/stopped and is stored', { timeout: 180_000 }, async () => {
    const model = new SlowChatModel(10_000, 20);
    started = await startWithDocument(model, 300);
    const { server } = started;
    const stream = await started.ask();
    await stream.firstToken;
    const began = Date.now();
    await server.close();
    const events = parseSse(await stream.body);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(model.aborted).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { outcome: 'stopped' } });
    expect(await started.storedOutcomes()).toEqual([null, 'stopped']);
  });
});
