import type { Worker, WorkerOptions } from '@student-helper/ingestion';
import { createServices, type AppConfig, type ServiceOverrides, type Services } from '@student-helper/runtime';
import { buildApp, type App, type BuildAppOptions } from './app.js';
import { startLocalWorker } from './worker/start-local-worker.js';

export interface ServerOptions extends BuildAppOptions {
  /** Replacements for configured adapters (tests). */
  overrides?: ServiceOverrides;
  /** Worker loop tuning (tests poll faster). */
  workerTuning?: Pick<WorkerOptions, 'pollIntervalMs' | 'retryDelaySeconds'>;
}

export interface RunningServer {
  app: App;
  services: Services;
  /** The in-process worker, when the configuration runs one. */
  worker: Worker | undefined;
  /** `http://localhost:<port>` (or the configured host). */
  url: string;
  /**
   * Graceful stop: no new requests or jobs; uploads, chat streams and the current job finish
   * (bounded by `shutdownTimeoutMs`, then stopped); then the database closes.
   */
  close(): Promise<void>;
}

/** Wires the services, builds the app, starts the worker and listens on the configured port. */
export async function startServer(config: AppConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const services = await createServices(config, options.overrides);
  let app: App | undefined;
  let worker: Worker | undefined;
  try {
    app = await buildApp(services, config, options);
    worker = startLocalWorker(services, app.log.child({ component: 'worker' }), options.workerTuning);
    await app.listen({ port: config.server.port, host: config.server.host });
  } catch (error) {
    await worker?.stop();
    await app?.close();
    await services.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.server.port;
  const running = app;
  let closing: Promise<void> | undefined;
  return {
    app: running,
    services,
    worker,
    url: publicUrl(config.server.host, port),
    close() {
      closing ??= (async () => {
        const workerStopped = worker?.stop();
        await running.close();
        await workerStopped;
        await services.close();
      })();
      return closing;
    },
  };
}

/** The URL to open in a browser: wildcard and loopback hosts print as localhost. */
export function publicUrl(host: string, port: number): string {
  const local = ['localhost', '0.0.0.0', '::', '127.0.0.1', '::1'].includes(host);
  const shown = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
