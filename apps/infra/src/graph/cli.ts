/**
 * `nx run infra:graph --configuration=<stack>`: the offline synth. Records the stack under
 * mocks, writes `dist/infra/graph.<stack>.json` and refreshes the stack's diagram section in
 * `docs/infrastructure.md`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatViolations, policies, ResourceGraph, runPolicies } from '@student-helper/infra-testing';
import { generatedSection, updateDocument } from './infrastructure-doc.js';
import { graphEntries, recordStack } from './record-stack.js';
import { INFRA_ROOT } from './stack-config.js';

const workspaceRoot = path.resolve(INFRA_ROOT, '../..');
const { values } = parseArgs({ options: { stack: { type: 'string' } } });
if (!values.stack) {
  console.error('usage: graph --stack <dev|prod>');
  process.exit(2);
}

const recorded = await recordStack(values.stack);
const graphFile = path.join(workspaceRoot, 'dist/infra', `graph.${values.stack}.json`);
mkdirSync(path.dirname(graphFile), { recursive: true });
writeFileSync(graphFile, `${JSON.stringify(graphEntries(recorded.resources), null, 2)}\n`);

const docFile = path.join(workspaceRoot, 'docs/infrastructure.md');
writeFileSync(docFile, updateDocument(readFileSync(docFile, 'utf8'), values.stack, generatedSection(values.stack, recorded.resources)));

const violations = runPolicies(policies, new ResourceGraph(recorded.resources));
const custom = recorded.resources.filter((r) => r.custom).length;
console.log(`${values.stack}: ${custom} resources, ${recorded.resources.length - custom} components → ${path.relative(workspaceRoot, graphFile)}`);
console.log(`docs/infrastructure.md: ${values.stack} section updated`);
if (violations.length > 0) {
  console.error(`${violations.length} policy violations:\n${formatViolations(violations)}`);
  process.exit(1);
}
