import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { JobQueue } from '@student-helper/rag-core';
import type { JobMessage } from '@student-helper/shared-types';
import { isUuid, newId } from '../ids.js';
import type { AppTables, QueueDeadLettersTable, QueueMessagesTable } from '../tables.js';
import type { DeadLetter, JobQueueConsumer, QueueCounts, ReceivedJob, ReceiveOptions } from './job-queue-consumer.js';
import { postgresJobQueueDefaults, queueLimits } from './postgres-job-queue.defaults.js';

export interface PostgresJobQueueOptions {
  /** Default visibility timeout of `receive`. Default 1800 s. */
  visibilityTimeoutSeconds?: number;
  /** The receive after this many moves a message to the dead-letter table. Default 5. */
  maxReceiveCount?: number;
  /** The clock every visibility decision uses (tests move it; no SQL `now()` is involved). */
  now?: () => Date;
}

/**
 * A job queue with SQS semantics in two Postgres tables, for the local app (PGlite) and any
 * deployment without SQS. It implements rag-core's `JobQueue` (producer) and the worker's
 * `JobQueueConsumer`:
 *
 * - `receive` hides up to `max` visible messages for the visibility timeout and increments
 *   their receive count, under `FOR UPDATE SKIP LOCKED`, so concurrent receivers (processes,
 *   pool connections) never get the same message;
 * - each receive issues a new receipt; `delete`/`changeVisibility` with an older one do nothing;
 * - a message whose receive count already reached `maxReceiveCount` is moved to
 *   `queue_dead_letters` by the receive that would exceed it (as SQS's redrive policy does);
 * - `redrive` moves dead letters back with their receive count reset.
 *
 * Delivery is at least once, as on SQS: consumers must be idempotent.
 */
export class PostgresJobQueue implements JobQueue, JobQueueConsumer {
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly #db: Kysely<AppTables>;
  readonly #now: () => Date;

