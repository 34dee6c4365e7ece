/**
 * The shared test corpus at `../shared/corpus` beside the repository. Tests read it in place
 * (it is never copied into the repo) and fail loudly when it is missing — never skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
const corpusRoot = path.resolve(workspaceRoot, '../shared/corpus');

export type CorpusKind = 'real' | 'hostile';

function corpusDir(kind: CorpusKind): string {
  const dir = path.join(corpusRoot, kind);
  if (!existsSync(dir)) {
    throw new Error(`The test corpus is missing: ${dir} does not exist. Clone or mount the shared material at ../shared beside the repository.`);
  }
  return dir;
}

/** File names in a corpus folder, sorted. */
export function corpusFiles(kind: CorpusKind): string[] {
  return readdirSync(corpusDir(kind)).sort();
}

/** The absolute path of a corpus file that must exist. */
export function corpusPath(kind: CorpusKind, name: string): string {
  const file = path.join(corpusDir(kind), name);
  if (!existsSync(file)) throw new Error(`The test corpus file is missing: ${file}.`);
  return file;
}

/** A fresh copy of a corpus file's bytes. */
export function corpusBytes(kind: CorpusKind, name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(kind, name)));
}
