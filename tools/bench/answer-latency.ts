/**
 * Answer-side latency of the chat flow with offline providers: time to first token and to
 * `done` of `answerQuestion` with the extractive answerer, against the same flow with a model
 * that emits the first token at once (the orchestration's own cost), measured in one run.
 * Retrieval is a precomputed lookup so only the answering side is timed; the end-to-end chat
 * time-to-first-token adds the retriever's search latency (measured in its own benchmark).
 *
 *   tools/run-ts.sh tools/bench/answer-latency.ts [path/to.pdf]
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answerQuestion,
  CitationParser,
  chunkKey,
  chunkPages,
  countTokens,
  ExtractiveAnswerer,
  HeuristicQueryRewriter,
  numberSources,
  streamTokens,
  type AnswerEvent,
  type ChatModel,
  type Retriever,
  type ScoredChunk,
} from '@student-helper/rag-core';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pdf = process.argv[2] ?? path.resolve(workspaceRoot, '../shared/corpus/real/freeculture.pdf');
const topK = 8;
const questionCount = 200;

const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
const pages = text.split('\f').map((pageText, i) => ({ pageNumber: i + 1, text: pageText }));
const chunks: ScoredChunk[] = chunkPages('doc', pages).map((chunk) => ({ ...chunk, key: chunkKey('doc', chunk.index), sessionId: 's', score: 0 }));

// Questions built from the book's own sentences (every n-th chunk's first long sentence, cut to
// its first eight words), each answered from the chunks sharing the most words with it.
const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
const chunkWords = chunks.map((chunk) => words(chunk.text));
const questions: { question: string; retrieved: ScoredChunk[] }[] = [];
for (let i = 0; questions.length < questionCount && i < chunks.length * 4; i++) {
  const chunk = chunks[(i * 7) % chunks.length] as ScoredChunk;
  const sentence = chunk.text.split(/(?<=[.!?])\s+/u).find((s) => s.split(/\s+/u).length >= 8);
  if (!sentence) continue;
  const question = `${sentence.split(/\s+/u).slice(0, 8).join(' ')}?`;
  const q = words(question);
  const retrieved = chunks
    .map((c, j) => ({ ...c, score: [...q].filter((w) => chunkWords[j]?.has(w)).length }))
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
  questions.push({ question, retrieved });
}

const lookup = new Map(questions.map((q) => [q.question, q.retrieved]));
const retriever: Retriever = { retrieve: async ({ query }) => lookup.get(query) ?? [] };

/** The reference: a model whose first token is ready at once, then a fixed 40-word answer. */
class ImmediateModel implements ChatModel {
  readonly modelId = 'immediate';
  async *answer(): AsyncGenerator<AnswerEvent> {
    for (const piece of streamTokens('Reference answer text [1]. '.repeat(8))) yield { type: 'token', text: piece };
    yield { type: 'done', stopReason: 'end_turn' };
  }
}

async function timeRun(chatModel: ChatModel): Promise<{ ttft: number[]; total: number[] }> {
  const ttft: number[] = [];
  const total: number[] = [];
  const deps = { retriever, chatModel, rewriter: new HeuristicQueryRewriter(), documentName: () => 'Book.pdf' };
  for (const { question } of questions) {
    const start = performance.now();
    let first = -1;
    for await (const event of answerQuestion(deps, { sessionId: 's', question, history: [] })) {
      if (event.event === 'token' && first < 0) first = performance.now() - start;
    }
    ttft.push(first);
    total.push(performance.now() - start);
  }
  return { ttft, total };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const ms = (value: number) => `${value.toFixed(2)} ms`;

// Warm-up (JIT, stemmer cache, segmenter) outside the measurement.
await timeRun(new ExtractiveAnswerer());
await timeRun(new ImmediateModel());
const extractive = await timeRun(new ExtractiveAnswerer());
const reference = await timeRun(new ImmediateModel());

// Citation parser cost per streamed token, as the Bedrock answerer will use it.
const sources = numberSources(questions[0]?.retrieved ?? [], () => 'Book.pdf');
const llmAnswer = sources.map((s) => `${s.text.slice(0, 300)} [${s.marker}].`).join(' ');
const llmTokens = streamTokens(llmAnswer).flatMap((piece) => (piece.length > 4 ? [piece.slice(0, 3), piece.slice(3)] : [piece]));
const parseRounds = 200;
const parseStart = performance.now();
for (let i = 0; i < parseRounds; i++) {
  const parser = new CitationParser(sources);
  for (const token of llmTokens) parser.push(token);
  parser.finish();
}
const parseMicrosPerToken = ((performance.now() - parseStart) * 1000) / (parseRounds * llmTokens.length);

console.log(`## Answering: time to first token of the offline extractive answerer

- Command: \`tools/run-ts.sh tools/bench/answer-latency.ts\` (${path.relative(workspaceRoot, pdf)}, ${pages.length} pages, ${chunks.length} chunks, ${questions.length} questions, top ${topK} chunks each, ${sources.reduce((n, s) => n + countTokens(s.text), 0)} source tokens in the first)
- Machine: ${cpus().length} cores (nproc ${execFileSync('nproc').toString().trim()}), node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadavg()[0]?.toFixed(2)} at start
- answerQuestion + ExtractiveAnswerer: first token p50 ${ms(percentile(extractive.ttft, 50))}, p99 ${ms(percentile(extractive.ttft, 99))}; done p50 ${ms(percentile(extractive.total, 50))}, p99 ${ms(percentile(extractive.total, 99))}
- Reference, same flow with a model whose first token is ready at once: first token p50 ${ms(percentile(reference.ttft, 50))}, p99 ${ms(percentile(reference.ttft, 99))}; done p50 ${ms(percentile(reference.total, 50))}
- Extractive answering adds ${ms(percentile(extractive.ttft, 50) - percentile(reference.ttft, 50))} at p50 out of the 300 ms budget; retrieval is not included here.
- CitationParser: ${parseMicrosPerToken.toFixed(2)} µs per streamed token (${llmTokens.length}-token answer, ${parseRounds} rounds, markers and quotes included)
`);
