import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { TestDatabase } from './test-database.js';

/**
 * A fresh in-memory PGlite (with pgvector) served over the Postgres wire protocol on a free
 * loopback port, so the code under test goes through the `pg` driver exactly as on a server.
 *
 * The config asks for a pool of one connection: PGlite has a single session, and the socket
 * server interleaves the protocol messages of concurrent connections on it (an unnamed
 * prepared statement of one client can be replaced by another's between Parse and Execute).
 */
export async function createPGliteSocketDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return {
    config: { kind: 'pg', connectionString: `postgres://postgres@${server.getServerConn()}/postgres`, max: 1 },
    hasPgvector: true,
    async dispose() {
      await server.stop();
      if (!pglite.closed) await pglite.close();
    },
  };
}
