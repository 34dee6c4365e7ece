import type { Kysely } from 'kysely';
import type { AnswerOutcome, ChatMessage, Citation } from '@student-helper/shared-types';
import { assertUuid, isUuid, newId } from '../ids.js';
import { toChatMessage } from '../mappers.js';
import type { AppTables } from '../tables.js';

export interface AssistantMessage {
  content: string;
  citations: readonly Citation[];
  outcome: AnswerOutcome;
}

/** One turn of history as answerers and query rewriters take it. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A session's chat: questions and answers with their citations, in order. */
export class MessageRepository {
  readonly #db: Kysely<AppTables>;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<…>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  appendUser(sessionId: string, content: string): Promise<ChatMessage> {
    return this.#append(sessionId, { role: 'user', content, citations: [], outcome: null });
  }

  appendAssistant(sessionId: string, message: AssistantMessage): Promise<ChatMessage> {
    return this.#append(sessionId, { role: 'assistant', ...message });
  }

  /** Every message of the session, oldest first. */
  async list(sessionId: string): Promise<ChatMessage[]> {
    if (!isUuid(sessionId)) return [];
    const rows = await this.#db
      .selectFrom('messages')
      .select(['id', 'role', 'content', 'citations', 'outcome', 'created_at'])
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map(toChatMessage);
  }

  /** The last `limit` messages as turns, oldest first (for rewriting follow-up questions). */
  async history(sessionId: string, limit: number): Promise<HistoryTurn[]> {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}.`);
    if (!isUuid(sessionId) || limit === 0) return [];
    const rows = await this.#db
      .selectFrom('messages')
      .select(['role', 'content'])
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({ role: row.role, content: row.content }));
  }

  async #append(
    sessionId: string,
    message: { role: 'user' | 'assistant'; content: string; citations: readonly Citation[]; outcome: AnswerOutcome | null },
  ): Promise<ChatMessage> {
    assertUuid(sessionId, 'sessionId');
    const row = await this.#db
      .insertInto('messages')
      .values({
        id: newId(),
        session_id: sessionId,
        role: message.role,
        content: message.content,
        citations: JSON.stringify(message.citations),
        outcome: message.outcome,
      })
      .returning(['id', 'role', 'content', 'citations', 'outcome', 'created_at'])
      .executeTakeFirstOrThrow();
    return toChatMessage(row);
  }
}
