import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PageText } from '@student-helper/rag-core';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const financebenchDir = path.resolve(workspaceRoot, '../shared/eval/financebench');
export const cacheDir = path.join(workspaceRoot, 'tmp/eval');

export interface FinanceBenchQuestion {
  id: string;
  doc: string;
  question: string;
  answer: string;
  /** 1-based PDF page indices. */
  gold_pages: number[];
  question_type: string;
}

export async function loadQuestions(): Promise<FinanceBenchQuestion[]> {
  const text = await readFile(path.join(financebenchDir, 'questions.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FinanceBenchQuestion);
}

export function pdfPath(doc: string): string {
  return path.join(financebenchDir, 'pdfs', `${doc}.pdf`);
}

/** Pages as poppler's `pdftotext` (plain mode) prints them: one form feed after every page. */
export async function pdftotextPages(file: string): Promise<PageText[]> {
  const { stdout } = await promisify(execFile)('pdftotext', [file, '-'], { maxBuffer: 256 << 20, encoding: 'utf8' });
  const parts = stdout.split('\f');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((text, i) => ({ pageNumber: i + 1, text }));
}

/** Pages of `file` from `tmp/eval/pages-<source>/`, computed by `extract` on a miss. */
export async function cachedPages(
  source: string,
  file: string,
  extract: (file: string) => Promise<PageText[]>,
): Promise<PageText[]> {
  const cacheFile = path.join(cacheDir, `pages-${source}`, `${path.basename(file, '.pdf')}.json`);
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as PageText[];
  } catch {
    const pages = await extract(file);
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify(pages));
    return pages;
  }
}
