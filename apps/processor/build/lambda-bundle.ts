import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { copyOcrBundleAssets, ocrBundleAssets } from '@student-helper/rag-core';
import { lambdaBundleDefaults } from './lambda-bundle.defaults.js';

export interface LambdaBundleOptions {
  /** The folder to (re)create; the zip and the container image take it whole. */
  outdir: string;
  /** Default true. */
  minify?: boolean;
  /** Writes esbuild's metafile (inputs and their bytes per output) here, outside the bundle. */
  metafile?: string;
}

export interface LambdaBundle {
  outdir: string;
  /** Every file in the folder (relative, sorted) with its size. */
  files: { name: string; bytes: number }[];
  totalBytes: number;
}

const processorRoot = path.resolve(import.meta.dirname, '..');

/**
 * Builds the processor Lambda into one folder, run with the function's handler `handler.handler`:
 *
 * - `handler.mjs`: the Lambda entry and everything it imports (AWS SDK v3 clients included),
 *   ESM, with a `require` made by `createRequire` for the CommonJS packages inside.
 * - `pdf-worker.js`: rag-core's parse worker thread, which `parsePdf` looks for beside the
 *   module that calls it (decision 0006); ESM through the folder's `package.json`.
 * - for OCR (rag-core's `ocrBundleAssets()`): `tesseract-worker.cjs`, the wasm cores,
 *   `eng.traineddata.gz` and `node_modules/@napi-rs/canvas*` (a native addon cannot be bundled).
 *
 * esbuild's API rather than `@nx/esbuild`'s executor: the executor gives every entry one output
 * extension and one format, but this folder needs `handler.mjs` beside `pdf-worker.js` (the
 * name rag-core looks for), a CommonJS tesseract worker, and assets resolved from rag-core's
 * install. Workspace packages are bundled from their TypeScript source (`@student-helper/source`).
 */
export async function buildLambdaBundle(options: LambdaBundleOptions): Promise<LambdaBundle> {
  const { outdir } = options;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const ocr = ocrBundleAssets();
  const common: BuildOptions = {
    absWorkingDir: processorRoot,
    bundle: true,
    platform: 'node',
    target: lambdaBundleDefaults.target,
    conditions: ['@student-helper/source'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    external: [...lambdaBundleDefaults.external, ...ocr.nativePackages.map((p) => p.name)],
  };
  const esm: BuildOptions = { ...common, format: 'esm', banner: { js: lambdaBundleDefaults.esmBanner } };
  const results = await Promise.all([
    build({ ...esm, entryPoints: { handler: 'src/lambda/handler.ts' }, outdir, outExtension: { '.js': '.mjs' } }),
    build({ ...esm, entryPoints: { 'pdf-worker': '@student-helper/rag-core/pdf-worker' }, outdir }),
    build({ ...common, format: 'cjs', entryPoints: { 'tesseract-worker': ocr.workerEntry }, outdir, outExtension: { '.js': '.cjs' } }),
  ]);
  // `.js` files here are ES modules (pdf-worker.js); the handler is `.mjs` either way.
  await writeFile(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  await copyOcrBundleAssets(outdir, ocr);
  if (options.metafile) {
    const merged: Metafile = { inputs: {}, outputs: {} };
    for (const result of results) {
      Object.assign(merged.inputs, result.metafile?.inputs);
      Object.assign(merged.outputs, result.metafile?.outputs);
    }
    await mkdir(path.dirname(options.metafile), { recursive: true });
    await writeFile(options.metafile, JSON.stringify(merged));
  }
  const files = await listFiles(outdir);
  return { outdir, files, totalBytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

async function listFiles(root: string): Promise<{ name: string; bytes: number }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return { name: path.relative(root, full).split(path.sep).join('/'), bytes: (await stat(full)).size };
      }),
  );
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
