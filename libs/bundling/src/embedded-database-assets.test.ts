import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEmbeddedDatabaseAssets, embeddedDatabaseAssets } from './embedded-database-assets.js';

describe('embeddedDatabaseAssets', () => {
  it("names PGlite's wasm, data and initdb and pgvector's archive, resolved from the install rag-core uses", () => {
    const assets = embeddedDatabaseAssets();
    expect(assets.map((asset) => asset.name)).toEqual(['initdb.wasm', 'pglite.data', 'pglite.wasm', 'vector.tar.gz']);
    for (const asset of assets) {
      expect(existsSync(asset.source), asset.source).toBe(true);
      expect(path.basename(asset.source)).toBe(asset.name);
    }
  });

  it('copies them into the bundle folder byte for byte', async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), 'bundling-'));
    try {
      await copyEmbeddedDatabaseAssets(outdir);
      expect((await readdir(outdir)).sort()).toEqual(['initdb.wasm', 'pglite.data', 'pglite.wasm', 'vector.tar.gz']);
      const [first] = embeddedDatabaseAssets();
      expect((await readFile(path.join(outdir, 'initdb.wasm'))).equals(await readFile(first?.source ?? ''))).toBe(true);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});
