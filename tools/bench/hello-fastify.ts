/**
 * The reference server of the API benchmark: a bare fastify hello-world (no plugins, no
 * logging), on a free port it prints as `listening <url>`.
 *
 *   tools/run-ts.sh tools/bench/hello-fastify.ts
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
