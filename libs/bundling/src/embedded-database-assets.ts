import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * PGlite (the embedded database) and its pgvector extension load their WebAssembly, file
 * system image and extension archive with `new URL('./<file>', import.meta.url)`. Bundled,
 * `import.meta.url` is the entry bundle, so these files go beside it. Resolved from rag-core's
 * install, the package that depends on them.
 */
export function embeddedDatabaseAssets(): { source: string; name: string }[] {
  const ragCore = createRequire(createRequire(import.meta.url).resolve('@student-helper/rag-core/package.json'));
  const pglite = path.dirname(ragCore.resolve('@electric-sql/pglite'));
  const pgvector = path.dirname(ragCore.resolve('@electric-sql/pglite-pgvector'));
  return [
    ...['initdb.wasm', 'pglite.data', 'pglite.wasm'].map((name) => ({ source: path.join(pglite, name), name })),
    { source: path.join(pgvector, 'vector.tar.gz'), name: 'vector.tar.gz' },
  ];
}

/** Copies {@link embeddedDatabaseAssets} into the folder holding the entry bundle. */
export async function copyEmbeddedDatabaseAssets(outdir: string): Promise<void> {
  await Promise.all(embeddedDatabaseAssets().map(({ source, name }) => copyFile(source, path.join(outdir, name))));
}
