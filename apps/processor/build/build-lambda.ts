/**
 * `nx run processor:build-lambda`: bundles the processor Lambda into a folder (default
 * dist/apps/processor-lambda) and prints its files and sizes as JSON.
 *
 *   tools/run-ts.sh apps/processor/build/build-lambda.ts [--outdir <dir>] [--metafile <file>] [--no-minify]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildLambdaBundle } from './lambda-bundle.js';
import { lambdaBundleDefaults } from './lambda-bundle.defaults.js';

const workspaceRoot = path.resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({ options: { outdir: { type: 'string' }, metafile: { type: 'string' }, 'no-minify': { type: 'boolean' } } });
const bundle = await buildLambdaBundle({
  outdir: path.resolve(workspaceRoot, values.outdir ?? lambdaBundleDefaults.outdir),
  minify: !values['no-minify'],
  ...(values.metafile ? { metafile: path.resolve(workspaceRoot, values.metafile) } : {}),
});
process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
