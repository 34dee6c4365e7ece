/** Adding a run's results to docs/benchmarks.md without disturbing other sections. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const benchmarksDocument = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');

/**
 * `markdown` with `entry` appended at the end of the `## {heading}` section; the section is
 * created (with `intro`) at the end of the document when missing. Entries and intro end in `\n`.
 */
export function appendToSection(markdown: string, heading: string, intro: string, entry: string): string {
  const content = markdown.replace(/\n*$/, '\n');
  const start = content.indexOf(`\n## ${heading}\n`);
  if (start === -1) return `${content}\n## ${heading}\n\n${intro}\n${entry}`;
  const next = content.indexOf('\n## ', start + 1);
  if (next === -1) return `${content}\n${entry}`;
  const before = content.slice(0, next + 1);
  return `${before.endsWith('\n\n') ? before : `${before}\n`}${entry}\n${content.slice(next + 1)}`;
}

/**
 * Appends `entry` to the `## {heading}` section of `document` (docs/benchmarks.md by default),
 * creating the section with `intro` (lines) when missing, and says where it went.
 */
export function recordBenchmark(heading: string, intro: readonly string[], entry: string, document = benchmarksDocument): void {
  const existing = existsSync(document) ? readFileSync(document, 'utf8') : '# Benchmarks\n';
  writeFileSync(document, appendToSection(existing, heading, `${intro.join('\n')}\n`, entry));
  process.stdout.write(`\nAppended to ${path.relative(process.cwd(), document)} → ${heading}\n`);
}
