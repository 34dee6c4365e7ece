/**
 * API benchmark (SPEC §6, issue 3), everything over real HTTP against the built server
 * (`node apps/api/dist/main.js`, offline providers, PGlite under a temporary DATA_DIR) in a
 * process of its own:
 *
 * - ingestion: upload freeculture.pdf, then poll until the document is ready;
 * - chat time to first token: ~50 questions about the book, one at a time, from sending the
 *   request to the first `token` event arriving (also to `retrieval` and to the stream's end);
 * - session reads: `GET /api/sessions/:sid` (the session holds the book) with autocannon, against
 *   a bare fastify hello-world (tools/bench/hello-fastify.ts) in the same run, interleaved.
 *
 * The server runs with LOG_LEVEL=warn (a log line per request would be measured too) and rate
 * limits raised out of the way; everything else is the `npm start` configuration.
 *
 *   npx nx run api:build && tools/run-ts.sh tools/bench/api.ts [--file ../shared/corpus/real/freeculture.pdf] [--duration 10] [--write]
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { recordBenchmark } from './benchmarks-doc.js';
import { median, percentile } from './stats.js';

const run = promisify(execFile);
const workspaceRoot = path.resolve(import.meta.dirname, '../..');
const serverEntry = path.join(workspaceRoot, 'apps/api/dist/main.js');
const autocannonBin = path.join(workspaceRoot, 'node_modules/.bin/autocannon');

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/corpus/real/freeculture.pdf' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    write: { type: 'boolean', default: false },
  },
});
const file = path.resolve(workspaceRoot, args.file);
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!existsSync(file)) throw new Error(`Benchmark input missing: ${file} (the shared corpus belongs at ../shared beside the repository).`);
if (!existsSync(serverEntry)) throw new Error(`${path.relative(workspaceRoot, serverEntry)} is missing: run \`npx nx run api:build\` first.`);

/** Questions a student of the book might ask (answers spread over the whole book). */
const questions = [
  'What is free culture?',
  'What does the author mean by a permission culture?',
  'Who was Walt Disney and what did he borrow?',
  'What was Steamboat Willie based on?',
  'What happened in the Eldred v. Ashcroft case?',
  'What does the Sonny Bono Copyright Term Extension Act do?',
  'How long did copyright last in 1790?',
  'What is the public domain?',
  'Who is Jack Valenti?',
  'What did the RIAA do to students?',
  'What was Napster?',
  'How does peer-to-peer file sharing work?',
  'What is Kazaa?',
  'What did Jesse Jordan build at his university?',
  'What is fair use?',
  'What is the Internet Archive and who founded it?',
  'What did Brewster Kahle want to preserve?',
  'What is Creative Commons?',
  'How do Creative Commons licenses work?',
  'What is the difference between piracy and property?',
  'How did the film industry begin in Hollywood?',
  'Why did Edison’s patents matter to filmmakers?',
  'How did the recording industry treat radio?',
  'What is a compulsory license?',
  'What happened with cable television and copyright?',
  'What are the four modalities of regulation?',
  'How does architecture regulate behavior?',
  'What role do norms play in regulation?',
  'What is the role of the market in regulation?',
  'What did the Wright brothers’ invention mean for property in the air?',
  'What happened to the Causbys’ chickens?',
  'What did Edwin Armstrong invent?',
  'Why did RCA fight FM radio?',
  'What is the Japanese comic market doujinshi?',
  'Why do doujinshi artists not get sued?',
  'What is the concentration of media ownership?',
  'What did Alex Alben try to make?',
  'What clearances did the Starwave project need?',
  'What are orphan works?',
  'What happened with the Girl Scouts and ASCAP?',
  'What is the Digital Millennium Copyright Act?',
  'What is an e-book and how can it be controlled?',
  'What does Adobe eBook Reader restrict?',
  'What is the author’s proposal for copyright registration?',
  'What does the author say about shorter copyright terms?',
  'How should copyright be renewed under the proposal?',
  'What does the author propose for file sharing compensation?',
  'Why did Lessig lose the Eldred case?',
  'What is the Eldred Act?',
  'What did Justice Breyer argue in his dissent?',
];

interface Server {
  url: string;
  child: ChildProcess;
}

