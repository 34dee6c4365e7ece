/**
 * The processor ships as an esbuild bundle: parsePdf must find its worker beside the bundle
 * (`pdf-worker.js`, built from the `@student-helper/rag-core/pdf-worker` entry) and run it
 * with no TypeScript tooling and no node_modules at hand — and OCR must find its assets there
 * too (`tesseract-worker.cjs`, the wasm cores, the English model, `@napi-rs/canvas` under
 * `node_modules/`), reading nothing from the network.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOcrBundleAssets, ocrBundleAssets } from '../../src/index.js';
import { corpusPath } from './corpus.js';

const run = promisify(execFile);
let outdir = '';

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'rag-core-bundle-'));
  const ocr = ocrBundleAssets();
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
    // CommonJS packages inside an ESM bundle (tesseract.js) call require() and read __dirname.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    },
    // A native addon: shipped as a package under node_modules, not bundled.
    external: ocr.nativePackages.map(({ name }) => name),
    logLevel: 'silent',
  });
  await build({
    entryPoints: [ocr.workerEntry],
    outfile: path.join(outdir, 'tesseract-worker.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  await copyOcrBundleAssets(outdir, ocr);
}, 120_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** Runs the bundle on a PDF with parse options, in a network namespace of its own with no network (only loopback, down). */
async function parseInBundle(pdf: string, options: object = {}): Promise<unknown> {
  const { stdout } = await run('unshare', ['--net', process.execPath, path.join(outdir, 'main.js'), pdf, JSON.stringify(options)], {
    cwd: outdir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

describe('bundled with esbuild', () => {
  it('emits the two entry files, the tesseract worker, the OCR assets and the native canvas package', async () => {
    expect((await readdir(outdir)).sort()).toEqual([
      'eng.traineddata.gz',
      'main.js',
      'node_modules',
      'pdf-worker.js',
      'tesseract-core-relaxedsimd.wasm',
      'tesseract-core-simd.wasm',
      'tesseract-core.wasm',
      'tesseract-worker.cjs',
    ]);
    expect((await readdir(path.join(outdir, 'node_modules', '@napi-rs'))).sort()).toEqual(['canvas', `canvas-${process.platform}-${process.arch}-gnu`]);
  });

  it('runs without a network: the test sandbox has none', async () => {
    const { stdout } = await run('unshare', ['--net', process.execPath, '-e', 'fetch("https://registry.npmjs.org").then(() => console.log("online"), () => console.log("offline"))']);
    expect(stdout).toBe('offline\n');
  });

  it('parses a PDF through the worker beside the bundle', async () => {
    expect(await parseInBundle(corpusPath('real', 'alphatrans.pdf'))).toEqual({
      pageCount: 1,
      pages: [{ pageNumber: 1, text: 'Red: stroke=1, fill=1.\nGreen: stroke=.5, fill=.5.\nBlue: stroke=1, fill=.5\nImage: .5\nGradient: .5\n\nPowered by TCPDF (www.tcpdf.org)' }],
    });
  });

  it('reports a document error from the bundled worker', async () => {
    expect(await parseInBundle(corpusPath('hostile', 'issue6010_1.pdf'))).toEqual({
      error: { name: 'DocumentError', code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected. Remove the password and upload it again.' },
    });
  });

  it('recognises a page with the assets beside the bundle, offline', async () => {
    const document = (await parseInBundle(corpusPath('real', 'TAMReview.pdf'), { ocr: { maxPages: 1 }, timeoutMs: 600_000 })) as {
      pages: { pageNumber: number; text: string; source?: string; ocrConfidence?: number }[];
    };
    expect(document.pages.filter((page) => page.source === 'ocr').map(({ pageNumber, ocrConfidence }) => ({ pageNumber, ocrConfidence }))).toEqual([
      { pageNumber: 2, ocrConfidence: 94 },
    ]);
    expect(document.pages[1]?.text).toContain('User acceptance of technology has been an important field of study for over two\ndecades now.');
  }, 600_000);

  it('fails the parse with OcrUnavailableError, not a DocumentError (a deployment fault the queue retries), when an OCR asset is missing', async () => {
    const model = path.join(outdir, 'eng.traineddata.gz');
    await rename(model, `${model}.away`);
    try {
      expect(await parseInBundle(corpusPath('real', 'TAMReview.pdf'), { ocr: { maxPages: 1 }, timeoutMs: 600_000 })).toEqual({
        error: {
          name: 'OcrUnavailableError',
          message: `The OCR engine could not start: The OCR model is missing: expected ${model} beside ${path.join(outdir, 'tesseract-worker.cjs')}.`,
        },
      });
    } finally {
      await rename(`${model}.away`, model);
    }
  }, 600_000);
});
