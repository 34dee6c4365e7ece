/**
 * `npm start`: the API, the processing worker and the web app in one process, on embedded
 * defaults (PGlite and files under DATA_DIR, offline models). Configuration is the environment
 * (README "Configuration").
 */
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from '@student-helper/runtime';
import { startServer } from './server.js';

/** Beside this file's build folder: apps/api/dist/main.js → apps/web/dist. */
const defaultWebDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, { webDistDir: config.server.webDistDir ?? defaultWebDistDir });
  const { log } = server.app;
  log.info({ url: server.url, database: config.database.kind, worker: server.worker !== undefined }, 'Student Helper is running');
  process.stdout.write(`\nStudent Helper is running at ${server.url}\n\n`);

  closeWithGrace(
    {
      // The app drains for shutdownTimeoutMs; this hard bound is for whatever hangs beyond it.
      delay: config.server.shutdownTimeoutMs + 5_000,
      logger: { error: (message: unknown) => log.error(message) },
    },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'closing after an unexpected error');
      else log.info({ signal }, 'shutting down');
      await server.close();
      log.info('stopped');
    },
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Student Helper could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
