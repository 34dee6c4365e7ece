import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a worker thread. */
export interface WorkerScript {
  /** A path or file URL of the script, or with `eval` the script's JavaScript source. */
  filename: URL | string;
  eval?: boolean;
}

/**
 * Locates the PDF worker beside this module, in the three ways the code runs:
 * - built (`dist/parse/`) or bundled (esbuild output with `pdf-worker.js` emitted beside the
 *   bundle, where `import.meta.url` is the bundle): `./pdf-worker.js` exists and runs as is;
 * - from TypeScript source (vitest, `tools/run-ts.sh`): only `./pdf-worker.ts` exists. A worker
 *   does not inherit the parent's loaders and Node 20 ignores `--import` in a worker's
 *   `execArgv`, so a small bootstrap imports it through tsx's `tsImport` — tsx being a dev
 *   dependency is fine: only development runs from source.
 */
export function pdfWorkerScript(): WorkerScript {
  const compiled = new URL('./pdf-worker.js', import.meta.url);
  if (existsSync(compiled)) return { filename: compiled };
  const source = new URL('./pdf-worker.ts', import.meta.url);
  if (existsSync(source)) {
    // The ESM build of tsx's API (`tsx/esm/api` under the `import` condition); require.resolve would pick the CJS one.
    const tsxApi = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')));
    const target = JSON.stringify(source.href);
    return { filename: `import(${JSON.stringify(tsxApi.href)}).then((tsx) => tsx.tsImport(${target}, ${target}));`, eval: true };
  }
  throw new Error(`The PDF worker script is missing: expected ${fileURLToPath(compiled)} (emit it beside the bundle that calls parsePdf).`);
}
