import { ModelError } from '../errors.js';

// Names as the SDK throws them (`error.name`); stream exception events carry the same names
// in camelCase (`throttlingException`), which `bedrockErrorName` turns into these.
const throttled = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'TooManyRequestsException']);
const unavailable = new Set(['ServiceUnavailableException', 'InternalServerException', 'ModelNotReadyException', 'ModelTimeoutException']);
const transientNetwork = new Set(['TimeoutError', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);

interface ServiceErrorShape {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The exception name of an SDK error (`ThrottlingException`), or `undefined` for anything else. */
export function bedrockErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as ServiceErrorShape).name;
  if (typeof name !== 'string' || name === '') return undefined;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as ServiceErrorShape | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Throttling, a 5xx, a model still loading, or a dropped connection: the same request may succeed later. */
export function isRetryableBedrockError(error: unknown): boolean {
  const name = bedrockErrorName(error);
  if (name !== undefined && (throttled.has(name) || unavailable.has(name) || transientNetwork.has(name))) return true;
  const code = (error as ServiceErrorShape | null)?.code;
  if (typeof code === 'string' && transientNetwork.has(code)) return true;
  const status = statusOf(error);
  return status !== undefined && (status === 429 || status >= 500);
}

/**
 * A Bedrock failure as a ModelError whose message can be shown to a student; the SDK error
 * (with the service's own wording, model ARNs and request id) stays in `cause` for the logs.
 * `subject` names the model's role: "answer model", "embedding model".
 */
export function toModelError(error: unknown, subject: string): ModelError {
  if (error instanceof ModelError) return error;
  const name = bedrockErrorName(error);
  if (name !== undefined && throttled.has(name)) {
    return new ModelError('MODEL_THROTTLED', `The ${subject} is receiving too many requests right now. Try again in a moment.`, { cause: error });
  }
  const retryable = isRetryableBedrockError(error);
  return new ModelError('MODEL_ERROR', messageFor(name, subject, retryable), { cause: error, retryable });
}

function messageFor(name: string | undefined, subject: string, retryable: boolean): string {
  switch (name) {
    case 'AccessDeniedException':
      return `This deployment is not allowed to use the ${subject}: enable access to the model in Bedrock and allow it in the IAM policy.`;
    case 'ResourceNotFoundException':
      return `The configured ${subject} does not exist in this Region or is not enabled for this account.`;
    case 'ValidationException':
      return `The ${subject} rejected the request as invalid.`;
    case 'ModelStreamErrorException':
    case 'ModelErrorException':
      return `The ${subject} failed while writing its reply.`;
    default:
      return retryable ? `The ${subject} is temporarily unavailable. Try again in a moment.` : `The ${subject} request failed.`;
  }
}
