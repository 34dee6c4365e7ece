import OpenAI from 'openai';
import { nonEmpty, positiveInteger } from '../adapter-support/arguments.js';
import { openAiClientDefaults } from './client.defaults.js';

/** Where an OpenAI-compatible server is and how to talk to it; shared by the embedder and the chat model. */
export interface OpenAiEndpointOptions {
  /** Up to and including `/v1`: `http://localhost:11434/v1` (Ollama), `http://localhost:8000/v1` (vLLM), `http://localhost:1234/v1` (LM Studio). Required unless `client` is given. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …`; without one no Authorization header is sent (local servers need none). */
  apiKey?: string;
  /** Per attempt, until the response starts. Default {@link openAiClientDefaults.timeoutMs}. */
  timeoutMs?: number;
  /** Retries of 429, 5xx and failed connections by the SDK. Default {@link openAiClientDefaults.maxRetries}. */
  maxRetries?: number;
  /** A pre-built client (another fetch, proxy or credentials); the options above are then ignored. */
  client?: OpenAI;
}

/**
 * The SDK client for an endpoint. Everything the SDK would otherwise read from the process
 * environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, …) is set explicitly, so
 * only the given options decide where requests go and what they carry.
 */
export function createOpenAiClient(options: OpenAiEndpointOptions): OpenAI {
  if (options.client) return options.client;
  const baseURL = nonEmpty(options.baseUrl, 'baseUrl');
  const timeout = positiveInteger(options.timeoutMs ?? openAiClientDefaults.timeoutMs, 'timeoutMs');
  const maxRetries = options.maxRetries ?? openAiClientDefaults.maxRetries;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be an integer >= 0, got ${maxRetries}.`);
  const apiKey = options.apiKey === undefined || options.apiKey === '' ? undefined : options.apiKey;
  return new OpenAI({
    baseURL,
    // The SDK refuses to start without a key; a local server has none, so a placeholder
    // satisfies the check and the `null` header below keeps it off the wire.
    apiKey: apiKey ?? 'none',
    ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
    adminAPIKey: null,
    organization: null,
    project: null,
    timeout,
    maxRetries,
  });
}
