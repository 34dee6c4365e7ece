import { existsSync } from 'node:fs';
import path from 'node:path';

export const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
export const webDistDir = path.join(workspaceRoot, 'apps/web/dist');
export const screenshotsDir = path.join(workspaceRoot, 'docs/screenshots');

/** A file of the shared test corpus beside the repository; missing means a broken checkout, never a skip. */
export function corpusFile(kind: 'real' | 'hostile', name: string): string {
  const file = path.resolve(workspaceRoot, '../shared/corpus', kind, name);
  if (!existsSync(file)) throw new Error(`The test corpus file is missing: ${file}. Put the shared material at ../shared beside the repository.`);
  return file;
}
