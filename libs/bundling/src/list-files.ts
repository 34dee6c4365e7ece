import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BundleFile {
  /** Relative to the listed folder, `/`-separated. */
  name: string;
  bytes: number;
}

/** Every file under `root` (recursively), sorted by name, with its size. */
export async function listFiles(root: string): Promise<BundleFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return { name: path.relative(root, full).split(path.sep).join('/'), bytes: (await stat(full)).size };
      }),
  );
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** The sum of the files' sizes. */
export function totalBytes(files: readonly BundleFile[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}
