/**
 * `nx run api:build-release`: builds the API release into a folder (default
 * dist/apps/api-release) and prints its version, files and sizes as JSON.
 *
 *   tools/run-ts.sh apps/api/build/build-release.ts [--outdir <dir>] [--metafile <file>] [--no-minify]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApiRelease } from './api-release.js';
import { apiReleaseDefaults } from './api-release.defaults.js';

const workspaceRoot = path.resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({ options: { outdir: { type: 'string' }, metafile: { type: 'string' }, 'no-minify': { type: 'boolean' } } });
const release = await buildApiRelease({
  outdir: path.resolve(workspaceRoot, values.outdir ?? apiReleaseDefaults.outdir),
  minify: !values['no-minify'],
  ...(values.metafile ? { metafile: path.resolve(workspaceRoot, values.metafile) } : {}),
});
process.stdout.write(`${JSON.stringify(release, null, 2)}\n`);
