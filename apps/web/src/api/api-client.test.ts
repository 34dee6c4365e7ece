import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { createApiClient, type SessionAuth } from './api-client';

const auth: SessionAuth = { sessionId: 's-1', token: 'tok' };

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const call = { url: String(input), method: init.method ?? 'GET', headers, body: init.body };
    calls.push(call);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return respond(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createApiClient', () => {
  it('creates a session without a token and with the JSON body', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { sessionId: 's-1', token: 'tok' }));
    const client = createApiClient({ baseUrl: 'https://api.example', fetch });
    expect(await client.createSession('Biology')).toEqual({ sessionId: 's-1', token: 'tok' });
    expect(calls).toEqual([
      {
        url: 'https://api.example/api/sessions',
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: '{"title":"Biology"}',
      },
    ]);
  });

  it('sends the bearer token on session routes and encodes path segments', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { messages: [] }));
    const client = createApiClient({ fetch });
    expect(await client.listMessages({ sessionId: 'a/b', token: 't' })).toEqual([]);
    expect(calls[0]?.url).toBe('/api/sessions/a%2Fb/messages');
    expect(calls[0]?.headers).toEqual({ accept: 'application/json', authorization: 'Bearer t' });
  });

  it('renames with PATCH and deletes with DELETE', async () => {
    const { fetch, calls } = fakeFetch((call) => (call.method === 'PATCH' ? json(200, {}) : new Response(null, { status: 204 })));
    const client = createApiClient({ fetch });
    await client.renameSession(auth, 'Exam prep');
    await client.deleteDocument(auth, 'd-1');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['PATCH', '/api/sessions/s-1', '{"title":"Exam prep"}'],
      ['DELETE', '/api/sessions/s-1/documents/d-1', undefined],
    ]);
    expect(calls[1]?.headers).toEqual({ authorization: 'Bearer tok' });
  });

  it('reads the document file as bytes and jobs from /api/jobs', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith('/file') ? new Response(new Uint8Array([37, 80, 68, 70])) : json(200, { jobId: 'j-1' }),
    );
    const client = createApiClient({ fetch });
    expect([...new Uint8Array(await client.getDocumentFile(auth, 'd-1'))]).toEqual([37, 80, 68, 70]);
    expect(await client.getJob(auth, 'j-1')).toEqual({ jobId: 'j-1' });
    expect(calls.map((c) => c.url)).toEqual(['/api/sessions/s-1/documents/d-1/file', '/api/jobs/j-1']);
  });

  it('maps a contract error body to ApiError with its code and message', async () => {
    const { fetch } = fakeFetch(() => json(404, { error: { code: 'NOT_FOUND', message: 'No such document.' } }));
    const error = await createApiClient({ fetch })
      .getDocument(auth, 'd-9')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No such document.' });
  });

  it.each([
    [401, 'UNAUTHORIZED'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [502, 'SERVICE_UNAVAILABLE'],
    [500, 'INTERNAL_ERROR'],
  ])('maps a non-JSON %i response to %s', async (status, code) => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status }));
    await expect(createApiClient({ fetch }).getSession(auth)).rejects.toMatchObject({ status, code, message: `HTTP ${status}` });
  });

  it('maps an unknown error code in a JSON body to the status code', async () => {
    const { fetch } = fakeFetch(() => json(400, { error: { code: 'TEAPOT', message: 'no' } }));
    await expect(createApiClient({ fetch }).getSession(auth)).rejects.toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('turns a failed request into NETWORK_ERROR and keeps aborts as AbortError', async () => {
    const offline = createApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline.getSession(auth)).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: 'Failed to fetch' });
    const { fetch } = fakeFetch(() => json(200, {}));
    const controller = new AbortController();
    controller.abort();
    await expect(createApiClient({ fetch }).getDocumentFile(auth, 'd-1', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('posts the chat question and yields the streamed events', async () => {
    const { fetch, calls } = fakeFetch(
      () =>
        new Response('event: token\ndata: {"text":"Hi"}\n\nevent: citations\ndata: []\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        }),
    );
    const events = [];
    for await (const event of createApiClient({ fetch }).chat(auth, { question: 'Why?', documentIds: ['d-1'] })) events.push(event);
    expect(events).toEqual([
      { event: 'token', data: { text: 'Hi' } },
      { event: 'citations', data: [] },
    ]);
    expect(calls[0]).toEqual({
      url: '/api/sessions/s-1/chat',
      method: 'POST',
      headers: { accept: 'text/event-stream', authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: '{"question":"Why?","documentIds":["d-1"]}',
    });
  });

  it('rejects the chat with the error body when the server refuses the question', async () => {
    const { fetch } = fakeFetch(() => json(400, { error: { code: 'VALIDATION_ERROR', message: 'question is empty' } }));
    const run = async () => {
      for await (const _ of createApiClient({ fetch }).chat(auth, { question: ' ' })) void _;
    };
    await expect(run()).rejects.toMatchObject({ status: 400, code: 'VALIDATION_ERROR', message: 'question is empty' });
  });
});
