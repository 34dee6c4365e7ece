import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import type { JobMessage } from '@student-helper/shared-types';
import { openAppDatabase, truncateApp, type AppDatabase } from '../../test/app-database.js';
import type { ReceivedJob } from './job-queue-consumer.js';
import { PostgresJobQueue } from './postgres-job-queue.js';

/** The only message a receive returned (fails the test otherwise). */
function only(received: ReceivedJob[]): ReceivedJob {
  expect(received).toHaveLength(1);
  return received[0] as ReceivedJob;
}

/** A clock the test moves by hand: visibility is decided by it alone. */
class ManualClock {
  #ms = Date.parse('2026-01-01T00:00:00.000Z');
  readonly now = (): Date => new Date(this.#ms);
  advance(seconds: number): void {
    this.#ms += seconds * 1000;
  }
}

function job(n: number): JobMessage {
  const suffix = String(n).padStart(12, '0');
  return {
    jobId: `00000000-0000-4000-8000-${suffix}`,
    documentId: `00000000-0000-4000-9000-${suffix}`,
    sessionId: '00000000-0000-4000-a000-000000000001',
    key: `sessions/s/documents/${n}.pdf`,
    size: 1000 + n,
  };
}

describe.each(databaseTargets())('PostgresJobQueue on $name', (target) => {
  let app: AppDatabase;
  let clock: ManualClock;
  let queue: PostgresJobQueue;
  beforeAll(async () => {
    app = await openAppDatabase(target);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    await truncateApp(app.db);
    clock = new ManualClock();
    queue = new PostgresJobQueue(app.db, { visibilityTimeoutSeconds: 60, maxReceiveCount: 3, now: clock.now });
  });

  it('delivers a sent message once, hidden for the visibility timeout', async () => {
    await queue.send(job(1));
    const received = only(await queue.receive());
    expect(received).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receipt: expect.any(String),
      body: job(1),
      receiveCount: 1,
      sentAt: clock.now(),
      firstReceivedAt: clock.now(),
    });
    expect(await queue.receive()).toEqual([]);
    clock.advance(59);
    expect(await queue.receive()).toEqual([]);
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 1, deadLetters: 0 });
    expect(await queue.delete(received.receipt)).toBe(true);
    clock.advance(3600);
    expect(await queue.receive()).toEqual([]);
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 0 });
  });

  it('redelivers after the visibility timeout with a new receipt; the stale one deletes nothing', async () => {
    await queue.send(job(1));
    const first = only(await queue.receive());
    const sentAt = clock.now();
    clock.advance(60);
    const second = only(await queue.receive());
    expect(second).toMatchObject({ messageId: first.messageId, receiveCount: 2, sentAt, firstReceivedAt: sentAt });
    expect(second.receipt).not.toBe(first.receipt);
    expect(await queue.delete(first.receipt)).toBe(false);
    expect(await queue.changeVisibility(first.receipt, 0)).toBe(false);
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 1, deadLetters: 0 });
    expect(await queue.delete(second.receipt)).toBe(true);
    expect(await queue.delete(second.receipt)).toBe(false);
  });

  it('uses the visibility timeout asked for by receive', async () => {
    await queue.send(job(1));
    await queue.receive({ visibilityTimeoutSeconds: 5 });
    clock.advance(4);
    expect(await queue.receive()).toEqual([]);
    clock.advance(1);
    expect((await queue.receive()).map((m) => m.receiveCount)).toEqual([2]);
  });

  it('extends or releases a message with changeVisibility', async () => {
    await queue.send(job(1));
    const message = only(await queue.receive());
    clock.advance(50);
    expect(await queue.changeVisibility(message.receipt, 60)).toBe(true);
    clock.advance(59);
    expect(await queue.receive()).toEqual([]);
    expect(await queue.changeVisibility(message.receipt, 0)).toBe(true);
    expect((await queue.receive()).map((m) => m.receiveCount)).toEqual([2]);
  });

  it('hands out messages oldest first, at most max per receive', async () => {
    for (let n = 1; n <= 5; n++) {
      await queue.send(job(n));
      clock.advance(1);
    }
    expect((await queue.receive({ max: 3 })).map((m) => m.body.size)).toEqual([1001, 1002, 1003]);
    expect((await queue.receive({ max: 10 })).map((m) => m.body.size)).toEqual([1004, 1005]);
  });

  it('delays a message sent with delaySeconds', async () => {
    await queue.send(job(1), { delaySeconds: 30 });
    expect(await queue.receive()).toEqual([]);
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 1, deadLetters: 0 });
    clock.advance(30);
    expect(await queue.receive()).toHaveLength(1);
  });

  it('moves a message to the dead-letter table on the receive that would exceed maxReceiveCount', async () => {
    await queue.send(job(1));
    const sentAt = clock.now();
    const id = only(await queue.receive()).messageId;
    clock.advance(60);
    for (let count = 2; count <= 3; count++) {
      expect((await queue.receive()).map((m) => m.receiveCount)).toEqual([count]);
      clock.advance(60);
    }
    expect(await queue.receive()).toEqual([]);
    expect(await queue.deadLetters()).toEqual([{ messageId: id, body: job(1), sentAt, receiveCount: 3, deadLetteredAt: clock.now() }]);
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 1 });
  });

  it('keeps filling a receive after dead-lettering the messages it picked first', async () => {
    await queue.send(job(1));
    await queue.receive({ max: 1 });
    clock.advance(60);
    await queue.receive({ max: 1 });
    clock.advance(60);
    await queue.receive({ max: 1 });
    clock.advance(60);
    await queue.send(job(2));
    await queue.send(job(3));
    const received = await queue.receive({ max: 2 });
    expect(received.map((m) => [m.body.size, m.receiveCount])).toEqual([
      [1002, 1],
      [1003, 1],
    ]);
    expect((await queue.deadLetters()).map((d) => d.body.size)).toEqual([1001]);
  });

  it('redrives dead letters back with their receive count reset', async () => {
    await queue.send(job(1));
    const id = only(await queue.receive()).messageId;
    for (let i = 0; i < 3; i++) {
      clock.advance(60);
      await queue.receive();
    }
    expect(await queue.counts()).toEqual({ visible: 0, hidden: 0, deadLetters: 1 });
    const moved = await queue.redrive();
    expect(moved.map((d) => [d.messageId, d.body, d.receiveCount])).toEqual([[id, job(1), 3]]);
    expect(await queue.deadLetters()).toEqual([]);
    expect(await queue.redrive()).toEqual([]);
    const again = only(await queue.receive());
    expect(again).toMatchObject({ messageId: id, body: job(1), receiveCount: 1, firstReceivedAt: clock.now() });
    expect(await queue.delete(again.receipt)).toBe(true);
  });

  it('redrives only the dead letters asked for', async () => {
    await queue.send(job(1));
    await queue.send(job(2));
    for (let i = 0; i < 4; i++) {
      await queue.receive({ max: 2 });
      clock.advance(60);
    }
    const [first, second] = await queue.deadLetters();
    expect([first?.body.size, second?.body.size].sort()).toEqual([1001, 1002]);
    const moved = await queue.redrive({ messageIds: [first?.messageId ?? '', 'not-a-uuid'] });
    expect(moved.map((d) => d.messageId)).toEqual([first?.messageId]);
    expect((await queue.deadLetters()).map((d) => d.messageId)).toEqual([second?.messageId]);
    expect(await queue.redrive({ messageIds: [] })).toEqual([]);
    expect(await queue.counts()).toEqual({ visible: 1, hidden: 0, deadLetters: 1 });
  });

  it('never gives one message to two concurrent receivers', async () => {
    const total = 30;
    for (let n = 1; n <= total; n++) await queue.send(job(n));
    const receiver = async (): Promise<number[]> => {
      const sizes: number[] = [];
      for (;;) {
        const batch = await queue.receive({ max: 2 });
        if (batch.length === 0) return sizes;
        sizes.push(...batch.map((m) => m.body.size));
      }
    };
    const results = await Promise.all(Array.from({ length: 6 }, receiver));
    const all = results.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => 1001 + i));
  });

  it('rejects settings SQS would reject', async () => {
    expect(() => new PostgresJobQueue(app.db, { maxReceiveCount: 0 })).toThrow('maxReceiveCount must be an integer from 1 to 1000, got 0.');
    expect(() => new PostgresJobQueue(app.db, { visibilityTimeoutSeconds: 43_201 })).toThrow(
      'visibilityTimeoutSeconds must be an integer from 0 to 43200, got 43201.',
    );
    await expect(queue.receive({ max: 11 })).rejects.toThrow('max must be an integer from 1 to 10, got 11.');
    await expect(queue.receive({ visibilityTimeoutSeconds: -1 })).rejects.toThrow('visibilityTimeoutSeconds must be an integer from 0 to 43200, got -1.');
    await expect(queue.changeVisibility('r', 1.5)).rejects.toThrow('visibilityTimeoutSeconds must be an integer from 0 to 43200, got 1.5.');
    await expect(queue.send(job(1), { delaySeconds: 901 })).rejects.toThrow('delaySeconds must be an integer from 0 to 900, got 901.');
  });

  it('pings while its tables answer', async () => {
    await expect(queue.ping()).resolves.toBeUndefined();
  });
});