  // Kysely is invariant in its table interface: the app passes its own `Kysely<…>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>, options: PostgresJobQueueOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.visibilityTimeoutSeconds = visibilityTimeout(options.visibilityTimeoutSeconds ?? postgresJobQueueDefaults.visibilityTimeoutSeconds);
    this.maxReceiveCount = options.maxReceiveCount ?? postgresJobQueueDefaults.maxReceiveCount;
    assertIntegerIn(this.maxReceiveCount, 1, queueLimits.maxReceiveCount, 'maxReceiveCount');
  }

  /** Enqueues the message, visible at once (or after `delaySeconds`). */
  async send(message: JobMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    const delay = options.delaySeconds ?? 0;
    assertIntegerIn(delay, 0, 900, 'delaySeconds');
    const now = this.#now();
    await this.#db
      .insertInto('queue_messages')
      .values({ id: newId(), body: JSON.stringify(message), sent_at: now, visible_at: after(now, delay), receipt: null, first_received_at: null })
      .execute();
  }

  async receive(options: ReceiveOptions = {}): Promise<ReceivedJob[]> {
    const max = options.max ?? postgresJobQueueDefaults.receiveMax;
    assertIntegerIn(max, 1, queueLimits.maxReceiveBatch, 'max');
    const visibility = visibilityTimeout(options.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds);
    return this.#db.transaction().execute(async (trx) => {
      const received: ReceivedJob[] = [];
      // A pick that only dead-letters messages leaves room: pick again until full or empty.
      for (;;) {
        const now = this.#now();
        const picked = await trx
          .selectFrom('queue_messages')
          .select(['id', 'receive_count'])
          .where('visible_at', '<=', now)
          .orderBy('visible_at')
          .orderBy('seq')
          .limit(max - received.length)
          .forUpdate()
          .skipLocked()
          .execute();
        if (picked.length === 0) return received;
        const exhausted = picked.filter((row) => row.receive_count >= this.maxReceiveCount).map((row) => row.id);
        const deliverable = picked.filter((row) => row.receive_count < this.maxReceiveCount).map((row) => row.id);
        if (exhausted.length > 0) await deadLetter(trx, exhausted, now);
        if (deliverable.length > 0) received.push(...(await deliver(trx, deliverable, now, visibility)));
        if (exhausted.length === 0 || received.length === max) return received;
      }
    });
  }

  async delete(receipt: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('queue_messages').where('receipt', '=', receipt).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async changeVisibility(receipt: string, seconds: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('queue_messages')
      .set({ visible_at: after(this.#now(), visibilityTimeout(seconds)) })
      .where('receipt', '=', receipt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Moves dead letters back to the queue — all of them, or those in `messageIds` — visible at
   * once with a receive count of 0, and returns them.
   */
  async redrive(options: { messageIds?: readonly string[] } = {}): Promise<DeadLetter[]> {
    const now = this.#now();
    const ids = options.messageIds?.filter(isUuid);
    if (ids !== undefined && ids.length === 0) return [];
    return this.#db.transaction().execute(async (trx) => {
      let moved = trx.deleteFrom('queue_dead_letters');
      if (ids !== undefined) moved = moved.where('id', 'in', ids);
      const rows = await moved.returningAll().execute();
      if (rows.length === 0) return [];
      rows.sort((a, b) => a.dead_lettered_at.getTime() - b.dead_lettered_at.getTime() || a.id.localeCompare(b.id));
      await trx
        .insertInto('queue_messages')
        .values(
          rows.map((row) => ({
            id: row.id,
            body: JSON.stringify(row.body),
            sent_at: row.sent_at,
            visible_at: now,
            receipt: null,
            first_received_at: null,
          })),
        )
        .execute();
      return rows.map(toDeadLetter);
    });
  }

  /** The dead letters, oldest first. */
  async deadLetters(): Promise<DeadLetter[]> {
    const rows = await this.#db.selectFrom('queue_dead_letters').selectAll().orderBy('dead_lettered_at').orderBy('id').execute();
    return rows.map(toDeadLetter);
  }

  async counts(): Promise<QueueCounts> {
    const now = this.#now();
    const row = await this.#db
      .selectNoFrom((eb) => [
        eb.selectFrom('queue_messages').select(eb.fn.countAll<number>().as('n')).where('visible_at', '<=', now).as('visible'),
        eb.selectFrom('queue_messages').select(eb.fn.countAll<number>().as('n')).where('visible_at', '>', now).as('hidden'),
        eb.selectFrom('queue_dead_letters').select(eb.fn.countAll<number>().as('n')).as('dead_letters'),
      ])
      .executeTakeFirstOrThrow();
    return { visible: Number(row.visible), hidden: Number(row.hidden), deadLetters: Number(row.dead_letters) };
  }

  /** Resolves when both queue tables answer. */
  async ping(): Promise<void> {
    await sql`select (select 1 from queue_messages limit 1), (select 1 from queue_dead_letters limit 1)`.execute(this.#db);
  }
}

async function deliver(trx: Transaction<AppTables>, ids: string[], now: Date, visibilitySeconds: number): Promise<ReceivedJob[]> {
  const rows = await trx
    .updateTable('queue_messages')
    .set((eb) => ({
      receive_count: eb('receive_count', '+', 1),
      visible_at: after(now, visibilitySeconds),
      receipt: sql<string>`gen_random_uuid()::text`,
      first_received_at: sql<Date>`coalesce(first_received_at, ${now})`,
    }))
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  const order = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map(toReceivedJob);
}

async function deadLetter(trx: Transaction<AppTables>, ids: string[], now: Date): Promise<void> {
  const rows = await trx.deleteFrom('queue_messages').where('id', 'in', ids).returningAll().execute();
  await trx
    .insertInto('queue_dead_letters')
    .values(rows.map((row) => ({ id: row.id, body: JSON.stringify(row.body), sent_at: row.sent_at, receive_count: row.receive_count, dead_lettered_at: now })))
    .execute();
}

function toReceivedJob(row: Selectable<QueueMessagesTable>): ReceivedJob {
  if (row.receipt === null || row.first_received_at === null) throw new Error(`Message ${row.id} was delivered without a receipt.`);
  return {
    messageId: row.id,
    receipt: row.receipt,
    body: row.body,
    receiveCount: row.receive_count,
    sentAt: row.sent_at,
    firstReceivedAt: row.first_received_at,
  };
}

function toDeadLetter(row: Selectable<QueueDeadLettersTable>): DeadLetter {
  return { messageId: row.id, body: row.body, sentAt: row.sent_at, receiveCount: row.receive_count, deadLetteredAt: row.dead_lettered_at };
}

function after(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

function visibilityTimeout(seconds: number): number {
  assertIntegerIn(seconds, 0, queueLimits.maxVisibilityTimeoutSeconds, 'visibilityTimeoutSeconds');
  return seconds;
}

function assertIntegerIn(value: number, min: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}.`);
  }
}
