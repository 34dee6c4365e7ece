import type { Kysely } from 'kysely';
import { assertUuid, isUuid, newId } from '../ids.js';
import { toSessionRecord, type SessionRecord } from '../mappers.js';
import type { AppTables } from '../tables.js';
import { sessionRepositoryDefaults } from './session-repository.defaults.js';

export interface NewSession {
  /** Hash of the bearer token handed to the student once (the token itself is never stored). */
  tokenHash: string;
  title?: string;
  /** Defaults to a new UUID. */
  sessionId?: string;
}

/** Study sessions. Deleting one (by SQL) cascades to its documents, jobs and messages. */
export class SessionRepository {
  readonly #db: Kysely<AppTables>;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<…>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async create(input: NewSession): Promise<SessionRecord> {
    const id = input.sessionId ?? newId();
    assertUuid(id, 'sessionId');
    const row = await this.#db
      .insertInto('sessions')
      .values({ id, title: input.title ?? sessionRepositoryDefaults.title, token_hash: input.tokenHash })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSessionRecord(row);
  }

  async find(sessionId: string): Promise<SessionRecord | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const row = await this.#db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    return row && toSessionRecord(row);
  }

  /** The renamed session, or undefined when there is none with this id. */
  async rename(sessionId: string, title: string): Promise<SessionRecord | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const row = await this.#db.updateTable('sessions').set({ title }).where('id', '=', sessionId).returningAll().executeTakeFirst();
    return row && toSessionRecord(row);
  }
}
