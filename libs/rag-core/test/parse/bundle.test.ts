/**
 * The processor ships as an esbuild bundle: parsePdf must find its worker beside the bundle
 * (`pdf-worker.js`, built from the `@student-helper/rag-core/pdf-worker` entry) and run it
 * with no TypeScript tooling and no node_modules at hand.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from './corpus.js';

const run = promisify(execFile);
let outdir = '';

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'rag-core-bundle-'));
  await build({
    entryPoints: {
      main: path.join(import.meta.dirname, 'bundle-entry.ts'),
      // The package export a consumer's build uses; the source condition maps it to TypeScript here.
      'pdf-worker': '@student-helper/rag-core/pdf-worker',
    },
    absWorkingDir: import.meta.dirname,
    conditions: ['@student-helper/source'],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.js' },
    logLevel: 'silent',
  });
}, 60_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('bundled with esbuild', () => {
  it('emits only the two entry files', async () => {
    expect((await readdir(outdir)).sort()).toEqual(['main.js', 'pdf-worker.js']);
  });

  it('parses a PDF through the worker beside the bundle', async () => {
    const { stdout } = await run(process.execPath, [path.join(outdir, 'main.js'), corpusPath('real', 'alphatrans.pdf')], { cwd: outdir });
    expect(JSON.parse(stdout)).toEqual({
      pageCount: 1,
      pages: [{ pageNumber: 1, text: 'Red: stroke=1, fill=1.\nGreen: stroke=.5, fill=.5.\nBlue: stroke=1, fill=.5\nImage: .5\nGradient: .5\n\nPowered by TCPDF (www.tcpdf.org)' }],
    });
  });

  it('reports a document error from the bundled worker', async () => {
    const { stdout } = await run(process.execPath, [path.join(outdir, 'main.js'), corpusPath('hostile', 'issue6010_1.pdf')], { cwd: outdir });
    expect(JSON.parse(stdout)).toEqual({
      error: { name: 'DocumentError', code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected. Remove the password and upload it again.' },
    });
  });
});
