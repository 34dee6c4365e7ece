import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webDistDir, workspaceRoot } from './paths';

export interface AppServer {
  url: string;
  /** Everything the server wrote, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

const startTimeoutMs = 180_000;
const stopTimeoutMs = 20_000;

/**
 * Starts the real app the way `npm start` runs it (`apps/api/src/main.ts`: API, local worker
 * and the web build on one port), from workspace sources through tsx, on a free port with
 * its own temporary DATA_DIR (embedded PGlite, files, offline models).
 */
export async function startAppServer(): Promise<AppServer> {
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error(`No web build at ${webDistDir}: run \`npx nx run web:build\` (the web:e2e target depends on it).`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'web-e2e-'));
  const child = spawn(process.execPath, ['--conditions=@student-helper/source', '--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST_DIR: webDistDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async () => {
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The app did not start within ${startTimeoutMs} ms.`)), startTimeoutMs);
      const onData = () => {
        const match = /running at (http:\/\/\S+)/.exec(log);
        if (!match?.[1]) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      };
      child.stdout.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The app exited before it was ready (code ${code}, signal ${signal}).`));
      });
    });
    return { url, output: () => log, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- app output ---\n${log}`);
  }
}

/** SIGTERM (the app drains and closes its database), SIGKILL if it has not exited in time. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}
