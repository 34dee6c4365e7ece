import { JobMessage } from '@student-helper/shared-types';
import { Value } from 'typebox/value';

/** A queue message body that is not a `JobMessage` (a poison message: it goes to the DLQ). */
export class InvalidJobMessageError extends Error {
  override readonly name = 'InvalidJobMessageError';
}

/**
 * Validates a message body (parsed JSON, or the JSON text of an SQS record) against the
 * `JobMessage` schema the API enqueues with.
 */
export function parseJobMessage(body: unknown): JobMessage {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new InvalidJobMessageError('The message body is not JSON.');
    }
  }
  if (Value.Check(JobMessage, value)) return value;
  const problems = [...Value.Errors(JobMessage, value)].map((error) => `${error.instancePath || '/'} ${error.message}`);
  throw new InvalidJobMessageError(`The message body is not a JobMessage: ${problems.join('; ')}.`);
}
