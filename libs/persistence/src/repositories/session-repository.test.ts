import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import { openAppDatabase, sessionA, truncateApp, type AppDatabase } from '../../test/app-database.js';
import { SessionRepository } from './session-repository.js';

const isoTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(databaseTargets())('SessionRepository on $name', (target) => {
  let app: AppDatabase;
  let sessions: SessionRepository;
  beforeAll(async () => {
    app = await openAppDatabase(target);
    sessions = new SessionRepository(app.db);
  });
  afterAll(() => app?.close());
  beforeEach(() => truncateApp(app.db));

  it('creates a session with the given id, title and token hash', async () => {
    const created = await sessions.create({ sessionId: sessionA, title: 'Biology', tokenHash: 'hash-a' });
    expect(created).toEqual({ sessionId: sessionA, title: 'Biology', tokenHash: 'hash-a', createdAt: expect.stringMatching(isoTimestamp) });
    expect(await sessions.find(sessionA)).toEqual(created);
  });

  it('generates an id and a default title', async () => {
    const created = await sessions.create({ tokenHash: 'hash-b' });
    expect(created.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.title).toBe('Untitled session');
  });

  it('renames a session and says when there is none', async () => {
    await sessions.create({ sessionId: sessionA, title: 'Old', tokenHash: 'h' });
    expect(await sessions.rename(sessionA, 'New')).toMatchObject({ sessionId: sessionA, title: 'New' });
    expect((await sessions.find(sessionA))?.title).toBe('New');
    expect(await sessions.rename('00000000-0000-4000-8000-0000000000ff', 'x')).toBeUndefined();
  });

  it('finds nothing for an unknown id or a string that is not a UUID', async () => {
    expect(await sessions.find('00000000-0000-4000-8000-0000000000ff')).toBeUndefined();
    expect(await sessions.find("x' or '1'='1")).toBeUndefined();
    expect(await sessions.rename('../etc', 'x')).toBeUndefined();
  });

  it('rejects a chosen id that is not a UUID and a reused token hash', async () => {
    await expect(sessions.create({ sessionId: 'abc', tokenHash: 'h' })).rejects.toThrow('sessionId must be a UUID, got "abc".');
    await sessions.create({ tokenHash: 'same' });
    await expect(sessions.create({ tokenHash: 'same' })).rejects.toThrow('sessions_token_hash_key');
  });
});
