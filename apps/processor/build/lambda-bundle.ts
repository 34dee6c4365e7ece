import path from 'node:path';
import { buildNodeBundle, type NodeBundle } from '@student-helper/bundling';

export interface LambdaBundleOptions {
  /** The folder to (re)create; the zip and the container image take it whole. */
  outdir: string;
  /** Default true. */
  minify?: boolean;
  /** Writes esbuild's metafile (inputs and their bytes per output) here, outside the bundle. */
  metafile?: string;
}

export type LambdaBundle = NodeBundle;

const processorRoot = path.resolve(import.meta.dirname, '..');

/**
 * Builds the processor Lambda into one folder, run with the function's handler `handler.handler`:
 * `handler.mjs` (the Lambda entry, AWS SDK v3 clients included) beside rag-core's parse worker
 * and OCR assets — `@student-helper/bundling`'s layout. The function reaches PostgreSQL, so
 * PGlite's files stay out.
 */
export function buildLambdaBundle(options: LambdaBundleOptions): Promise<LambdaBundle> {
  return buildNodeBundle({
    absWorkingDir: processorRoot,
    outdir: options.outdir,
    entry: { name: 'handler', source: 'src/lambda/handler.ts', extension: '.mjs' },
    ...(options.minify === undefined ? {} : { minify: options.minify }),
    ...(options.metafile === undefined ? {} : { metafile: options.metafile }),
  });
}
