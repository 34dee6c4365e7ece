import { existsSync } from 'node:fs';
import { copyFile, cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where tesseract.js finds its worker script and the English model. */
export interface OcrAssets {
  /** tesseract.js's Node worker script; it loads tesseract.js-core's wasm from beside itself or from node_modules. */
  workerPath: string;
  /** The folder holding `eng.traineddata.gz` (LSTM, integer weights). */
  langPath: string;
}

/** Names of the OCR files in a bundle folder, beside `pdf-worker.js` (see {@link ocrBundleAssets}). */
export const bundledOcrFiles = {
  worker: 'tesseract-worker.cjs',
  traineddata: 'eng.traineddata.gz',
} as const;

/**
 * The tesseract.js-core builds the Node worker loads, one per WebAssembly feature level it
 * detects (relaxed SIMD from Node 22, SIMD on Node 20). tesseract.js 7's Node `getCore` is handed
 * `lstmOnly` where it expects an engine mode, so it always takes the builds with the legacy
 * engine, not the `-lstm` ones; the bundle test fails if that ever changes.
 */
const wasmCores = ['tesseract-core-relaxedsimd.wasm', 'tesseract-core-simd.wasm', 'tesseract-core.wasm'];
/** `@tesseract.js-data/eng`'s LSTM-only model with integer weights: 2.9 MB instead of 10.9 MB with the legacy engine. */
const modelFolder = '4.0.0_best_int';

/**
 * Finds the OCR assets the two ways the code runs: from a bundle folder where the processor
 * build put them beside `pdf-worker.js` (this module is then inside it), or from node_modules
 * (TypeScript source, `dist`). Throws naming what is missing.
 */
export function locateOcrAssets(moduleUrl: string = import.meta.url): OcrAssets {
  const bundled = new URL(`./${bundledOcrFiles.worker}`, moduleUrl);
  if (existsSync(bundled)) {
    const langPath = fileURLToPath(new URL('.', moduleUrl));
    const model = path.join(langPath, bundledOcrFiles.traineddata);
    if (!existsSync(model)) throw new Error(`The OCR model is missing: expected ${model} beside ${fileURLToPath(bundled)}.`);
    return { workerPath: fileURLToPath(bundled), langPath };
  }
  const require = createRequire(moduleUrl);
  try {
    return {
      workerPath: require.resolve('tesseract.js/src/worker-script/node/index.js'),
      langPath: path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), modelFolder),
    };
  } catch (error) {
    throw new Error(
      `The OCR assets are missing: neither ${fileURLToPath(bundled)} (a bundle) nor tesseract.js and @tesseract.js-data/eng (node_modules) were found.`,
      { cause: error },
    );
  }
}

/** What a bundler must add so that OCR runs from a bundle folder with no node_modules of its own. */
export interface OcrBundleAssets {
  /** Bundle this module (CommonJS, platform node) as `tesseract-worker.cjs` beside `pdf-worker.js`. */
  workerEntry: string;
  /** Copy each `source` into the bundle folder as `name`. */
  files: { source: string; name: string }[];
  /**
   * Keep these packages external and ship their folders as `node_modules/<name>` beside the
   * bundle: `@napi-rs/canvas` and its prebuilt Skia binary for this platform.
   */
  nativePackages: { name: string; folder: string }[];
}

/**
 * The files the processor build ships for OCR, resolved from this install (docs/decisions:
 * OCR in the parse worker). The native canvas package is the one npm installed for the build
 * machine's platform; a Lambda of another architecture needs `npm install --cpu=<arch>`.
 */
export function ocrBundleAssets(): OcrBundleAssets {
  const require = createRequire(import.meta.url);
  const { workerPath, langPath } = locateOcrAssets();
  const coreFolder = path.dirname(require.resolve('tesseract.js-core/package.json', { paths: [path.dirname(workerPath)] }));
  const canvasFolder = path.dirname(require.resolve('@napi-rs/canvas/package.json'));
  const binaryName = `@napi-rs/canvas-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
  const binaryFolder = path.dirname(require.resolve(`${binaryName}/package.json`, { paths: [canvasFolder] }));
  return {
    workerEntry: workerPath,
    files: [
      ...wasmCores.map((name) => ({ source: path.join(coreFolder, name), name })),
      { source: path.join(langPath, bundledOcrFiles.traineddata), name: bundledOcrFiles.traineddata },
    ],
    nativePackages: [
      { name: '@napi-rs/canvas', folder: canvasFolder },
      { name: binaryName, folder: binaryFolder },
    ],
  };
}

/**
 * Copies the files and native packages of {@link ocrBundleAssets} into a bundle folder (the one
 * holding `pdf-worker.js`). The tesseract worker entry is the bundler's to build.
 */
export async function copyOcrBundleAssets(outdir: string, assets: OcrBundleAssets = ocrBundleAssets()): Promise<void> {
  await Promise.all(assets.files.map(({ source, name }) => copyFile(source, path.join(outdir, name))));
  await Promise.all(assets.nativePackages.map(({ name, folder }) => cp(folder, path.join(outdir, 'node_modules', name), { recursive: true })));
}
