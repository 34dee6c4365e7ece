import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Runs the real Nx targets with a stand-in `pulumi` first on PATH that logs how it was called,
 * so the test proves the exact CLI invocation without the Pulumi CLI or credentials. The log
 * (not the terminal output, which Nx would replay from a cache) proves each run executed.
 */
const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = mkdtempSync(path.join(tmpdir(), 'fake-pulumi-'));
const log = path.join(bin, 'calls.log');
writeFileSync(path.join(bin, 'pulumi'), `#!/bin/sh\necho "pulumi $* (cwd=$(pwd))" >> ${log}\n`);
chmodSync(path.join(bin, 'pulumi'), 0o755);

/** Runs `nx …` and returns the pulumi invocations it caused. */
function nx(...args: string[]): string[] {
  rmSync(log, { force: true });
  execFileSync('npx', ['nx', ...args, '--outputStyle=stream'], {
    cwd: workspaceRoot,
    env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
}

describe('infra Pulumi targets', () => {
  const cwd = `(cwd=${workspaceRoot}/apps/infra)`;

  it('nx run infra:up --configuration=prod runs `pulumi up --stack prod` in apps/infra', { timeout: 120_000 }, () => {
    expect(nx('run', 'infra:up', '--configuration=prod')).toEqual([`pulumi up --stack prod ${cwd}`]);
  });

  it('preview and destroy default to the dev stack and run again every time (never cached)', { timeout: 180_000 }, () => {
    expect(nx('run', 'infra:preview')).toEqual([`pulumi preview --stack dev ${cwd}`]);
    expect(nx('run', 'infra:preview')).toEqual([`pulumi preview --stack dev ${cwd}`]);
    expect(nx('run', 'infra:destroy', '--configuration=dev')).toEqual([`pulumi destroy --stack dev ${cwd}`]);
  });
});
