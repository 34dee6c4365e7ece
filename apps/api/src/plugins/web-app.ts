import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { routeNotFound } from './error-handling.js';

/**
 * Serves the built web app (`apps/web/dist`) when it exists: files as they are (hashed assets
 * cached for a year, `index.html` revalidated), and `index.html` for any other GET outside
 * `/api`, so client-side routes survive a reload. Unknown `/api` routes, and everything when no
 * build exists, get the JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDistDir: string | undefined): Promise<void> {
  const root = webDistDir === undefined ? undefined : path.resolve(webDistDir);
  const served = root !== undefined && existsSync(path.join(root, 'index.html'));
  if (served) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const immutable = path.relative(root, filePath).startsWith(`assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.log.info({ webDistDir: root, served }, served ? 'serving the web app' : 'no web build found; serving the API only');

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    if (served && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.header('cache-control', 'no-cache').sendFile('index.html');
      return;
    }
    reply.code(404).send(routeNotFound);
  });
}
