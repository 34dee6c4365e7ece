/**
 * The chat streams in progress, so shutdown can let them finish and, past its bound, stop
 * them (each then ends with outcome `stopped` and is stored like a client's stop).
 */
export class InFlightStreams {
  readonly #running = new Map<AbortController, Promise<void>>();

  /** Runs `task` (which must not reject) as a tracked stream until it settles. */
  run(controller: AbortController, task: () => Promise<void>): Promise<void> {
    const done = task().finally(() => this.#running.delete(controller));
    this.#running.set(controller, done);
    return done;
  }

  get size(): number {
    return this.#running.size;
  }

  abortAll(reason: unknown): void {
    for (const controller of this.#running.keys()) controller.abort(reason);
  }

  /** Resolves when every stream running now has finished (stored its answer). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#running.values()]);
  }
}

/** Why a chat stream was stopped by the server instead of the client. */
export class ServerShuttingDownError extends Error {
  override readonly name = 'ServerShuttingDownError';
  constructor() {
    super('The server is shutting down.');
  }
}
