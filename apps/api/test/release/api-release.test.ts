/**
 * The API release as the instance runs it: built by `build-release`'s command into one
 * temporary folder, tarred by `package-release`'s script, unpacked into another folder the way
 * `student-helper-deploy` does, and started there with `node apps/api/dist/main.js` — away from
 * the workspace and its node_modules, NODE_PATH unset — then used over real HTTP.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { corpusPath, expectedCounts } from '@student-helper/ingestion/testing';
import { ocrBundleAssets } from '@student-helper/rag-core';
import type { DocumentInfo } from '@student-helper/shared-types';
import { buildApiRelease, type ApiRelease } from '../../build/api-release.js';
import { apiReleaseDefaults } from '../../build/api-release.defaults.js';
import { workspaceRoot } from '../harness.js';

const run = promisify(execFile);
const apiRoot = path.join(workspaceRoot, 'apps/api');
/** vitest sets NODE_ENV=test, which the release build refuses (Vite would build React for development). */
const { NODE_ENV: _nodeEnv, ...buildEnv } = process.env;

let workDir: string;
let release: ApiRelease;
let tarball: string;
let tarEntries: string[];
let runDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'api-release-'));
  const built = await run(path.join(workspaceRoot, 'tools/run-ts.sh'), ['apps/api/build/build-release.ts', '--outdir', path.join(workDir, 'release')], {
    cwd: workspaceRoot,
    env: buildEnv,
    maxBuffer: 64 * 1024 * 1024,
  });
  release = JSON.parse(built.stdout) as ApiRelease;
  const packaged = await run(path.join(apiRoot, 'deploy/package-release.sh'), [release.outdir, path.join(workDir, `api-${release.version}.tar.gz`)]);
  tarball = packaged.stdout.trim();
  tarEntries = (await run('tar', ['-tzf', tarball], { maxBuffer: 64 * 1024 * 1024 })).stdout
    .split('\n')
    .filter((entry) => entry !== '' && !entry.endsWith('/'))
    .map((entry) => entry.replace(/^\.\//, ''))
    .sort((a, b) => a.localeCompare(b));
  runDir = path.join(workDir, 'current');
  await mkdir(runDir);
  await run('tar', ['-xzf', tarball, '-C', runDir, '--no-same-owner']);
}, 300_000);
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const hashedWebAsset = /^apps\/web\/dist\/assets\/[A-Za-z0-9_.-]+-[A-Za-z0-9_-]{8}\.(js|mjs|css)$/;

