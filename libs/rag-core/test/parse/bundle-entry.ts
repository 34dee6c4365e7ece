/** Entry of the bundle built by bundle.test.ts: parses the PDF named on the command line. */
import { readFileSync } from 'node:fs';
import { parsePdf } from '../../src/parse/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node main.js <file.pdf>');
const document = await parsePdf(readFileSync(file), { timeoutMs: 20_000 });
process.stdout.write(JSON.stringify(document));