describe('PostgresJobQueue defaults', () => {
  it('follow the SQS-with-Lambda guidance: 1800 s visibility, maxReceiveCount 5', async () => {
    const queue = new PostgresJobQueue({} as never);
    expect([queue.visibilityTimeoutSeconds, queue.maxReceiveCount]).toEqual([1800, 5]);
  });
});

describe('PostgresJobQueue on a pg pool of several connections', () => {
  let app: AppDatabase;
  beforeAll(async () => {
    const pgTarget = databaseTargets().find((t) => t.id === 'pg');
    if (!pgTarget) throw new Error('no pg target');
    app = await openAppDatabase(pgTarget);
  });
  afterAll(() => app?.close());

  it('skips rows another transaction holds instead of waiting for them', async () => {
    const queue = new PostgresJobQueue(app.db, { visibilityTimeoutSeconds: 60 });
    await queue.send(job(1));
    await queue.send(job(2));
    // Hold message 1's row lock in an open transaction while another receive runs.
    await app.db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('queue_messages').select('id').orderBy('seq').limit(1).forUpdate().executeTakeFirstOrThrow();
      const received = await queue.receive({ max: 10 });
      expect(received.map((m) => m.body.size)).toEqual([1002]);
      expect(only(received).messageId).not.toBe(held.id);
    });
    expect((await queue.receive({ max: 10 })).map((m) => m.body.size)).toEqual([1001]);
  });

  it('ping rejects when the tables are missing', async () => {
    await sql`alter table queue_dead_letters rename to queue_dead_letters_gone`.execute(app.db);
    try {
      await expect(new PostgresJobQueue(app.db).ping()).rejects.toThrow('queue_dead_letters');
    } finally {
      await sql`alter table queue_dead_letters_gone rename to queue_dead_letters`.execute(app.db);
    }
  });
});
