import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpFake {
  /** `http://127.0.0.1:<port>`, for an SDK client's `endpoint`. */
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** What a handler writes to, on HTTP/1.1 or HTTP/2 (the compatibility API has the same calls). */
export type FakeResponse = Pick<ServerResponse, 'writeHead' | 'write' | 'end' | 'on'> & { statusCode: number };

/**
 * A local server that records every request and lets `handler` answer it: enough to talk the
 * real SDK clients' wire protocols (JSON, event streams, error headers) without AWS.
 * `http2: true` serves cleartext HTTP/2, which Bedrock Runtime clients speak by default.
 */
export async function startHttpFake(
  handler: (request: RecordedRequest, response: FakeResponse) => void | Promise<void>,
  options: { http2?: boolean } = {},
): Promise<HttpFake> {
  const requests: RecordedRequest[] = [];
  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      const response = res as unknown as FakeResponse;
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  };
  const sessions = new Set<Http2Session>();
  const server = options.http2 ? createHttp2Server(onRequest) : createServer(onRequest);
  if (options.http2) {
    server.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        for (const session of sessions) session.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends a JSON response with the AWS error type header restJson clients read. */
export function awsJsonError(response: FakeResponse, status: number, errorType: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType });
  response.end(JSON.stringify({ message }));
}

export const fakeCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
