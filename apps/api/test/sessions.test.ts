import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '@student-helper/db-testing';
import { createSession, openTestApp, sessionNotFoundBody, type TestApp } from './harness.js';

describe.each(databaseTargets())('sessions on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp({ target });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a session: 201, a 256-bit base64url token shown once, only its SHA-256 stored', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { title: 'Biology 101' } });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ sessionId: string; token: string }>();
    expect(Object.keys(body).sort()).toEqual(['sessionId', 'token']);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    const { rows } = await sql<{ title: string; token_hash: string }>`select title, token_hash from sessions where id = ${body.sessionId}`.execute(t.services.db);
    expect(rows).toEqual([{ title: 'Biology 101', token_hash: createHash('sha256').update(body.token).digest('hex') }]);
    expect(JSON.stringify(rows)).not.toContain(body.token);
  });

  it('creates a session without a body or with an empty one, titled "Untitled session"', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/sessions' });
    expect(empty.statusCode).toBe(201);
    const session = await createSession(t.app);
    const read = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}`, headers: session.headers });
    expect(read.json()).toMatchObject({ sessionId: session.sessionId, title: 'Untitled session', documents: [] });
  });

  it('reads the session with its token: id, title, creation time, documents', async () => {
    const session = await createSession(t.app, 'Physics');
    const response = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}`, headers: session.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ sessionId: session.sessionId, title: 'Physics', createdAt: expect.any(String), documents: [] });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  it('renames the session (PATCH) and returns it', async () => {
    const session = await createSession(t.app, 'Old');
    const response = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${session.sessionId}`, headers: session.headers, payload: { title: 'New name' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ sessionId: session.sessionId, title: 'New name', documents: [] });
    const read = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}`, headers: session.headers });
    expect(read.json().title).toBe('New name');
  });

  describe('tokens', () => {
    it('answers a missing Authorization header with 401', async () => {
      const session = await createSession(t.app);
      const response = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}` });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Send the session token as "Authorization: Bearer <token>".' } });
      const notBearer = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.sessionId}`, headers: { authorization: `Basic ${session.token}` } });
      expect(notBearer.statusCode).toBe(401);
    });

    it('answers a wrong token, another session’s id and an unknown id with the same 404 body', async () => {
      const mine = await createSession(t.app, 'mine');
      const theirs = await createSession(t.app, 'theirs');
      const wrongToken = await t.app.inject({ method: 'GET', url: `/api/sessions/${mine.sessionId}`, headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
      const otherSession = await t.app.inject({ method: 'GET', url: `/api/sessions/${theirs.sessionId}`, headers: mine.headers });
      const unknown = await t.app.inject({ method: 'GET', url: '/api/sessions/00000000-0000-4000-8000-0000000000ff', headers: mine.headers });
      const garbageToken = await t.app.inject({ method: 'GET', url: `/api/sessions/${mine.sessionId}`, headers: { authorization: 'Bearer x' } });
      for (const response of [wrongToken, otherSession, unknown, garbageToken]) {
        expect(response.statusCode).toBe(404);
        expect(response.body).toBe(JSON.stringify(sessionNotFoundBody));
      }
      // Renaming someone else's session fails the same way and changes nothing.
      const rename = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${theirs.sessionId}`, headers: mine.headers, payload: { title: 'hijacked' } });
      expect(rename.statusCode).toBe(404);
      expect(rename.body).toBe(JSON.stringify(sessionNotFoundBody));
      const read = await t.app.inject({ method: 'GET', url: `/api/sessions/${theirs.sessionId}`, headers: theirs.headers });
      expect(read.json().title).toBe('theirs');
    });
  });

  describe('bad requests', () => {
    it('refuses malformed JSON with 400 VALIDATION_ERROR', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': 'application/json' }, payload: '{"title": "x"' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: "Body is not valid JSON but content-type is set to 'application/json'." } });
    });

    it('refuses a title that is empty or too long, unknown fields, and a session id that is not a UUID', async () => {
      const empty = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { title: '' } });
      expect(empty.statusCode).toBe(400);
      expect(empty.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Body/title must NOT have fewer than 1 characters.' } });
      const long = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { title: 'a'.repeat(201) } });
      expect(long.json().error.code).toBe('VALIDATION_ERROR');
      const extra = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { title: 'ok', admin: true } });
      expect(extra.statusCode).toBe(400);
      expect(extra.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Body must NOT have additional properties.' } });
      const session = await createSession(t.app);
      const badId = await t.app.inject({ method: 'GET', url: '/api/sessions/not-a-uuid', headers: session.headers });
      expect(badId.statusCode).toBe(400);
      expect(badId.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Params/sid must match format "uuid".' } });
    });

    it('refuses a JSON body over the limit with 413 and an unsupported content type with 415', async () => {
      const huge = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(70_000) }) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than allowed.' } });
      const xml = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': 'application/xml' }, payload: '<title/>' });
      expect(xml.statusCode).toBe(415);
      expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers unknown API routes with a JSON 404', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such API route.' } });
    });
  });
});
