import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, totalBytes } from './list-files.js';

describe('listFiles', () => {
  it('lists every file under the folder, nested ones by their /-separated path, sorted, with sizes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'bundling-list-'));
    try {
      await mkdir(path.join(root, 'node_modules/@scope/pkg'), { recursive: true });
      await writeFile(path.join(root, 'main.js'), 'abc');
      await writeFile(path.join(root, 'node_modules/@scope/pkg/package.json'), '{}');
      await mkdir(path.join(root, 'empty'));
      const files = await listFiles(root);
      expect(files).toEqual([
        { name: 'main.js', bytes: 3 },
        { name: 'node_modules/@scope/pkg/package.json', bytes: 2 },
      ]);
      expect(totalBytes(files)).toBe(5);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