describe('the release', () => {
  it('is not built with a NODE_ENV that would give a development web build', async () => {
    expect(process.env['NODE_ENV']).toBe('test');
    const outdir = path.join(workDir, 'refused');
    await expect(buildApiRelease({ outdir })).rejects.toThrow(
      'NODE_ENV=test would make Vite build the web app for development: unset NODE_ENV (or set production) to build a release.',
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it('holds the server bundle with the parse worker, OCR and PGlite files beside it, the web build and a package.json', () => {
    const names = release.files.map((file) => file.name);
    expect(names.filter((name) => !name.includes('/node_modules/') && !name.startsWith('apps/web/dist/assets/'))).toEqual([
      'apps/api/dist/eng.traineddata.gz',
      'apps/api/dist/initdb.wasm',
      'apps/api/dist/main.js',
      'apps/api/dist/main.js.LEGAL.txt',
      'apps/api/dist/main.js.map',
      'apps/api/dist/package.json',
      'apps/api/dist/pdf-worker.js',
      'apps/api/dist/pdf-worker.js.LEGAL.txt',
      'apps/api/dist/pdf-worker.js.map',
      'apps/api/dist/pglite.data',
      'apps/api/dist/pglite.wasm',
      'apps/api/dist/tesseract-core-relaxedsimd.wasm',
      'apps/api/dist/tesseract-core-simd.wasm',
      'apps/api/dist/tesseract-core.wasm',
      'apps/api/dist/tesseract-worker.cjs',
      'apps/api/dist/tesseract-worker.cjs.map',
      'apps/api/dist/vector.tar.gz',
      'apps/web/dist/index.html',
      'package.json',
    ]);
    const assets = names.filter((name) => name.startsWith('apps/web/dist/assets/'));
    expect(assets.filter((name) => !hashedWebAsset.test(name))).toEqual([]);
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    // Only the native canvas packages: everything else is inside the bundles.
    const nativePackages = new Set(names.filter((name) => name.includes('/node_modules/')).map((name) => /\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)\//.exec(name)?.[1]));
    expect([...nativePackages].sort()).toEqual(ocrBundleAssets().nativePackages.map((p) => p.name).sort());
    expect(names).toContain('apps/api/dist/node_modules/@napi-rs/canvas/package.json');
    expect(release.totalBytes).toBe(release.files.reduce((sum, file) => sum + file.bytes, 0));
  });

  it('has the entry the instance runs, and a package.json naming the API version and how to start it', async () => {
    // The ApiServer's systemd unit runs this path in the unpacked release (libs/compute).
    const computeDefaults = await readFile(path.join(workspaceRoot, 'libs/compute/src/api-server.defaults.ts'), 'utf8');
    expect(/entrypoint: '([^']+)'/.exec(computeDefaults)?.[1]).toBe(apiReleaseDefaults.entrypoint);
    const { version } = JSON.parse(await readFile(path.join(apiRoot, 'package.json'), 'utf8')) as { version: string };
    const { engines } = JSON.parse(await readFile(path.join(workspaceRoot, 'package.json'), 'utf8')) as { engines: unknown };
    expect(release.version).toBe(version);
    expect(JSON.parse(await readFile(path.join(runDir, 'package.json'), 'utf8'))).toEqual({
      name: '@student-helper/api',
      version,
      private: true,
      type: 'module',
      engines,
      scripts: { start: 'node apps/api/dist/main.js' },
    });
  });

  it('is packaged whole as api-<version>.tar.gz', () => {
    expect(path.basename(tarball)).toBe(`api-${release.version}.tar.gz`);
    expect(tarEntries).toEqual(release.files.map((file) => file.name));
  });
});

describe('the unpacked release, started with node', () => {
  let server: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    const dataDir = path.join(workDir, 'data');
    // Only what the instance's unit sets: no NODE_PATH, no workspace on the way up from cwd.
    server = spawn(process.execPath, [apiReleaseDefaults.entrypoint], {
      cwd: runDir,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the release did not start in 120 s:\n${output}`)), 120_000);
      server.stdout?.on('data', () => {
        const match = /Student Helper is running at http:\/\/localhost:(\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the release exited with ${code} before listening:\n${output}`));
      });
    });
    baseUrl = `http://127.0.0.1:${port}`;
  }, 150_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('reports healthy on the embedded database, queue, vector index and blob store', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status, output).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ok');
    expect(Object.fromEntries(Object.entries(body.checks).map(([name, check]) => [name, check.ok]))).toEqual({ db: true, queue: true, vectors: true, blobs: true });
  });

  it('serves the web app it ships at /, with its assets', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toBe(await readFile(path.join(runDir, 'apps/web/dist/index.html'), 'utf8'));
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[A-Za-z0-9_-]{8}\.js$/);
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(await readFile(path.join(runDir, 'apps/web/dist', script as string), 'utf8'));
  });

  it('parses an uploaded PDF in its parse worker to ready, with the pages and chunks the source pipeline makes', async () => {
    const created = await fetch(`${baseUrl}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"release"}' });
    expect(created.status).toBe(201);
    const { sessionId, token } = (await created.json()) as { sessionId: string; token: string };
    const headers = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append('file', new Blob([await readFile(corpusPath('real', 'tracemonkey.pdf'))], { type: 'application/pdf' }), 'tracemonkey.pdf');
    const uploaded = await fetch(`${baseUrl}/api/sessions/${sessionId}/documents`, { method: 'POST', headers, body: form });
    expect(uploaded.status).toBe(202);
    const { documentId } = (await uploaded.json()) as { documentId: string };

    let document: DocumentInfo | undefined;
    await vi.waitFor(
      async () => {
        document = (await (await fetch(`${baseUrl}/api/sessions/${sessionId}/documents/${documentId}`, { headers })).json()) as DocumentInfo;
        expect(['queued', 'processing']).not.toContain(document.status);
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(document, output).toMatchObject({ status: 'ready', error: null, ...(await expectedCounts('real', 'tracemonkey.pdf')) });
  }, 150_000);
});
