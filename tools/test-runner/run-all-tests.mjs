#!/usr/bin/env node
/**
 * `npm test`: lint, typecheck and test every Nx project, then print one summary line.
 *
 * Nx runs the tasks (cached, in dependency order); each project's Vitest run writes a JSON
 * report to dist/test-results/<project>.json (see vitest.shared.ts). This script sums the
 * reports. A lint/typecheck task counts as one check (a failed build they depend on counts
 * as one failure); a test task that failed without
 * writing a report (crash, config error) counts as one failure, so nothing fails silently.
 *
 * Extra arguments are passed to `nx run-many` (e.g. `npm test -- --projects=rag-core`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reportDir = path.join(root, 'dist/test-results');
// `e2e` exists only where a project defines it (web: the browser run); it reports like `test`.
const targets = ['lint', 'typecheck', 'test', 'e2e'];

rmSync(reportDir, { recursive: true, force: true });

const nxArgs = ['nx', 'run-many', '-t', ...targets, '--outputStyle=stream', '--nxBail=false', ...process.argv.slice(2)];
const child = spawn('npx', nxArgs, {
  cwd: root,
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
  stdio: ['inherit', 'pipe', 'inherit'],
});

let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});

const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));

const failedTasks = parseFailedTasks(output);
let passed = 0;
let failed = 0;
let skipped = 0;
const reported = new Set();
if (existsSync(reportDir)) {
  for (const file of readdirSync(reportDir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(reportDir, file), 'utf8'));
    reported.add(path.basename(file, '.json'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // A suite that failed to load has no failed tests but is a failure.
    failed += report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  }
}
const checkTasks = parseRunTasks(output).filter((task) => /:(lint|typecheck)$/.test(task));
for (const task of checkTasks) {
  if (!failedTasks.has(task)) passed += 1;
}
for (const task of failedTasks) {
  // Any failed non-test task (lint, typecheck, or a build they depend on) is one failure.
  if (task.endsWith(':test')) {
    if (!reported.has(task.slice(0, -':test'.length))) failed += 1;
  } else if (task.endsWith(':e2e')) {
    if (!reported.has(`${task.slice(0, -':e2e'.length)}-e2e`)) failed += 1;
  } else {
    failed += 1;
  }
}
if (exitCode !== 0 && failed === 0) failed += 1; // nx itself failed before running tasks

console.log('');
console.log(`tests: ${reported.size} projects reported; checks: ${checkTasks.length} lint/typecheck tasks${skipped ? `; ${skipped} skipped` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : exitCode);

function parseFailedTasks(text) {
  const tasks = new Set();
  const at = text.lastIndexOf('Failed tasks:');
  if (at === -1) return tasks;
  for (const line of text.slice(at).split('\n').slice(1)) {
    const match = /^\s*-\s+(\S+:\S+)/.exec(line);
    if (match) tasks.add(match[1]);
    else if (line.trim() && tasks.size > 0) break;
  }
  return tasks;
}

function parseRunTasks(text) {
  // Nx prints "> nx run <project>:<target>" (with optional "[existing outputs match the cache]").
  const tasks = new Set();
  for (const match of text.matchAll(/^> nx run (\S+:\S+)/gm)) tasks.add(match[1].replace(/\s.*$/, ''));
  return [...tasks];
}
