import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { copyOcrBundleAssets, ocrBundleAssets } from '@student-helper/rag-core';
import { copyEmbeddedDatabaseAssets } from './embedded-database-assets.js';
import { listFiles, totalBytes, type BundleFile } from './list-files.js';
import { nodeBundleDefaults } from './node-bundle.defaults.js';

export interface NodeBundleOptions {
  /** The app's folder: the entry source and the workspace packages resolve from here. */
  absWorkingDir: string;
  /** The folder to (re)create. */
  outdir: string;
  /** The app's entry: bundled as `<name><extension>` (default `.js`, an ES module through the folder's `package.json`). */
  entry: { name: string; source: string; extension?: '.js' | '.mjs' };
  /** Also ship PGlite's files beside the entry, for a bundle that may run on the embedded database. Default false. */
  embeddedDatabase?: boolean;
  /** Default true. */
  minify?: boolean;
  /** Writes esbuild's metafile (inputs and their bytes per output) here, outside the bundle. */
  metafile?: string;
}

export interface NodeBundle {
  outdir: string;
  /** Every file in the folder (relative, sorted) with its size. */
  files: BundleFile[];
  totalBytes: number;
}

/**
 * Builds a Node entry that parses PDFs into one folder that runs with no npm install:
 *
 * - `<entry>`: the entry and everything it imports (workspace packages from their TypeScript
 *   source through `@student-helper/source`), ESM, with a `require` made by `createRequire`
 *   for the CommonJS packages inside.
 * - `pdf-worker.js`: rag-core's parse worker thread, which `parsePdf` looks for beside the
 *   module that calls it (decision 0006); ESM through the folder's `package.json`.
 * - for OCR (rag-core's `ocrBundleAssets()`): `tesseract-worker.cjs`, the wasm cores,
 *   `eng.traineddata.gz` and `node_modules/@napi-rs/canvas*` (a native addon cannot be bundled;
 *   the copy is the build machine's platform and architecture).
 * - with `embeddedDatabase`: PGlite's wasm, data and pgvector archive.
 *
 * esbuild's API rather than `@nx/esbuild`'s executor: the executor gives every entry one output
 * extension and one format, but this folder needs the entry beside `pdf-worker.js` (the name
 * rag-core looks for), a CommonJS tesseract worker, and assets resolved from rag-core's install.
 */
export async function buildNodeBundle(options: NodeBundleOptions): Promise<NodeBundle> {
  const { outdir, entry } = options;
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const ocr = ocrBundleAssets();
  const common: BuildOptions = {
    absWorkingDir: options.absWorkingDir,
    bundle: true,
    platform: 'node',
    target: nodeBundleDefaults.target,
    conditions: ['@student-helper/source'],
    minify: options.minify ?? true,
    // Error classes and fastify plugins are told apart by name at run time.
    keepNames: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    external: [...nodeBundleDefaults.external, ...ocr.nativePackages.map((p) => p.name)],
  };
  const esm: BuildOptions = { ...common, format: 'esm', banner: { js: nodeBundleDefaults.esmBanner } };
  const results = await Promise.all([
    build({ ...esm, entryPoints: { [entry.name]: entry.source }, outdir, outExtension: { '.js': entry.extension ?? '.js' } }),
    build({ ...esm, entryPoints: { 'pdf-worker': '@student-helper/rag-core/pdf-worker' }, outdir }),
    build({ ...common, format: 'cjs', entryPoints: { 'tesseract-worker': ocr.workerEntry }, outdir, outExtension: { '.js': '.cjs' } }),
  ]);
  // `.js` files here are ES modules (pdf-worker.js), whatever folder the bundle is put in.
  await writeFile(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  await copyOcrBundleAssets(outdir, ocr);
  if (options.embeddedDatabase) await copyEmbeddedDatabaseAssets(outdir);
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
  return { outdir, files, totalBytes: totalBytes(files) };
}
