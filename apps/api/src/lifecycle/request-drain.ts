import type { Server } from 'node:http';

/**
 * Ends a closing server's connections as soon as no request is in flight. `server.close()`
 * only reaps idle keep-alive sockets: a socket a client opened ahead of time (browsers and
 * undici pre-connect) and never used counts as busy and would hold the close open until the
 * headers timeout, a minute later.
 */
export class RequestDrain {
  #inFlight = 0;
  #closing = false;

  constructor(private readonly server: Server) {
    server.on('request', (_request, response) => {
      this.#inFlight += 1;
      response.once('close', () => {
        this.#inFlight -= 1;
        this.#closeWhenDrained();
      });
    });
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** From now on, the connections close once the last request in flight has finished. */
  startClosing(): void {
    this.#closing = true;
    this.#closeWhenDrained();
  }

  #closeWhenDrained(): void {
    if (this.#closing && this.#inFlight === 0) this.server.closeAllConnections();
  }
}