/** Spawns a server process and waits for the line that says where it listens. */
function startProcess(command: string, argv: string[], env: Record<string, string>, pattern: RegExp): Promise<Server> {
  const child = spawn(command, argv, { cwd: workspaceRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${command} ${argv.join(' ')} exited (${code}) before listening:\n${output}`)));
  });
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** One question over HTTP: ms to the `retrieval` event, the first `token` event, and the end. */
async function ask(url: string, headers: Record<string, string>, question: string): Promise<{ retrieval: number; firstToken: number; total: number }> {
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  if (response.status !== 200) throw new Error(`chat: ${response.status} ${await response.text()}`);
  const decoder = new TextDecoder();
  let text = '';
  let retrieval = Number.NaN;
  let firstToken = Number.NaN;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (Number.isNaN(retrieval) && text.includes('event: retrieval\n')) retrieval = performance.now() - start;
    if (Number.isNaN(firstToken) && text.includes('event: token\n')) firstToken = performance.now() - start;
  }
  if (!text.includes('event: done\n')) throw new Error(`chat for "${question}" ended without done:\n${text.slice(-500)}`);
  return { retrieval, firstToken, total: performance.now() - start };
}

interface AutocannonResult {
  requests: { average: number; p50: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function autocannon(url: string, headers: Record<string, string> = {}): Promise<AutocannonResult> {
  const headerArgs = Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}=${value}`]);
  const { stdout } = await run(autocannonBin, ['-c', String(connections), '-d', String(duration), '-j', ...headerArgs, url], { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout) as AutocannonResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon ${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result;
}

const load = loadavg()[0] ?? 0;
const dataDir = await mkdtemp(path.join(tmpdir(), 'api-bench-'));
const raised = '1000000';
const api = await startProcess(
  process.execPath,
  [serverEntry],
  { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: raised, CHAT_RATE_LIMIT_MAX: raised, UPLOAD_RATE_LIMIT_MAX: raised },
  /running at (http:\/\/\S+)/,
);
const hello = await startProcess(path.join(workspaceRoot, 'tools/run-ts.sh'), [path.join(workspaceRoot, 'tools/bench/hello-fastify.ts')], {}, /listening (http:\/\/\S+)/);

try {
  const session = await json<{ sessionId: string; token: string }>(
    await fetch(`${api.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"bench"}' }),
  );
  const auth = { authorization: `Bearer ${session.token}` };
  const base = `${api.url}/api/sessions/${session.sessionId}`;

  // Ingestion through the running app: upload → ready.
  const bytes = readFileSync(file);
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), path.basename(file));
  const uploadStart = performance.now();
  const accepted = await json<{ documentId: string }>(await fetch(`${base}/documents`, { method: 'POST', headers: auth, body: form }));
  const uploadMs = performance.now() - uploadStart;
  let document: { status: string; pageCount: number | null; chunkCount: number | null; error: unknown };
  for (;;) {
    document = await json(await fetch(`${base}/documents/${accepted.documentId}`, { headers: auth }));
    if (document.status === 'ready' || document.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const readyMs = performance.now() - uploadStart;
  if (document.status !== 'ready') throw new Error(`The document failed: ${JSON.stringify(document.error)}`);
  process.stderr.write(`ingested in ${(readyMs / 1000).toFixed(2)} s\n`);

  // Chat: warm-up, then every question once, one at a time.
  for (const question of questions.slice(0, 3)) await ask(`${base}/chat`, auth, question);
  const timings = [];
  for (const question of questions) timings.push(await ask(`${base}/chat`, auth, question));
  process.stderr.write(`asked ${timings.length} questions\n`);

  // Session reads against the bare hello-world, interleaved, two rounds each.
  await autocannon(`${hello.url}/`);
  const rounds: { hello: AutocannonResult; api: AutocannonResult }[] = [];
  for (let round = 0; round < 2; round++) {
    const helloResult = await autocannon(`${hello.url}/`);
    const apiResult = await autocannon(base, auth);
    rounds.push({ hello: helloResult, api: apiResult });
    process.stderr.write(`autocannon round ${round + 1} done\n`);
  }

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const stat = (values: number[]) => `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}`;
  const helloRps = median(rounds.map((r) => r.hello.requests.average));
  const apiRps = median(rounds.map((r) => r.api.requests.average));
  const date = new Date().toISOString().slice(0, 10);
  const report = [
    `### ${date}: ${path.basename(file)}`,
    '',
    `- Command: \`npx nx run api:build && tools/run-ts.sh tools/bench/api.ts${duration === 10 ? '' : ` --duration ${duration}`}\` ` +
      `(server \`node apps/api/dist/main.js\` in its own process: PGlite under a temporary DATA_DIR, offline embedder, extractive answerer, LOG_LEVEL=warn, rate limits raised)`,
    `- Machine: ${availableParallelism()} cores (nproc), node ${process.version}; load average ${load.toFixed(2)} at start`,
    `- Ingestion through the running app (${document.pageCount} pages → ${document.chunkCount} chunks): upload answered 202 in ${(uploadMs / 1000).toFixed(2)} s ` +
      `(inspection of the PDF included), ready ${(readyMs / 1000).toFixed(2)} s after the upload started (goal < 30 s)`,
    `- Chat over HTTP, ${timings.length} questions one at a time (after 3 warm-up): first token ${stat(timings.map((t) => t.firstToken))} (goal < 300 ms p50); ` +
      `retrieval event ${stat(timings.map((t) => t.retrieval))}; whole answer ${stat(timings.map((t) => t.total))}`,
    `- Session reads, autocannon ${connections} connections × ${duration} s, 2 rounds interleaved with the reference, medians: ` +
      `\`GET /api/sessions/:sid\` (token check, session + 1 document from PGlite, helmet, rate limiter, response schema) ${apiRps.toFixed(0)} req/s ` +
      `(latency p50 ${rounds.map((r) => r.api.latency.p50).join('/')} ms, p99 ${rounds.map((r) => r.api.latency.p99).join('/')} ms)`,
    `- Reference, bare fastify hello-world in the same run: ${helloRps.toFixed(0)} req/s (latency p50 ${rounds.map((r) => r.hello.latency.p50).join('/')} ms); ` +
      `session reads run at ${((apiRps / helloRps) * 100).toFixed(1)} % of it. Load generator, API and reference share the machine's ${availableParallelism()} cores.`,
    '',
  ].join('\n');
  process.stdout.write(report);

  if (args.write) {
    recordBenchmark('API', [
      'The running app over real HTTP (`node apps/api/dist/main.js`, offline providers, embedded PGlite): ingestion of a PDF from upload to',
      '`ready`, chat time to first token, and session-read throughput with autocannon against a bare fastify hello-world measured in the',
      'same run. Script: `tools/bench/api.ts`.',
    ], report);
  }
} finally {
  await stop(api);
  await stop(hello);
  await rm(dataDir, { recursive: true, force: true });
}
