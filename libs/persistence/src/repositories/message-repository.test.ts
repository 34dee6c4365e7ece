import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import type { Citation } from '@student-helper/shared-types';
import { openAppDatabase, sessionA, sessionB, truncateApp, type AppDatabase } from '../../test/app-database.js';
import { MessageRepository } from './message-repository.js';
import { SessionRepository } from './session-repository.js';

const citation: Citation = {
  marker: 1,
  documentId: '00000000-0000-4000-8000-000000000d01',
  documentName: 'notes "v2".pdf',
  page: 3,
  quote: 'Mitochondria make ATP — “the powerhouse”.',
  score: 0.8125,
  chunkIndex: 4,
  charStart: 10,
  charEnd: 52,
};

describe.each(databaseTargets())('MessageRepository on $name', (target) => {
  let app: AppDatabase;
  let messages: MessageRepository;
  beforeAll(async () => {
    app = await openAppDatabase(target);
    messages = new MessageRepository(app.db);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    await truncateApp(app.db);
    const sessions = new SessionRepository(app.db);
    await sessions.create({ sessionId: sessionA, tokenHash: 'a' });
    await sessions.create({ sessionId: sessionB, tokenHash: 'b' });
  });

  it('appends questions and cited answers and lists them in order', async () => {
    const question = await messages.appendUser(sessionA, 'What makes ATP?');
    const answer = await messages.appendAssistant(sessionA, { content: 'Mitochondria [1].', citations: [citation], outcome: 'answered' });
    expect(question).toEqual({ messageId: expect.any(String), role: 'user', content: 'What makes ATP?', citations: [], outcome: null, createdAt: expect.any(String) });
    expect(answer).toMatchObject({ role: 'assistant', content: 'Mitochondria [1].', citations: [citation], outcome: 'answered' });
    expect(await messages.list(sessionA)).toEqual([question, answer]);
    expect(await messages.list(sessionB)).toEqual([]);
  });

  it('keeps insertion order for messages written in the same instant', async () => {
    for (let i = 0; i < 20; i++) await messages.appendUser(sessionA, `q${i}`);
    expect((await messages.list(sessionA)).map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `q${i}`));
  });

  it('gives the last turns of history, oldest first', async () => {
    await messages.appendUser(sessionA, 'q1');
    await messages.appendAssistant(sessionA, { content: 'a1', citations: [], outcome: 'not_found' });
    await messages.appendUser(sessionA, 'q2');
    await messages.appendAssistant(sessionA, { content: 'a2', citations: [citation], outcome: 'stopped' });
    await messages.appendUser(sessionB, 'other');
    expect(await messages.history(sessionA, 3)).toEqual([
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ]);
    expect(await messages.history(sessionA, 0)).toEqual([]);
    expect(await messages.history('nope', 5)).toEqual([]);
    await expect(messages.history(sessionA, -1)).rejects.toThrow('limit must be a non-negative integer, got -1.');
  });

  it('refuses a message for a session that does not exist', async () => {
    await expect(messages.appendUser('00000000-0000-4000-8000-0000000000ff', 'q')).rejects.toThrow('messages_session_id_fkey');
    await expect(messages.appendUser('x', 'q')).rejects.toThrow('sessionId must be a UUID, got "x".');
  });
});
