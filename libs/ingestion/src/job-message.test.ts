import { describe, expect, it } from 'vitest';
import { InvalidJobMessageError, parseJobMessage } from './job-message.js';

const message = {
  jobId: '00000000-0000-4000-8000-000000000001',
  documentId: '00000000-0000-4000-8000-000000000002',
  sessionId: '00000000-0000-4000-8000-000000000003',
  key: 'sessions/s/documents/d.pdf',
  size: 1234,
};

describe('parseJobMessage', () => {
  it('accepts a JobMessage as an object or as JSON text (an SQS body)', () => {
    expect(parseJobMessage(message)).toEqual(message);
    expect(parseJobMessage(JSON.stringify(message))).toEqual(message);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseJobMessage('{"jobId":')).toThrow(new InvalidJobMessageError('The message body is not JSON.'));
  });

  it.each([
    [{ ...message, jobId: 'x' }, 'The message body is not a JobMessage: /jobId must match format "uuid".'],
    [{ ...message, size: -1 }, 'The message body is not a JobMessage: /size must be >= 0.'],
    [{ ...message, extra: true }, 'The message body is not a JobMessage: /extra schema is false; / must not have additional properties.'],
    [null, 'The message body is not a JobMessage: / must be object.'],
  ])('rejects %j', (body, error) => {
    expect(() => parseJobMessage(body)).toThrow(error);
  });
});
