import OpenAI from 'openai';
import { ModelError } from '../errors.js';

/** What a message needs to say what to check: the model's role, its name and the server. */
export interface ModelContext {
  /** "answer model", "embedding model". */
  subject: string;
  model: string;
  baseUrl: string;
}

const droppedConnection = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * A failure of an OpenAI-compatible server as a ModelError whose message says what to check
 * (the base URL, the API key, whether the model is pulled); the SDK error, with the server's
 * own wording, stays in `cause` for the logs. Throttling is `MODEL_THROTTLED`; 5xx, timeouts
 * and connection failures are retryable `MODEL_ERROR`s, the rest are not.
 */
export function toModelError(error: unknown, context: ModelContext): ModelError {
  if (error instanceof ModelError) return error;
  const { subject, model, baseUrl } = context;
  const fail = (message: string, retryable: boolean): ModelError => new ModelError('MODEL_ERROR', message, { cause: error, retryable });
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return fail(`The ${subject} server at ${baseUrl} did not answer in time. Check that it is running and not overloaded, or raise the timeout.`, true);
  }
  // The caller's own aborts never get here (the adapters rethrow the signal's reason).
  if (error instanceof OpenAI.APIUserAbortError) return fail(`The ${subject} request was cancelled before it finished. Try again.`, true);
  if (error instanceof OpenAI.APIConnectionError) {
    return fail(`Could not reach the ${subject} server at ${baseUrl}. Check the base URL and that the server (Ollama, vLLM, LM Studio) is running.`, true);
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    if (status === 429) {
      return new ModelError('MODEL_THROTTLED', `The ${subject} is receiving too many requests right now. Try again in a moment.`, { cause: error });
    }
    if (status === 401) return fail(`The ${subject} server at ${baseUrl} rejected the API key. Check the API key.`, false);
    if (status === 403) return fail(`The ${subject} server at ${baseUrl} does not allow this API key to use "${model}". Check the key's permissions.`, false);
    if (status === 404) {
      return fail(
        `The ${subject} "${model}" was not found at ${baseUrl}. Check the model name, that the model is pulled (Ollama: ollama pull ${model}) or served, and that the base URL ends in /v1.`,
        false,
      );
    }
    if (status === 400 || status === 422) return fail(`The ${subject} "${model}" rejected the request as invalid.`, false);
    if (status !== undefined && status >= 500) return fail(`The ${subject} server at ${baseUrl} is temporarily unavailable. Try again in a moment.`, true);
    // An error object in the event stream (no HTTP status): the server failed mid-reply.
    if (status === undefined) return fail(`The ${subject} "${model}" failed while writing its reply.`, false);
    return fail(`The ${subject} request failed.`, false);
  }
  if (isDroppedConnection(error)) return fail(`The connection to the ${subject} server at ${baseUrl} broke off. Try again in a moment.`, true);
  return fail(`The ${subject} request failed.`, false);
}

// undici ends a body read from a closed socket with `TypeError: terminated`, the socket error in `cause`.
function isDroppedConnection(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && droppedConnection.has(code)) return true;
    if (name === 'TypeError' && message === 'terminated') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
