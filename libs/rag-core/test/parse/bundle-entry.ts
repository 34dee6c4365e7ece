/**
 * Entry of the bundle built by bundle.test.ts: parses the PDF named on the command line (with
 * the parse options given as JSON after it, if any) and prints the document, or the error's
 * name, code and message, as JSON.
 */
import { readFileSync } from 'node:fs';
import { parsePdf, type ParseOptions } from '../../src/parse/index.js';

const [file, options = '{}'] = process.argv.slice(2);
if (!file) throw new Error('usage: node main.js <file.pdf> [parse options as JSON]');
try {
  process.stdout.write(JSON.stringify(await parsePdf(readFileSync(file), { timeoutMs: 20_000, ...(JSON.parse(options) as ParseOptions) })));
} catch (error) {
  const { name, message, code } = error as Error & { code?: string };
  process.stdout.write(JSON.stringify({ error: { name, code, message } }));
}
