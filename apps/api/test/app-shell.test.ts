/**
 * What every route shares: the OpenAPI document, health, request ids, security headers, CORS,
 * and serving the web build with its SPA fallback.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '@student-helper/rag-core';
import { buildApp } from '../src/app.js';
import { openTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface OpenApiOperation {
  security?: unknown[];
  parameters?: { in: string; name: string; schema: { format?: string } }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown>; title?: string } }> }>;
}

describe('OpenAPI document', () => {
  let document: { openapi: string; info: { version: string }; paths: Record<string, Record<string, OpenApiOperation>>; components: { securitySchemes: object } };
  beforeAll(async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });

  it('lists every route of the contract, and nothing else', () => {
    const operations = Object.entries(document.paths).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`));
    expect(operations.sort()).toEqual(
      [
        'GET /api/health',
        'POST /api/sessions',
        'GET /api/sessions/{sid}',
        'PATCH /api/sessions/{sid}',
        'POST /api/sessions/{sid}/documents',
        'GET /api/sessions/{sid}/documents/{did}',
        'DELETE /api/sessions/{sid}/documents/{did}',
        'GET /api/sessions/{sid}/documents/{did}/file',
        'GET /api/jobs/{jid}',
        'POST /api/sessions/{sid}/chat',
        'GET /api/sessions/{sid}/messages',
      ].sort(),
    );
    expect(document.openapi).toBe('3.0.3');
    expect(document.info.version).toBe('1.0.0');
    expect(document.components.securitySchemes).toEqual({ sessionToken: { type: 'http', scheme: 'bearer', description: 'The token returned once by POST /api/sessions.' } });
  });

  it('carries the validating schemas: bodies, uuid params, responses and errors', () => {
    const create = document.paths['/api/sessions']?.['post'];
    expect(create?.requestBody?.content['application/json']?.schema.properties).toEqual({ title: { type: 'string', minLength: 1, maxLength: 200 } });
    expect(Object.keys(create?.responses['201']?.content?.['application/json']?.schema.properties ?? {})).toEqual(['sessionId', 'token']);
    expect(create?.security).toBeUndefined();

    const read = document.paths['/api/sessions/{sid}/documents/{did}']?.['get'];
    expect(read?.security).toEqual([{ sessionToken: [] }]);
    expect(read?.parameters?.map((parameter) => [parameter.in, parameter.name, parameter.schema.format])).toEqual([
      ['path', 'sid', 'uuid'],
      ['path', 'did', 'uuid'],
    ]);
    expect(Object.keys(read?.responses ?? {}).sort()).toEqual(['200', '400', '401', '404', '429']);
    expect(Object.keys(read?.responses['404']?.content?.['application/json']?.schema.properties ?? {})).toEqual(['error']);

    const upload = document.paths['/api/sessions/{sid}/documents']?.['post'];
    expect(upload?.requestBody?.content['multipart/form-data']?.schema).toMatchObject({ properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] });
    expect(Object.keys(upload?.responses ?? {}).sort()).toEqual(['202', '400', '401', '404', '413', '415', '422', '429', '503']);

    const chat = document.paths['/api/sessions/{sid}/chat']?.['post'];
    expect(Object.keys(chat?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(['question', 'documentIds']);
    const stream = chat?.responses['200']?.content?.['text/event-stream']?.schema as { anyOf?: { properties: { event: { enum?: string[] } } }[] } | undefined;
    expect(JSON.stringify(stream)).toContain('retrieval');
    for (const event of ['retrieval', 'token', 'citations', 'done', 'error']) expect(JSON.stringify(stream)).toContain(`"${event}"`);

    const file = document.paths['/api/sessions/{sid}/documents/{did}/file']?.['get'];
    expect(Object.keys(file?.responses ?? {}).sort()).toEqual(['200', '206', '400', '401', '404', '416', '429']);
    expect(Object.keys(file?.responses['206']?.content ?? {})).toEqual(['application/pdf']);
  });
});

describe('health', () => {
  it('reports each dependency with its latency', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    for (const name of ['db', 'queue', 'vectors', 'blobs']) {
      expect(body.checks[name]).toEqual({ ok: true, latencyMs: expect.any(Number) });
      expect(body.checks[name].latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers 503 degraded, naming the failed check, when one dependency fails', async () => {
    const brokenBlobs: BlobStore = { ...t.services.blobs, ping: () => Promise.reject(new Error('disk unplugged')) } as BlobStore;
    const app = await buildApp({ ...t.services, blobs: brokenBlobs }, t.config, { logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      const body = response.json();
      expect(body.status).toBe('degraded');
      expect(body.checks.blobs).toEqual({ ok: false, latencyMs: expect.any(Number), error: 'Error: disk unplugged' });
      expect(body.checks.db.ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('request ids, security headers and CORS', () => {
  it('returns a request id, keeping a well-formed incoming one', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'edge-123.abc' } });
    expect(kept.headers['x-request-id']).toBe('edge-123.abc');
    const replaced = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends helmet headers with a CSP that allows the SPA and the pdf.js worker', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;" +
        "object-src 'none';script-src 'self' 'wasm-unsafe-eval';script-src-attr 'none';style-src 'self' 'unsafe-inline';worker-src 'self' blob:",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('allows no cross-origin caller by default and the configured origins when set', async () => {
    const closed = await t.app.inject({ method: 'OPTIONS', url: '/api/sessions', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const app = await buildApp(t.services, { ...t.config, server: { ...t.config.server, corsOrigins: ['https://app.example.com'] } }, { logger: false });
    try {
      const allowed = await app.inject({ method: 'OPTIONS', url: '/api/sessions', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
      const other = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('web app', () => {
  let webDist: string;
  beforeAll(async () => {
    webDist = await mkdtemp(path.join(tmpdir(), 'api-web-'));
    await mkdir(path.join(webDist, 'assets'));
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(webDist, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterAll(async () => {
    await rm(webDist, { recursive: true, force: true });
  });

  it('serves the build, caches hashed assets for a year and index.html never, and falls back to index.html for client routes', async () => {
    const app = await buildApp(t.services, t.config, { logger: false, webDistDir: webDist });
    try {
      const index = await app.inject({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toContain('text/html');
      expect(index.headers['cache-control']).toBe('no-cache');
      expect(index.body).toBe('<!doctype html><div id="root"></div>');
      const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const clientRoute = await app.inject({ method: 'GET', url: '/sessions/123?tab=chat', headers: { accept: 'text/html' } });
      expect(clientRoute.statusCode).toBe(200);
      expect(clientRoute.body).toBe(index.body);
      const api = await app.inject({ method: 'GET', url: '/api/unknown' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such API route.' } });
      const post = await app.inject({ method: 'POST', url: '/somewhere' });
      expect(post.statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('serves only the API when there is no build', async () => {
    const app = await buildApp(t.services, t.config, { logger: false, webDistDir: path.join(webDist, 'missing') });
    try {
      const response = await app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such API route.' } });
    } finally {
      await app.close();
    }
  });
});
