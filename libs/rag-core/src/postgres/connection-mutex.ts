/**
 * A first-come-first-served lock around the one session an embedded database has.
 *
 * Hand-written (as Kysely's own `SqliteDriver` does) rather than pulling in `async-mutex`:
 * the whole job is a promise chain, and a FIFO order matters here — a worker's long
 * transaction must not starve the API's short reads queued behind it.
 */
export class ConnectionMutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with the function that releases the lock, once every earlier holder released it. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    return previous.then(() => release);
  }
}
