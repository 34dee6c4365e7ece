import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { buildNodeBundle, listFiles, totalBytes, type NodeBundle } from '@student-helper/bundling';
import { apiReleaseDefaults } from './api-release.defaults.js';

export interface ApiReleaseOptions {
  /** The folder to (re)create; `package-release` tars it whole. */
  outdir: string;
  /** Default true. */
  minify?: boolean;
  /** Writes esbuild's metafile for the server bundle here, outside the release. */
  metafile?: string;
}

export type ApiRelease = NodeBundle & { version: string };

const apiRoot = path.resolve(import.meta.dirname, '..');
const workspaceRoot = path.resolve(apiRoot, '../..');

/**
 * Builds the API release: a folder that `node apps/api/dist/main.js` runs from its root with no
 * npm install.
 *
 * - `apps/api/dist/`: the server (`main.js`, the API, the in-process worker, every adapter and
 *   the AWS SDK) beside rag-core's parse worker, the OCR assets and native canvas, and PGlite's
 *   files for a run on the embedded database — `@student-helper/bundling`'s layout.
 * - `apps/web/dist/`: the web app's production build, which `main.js` serves by default.
 * - `package.json`: the release's name and version, and how to start it.
 *
 * The web app is built here with Vite (its own config) rather than copied from `apps/web/dist`,
 * so a release never ships a stale web build.
 */
export async function buildApiRelease(options: ApiReleaseOptions): Promise<ApiRelease> {
  const { outdir } = options;
  const nodeEnv = process.env['NODE_ENV'];
  if (nodeEnv !== undefined && nodeEnv !== 'production') {
    // Vite honours it: the release would ship React's development build.
    throw new Error(`NODE_ENV=${nodeEnv} would make Vite build the web app for development: unset NODE_ENV (or set production) to build a release.`);
  }
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const [manifest, workspaceManifest] = await Promise.all([readManifest(path.join(apiRoot, 'package.json')), readManifest(path.join(workspaceRoot, 'package.json'))]);
  const entry = path.posix.parse(apiReleaseDefaults.entrypoint);
  await buildNodeBundle({
    absWorkingDir: apiRoot,
    outdir: path.join(outdir, entry.dir),
    entry: { name: entry.name, source: 'src/main.ts' },
    embeddedDatabase: true,
    ...(options.minify === undefined ? {} : { minify: options.minify }),
    ...(options.metafile === undefined ? {} : { metafile: options.metafile }),
  });
  await viteBuild({
    configFile: path.join(workspaceRoot, 'apps/web/vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: path.join(outdir, apiReleaseDefaults.webDist), emptyOutDir: true },
  });
  const releaseManifest = {
    name: manifest.name,
    version: manifest.version,
    private: true,
    type: 'module',
    engines: workspaceManifest.engines,
    scripts: { start: `node ${apiReleaseDefaults.entrypoint}` },
  };
  await writeFile(path.join(outdir, 'package.json'), `${JSON.stringify(releaseManifest, null, 2)}\n`);
  const files = await listFiles(outdir);
  return { outdir, version: manifest.version, files, totalBytes: totalBytes(files) };
}

interface Manifest {
  name: string;
  version: string;
  engines?: Record<string, string>;
}

async function readManifest(file: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string' || manifest.version === '') {
    throw new Error(`${file} has no name and version to release under`);
  }
  return { name: manifest.name, version: manifest.version, ...(manifest.engines ? { engines: manifest.engines } : {}) };
}
