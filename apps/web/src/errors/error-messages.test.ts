import { describe, expect, it } from 'vitest';
import { describeError, errorDetail, errorMessages, isKnownErrorCode } from './error-messages';

describe('describeError', () => {
  it.each([
    ['ENCRYPTED_PDF', 'This PDF is password-protected.'],
    ['NO_TEXT_LAYER', 'This looks like a scanned image with no text.'],
    ['NOT_A_PDF', 'This file is not a PDF.'],
    ['CORRUPT_PDF', 'This PDF is damaged and cannot be read.'],
    ['TOO_MANY_PAGES', 'This PDF has too many pages.'],
    ['PAYLOAD_TOO_LARGE', 'This file is too large to upload.'],
    ['NETWORK_ERROR', 'The server cannot be reached. Check your connection.'],
  ])('says %s in plain words', (code, sentence) => {
    expect(describeError({ code, message: 'technical text' })).toBe(sentence);
  });

  it('keeps the server message for a code it does not know', () => {
    expect(describeError({ code: 'TEAPOT', message: 'I am a teapot.' })).toBe('I am a teapot.');
  });

  it('does not treat inherited object keys as codes', () => {
    expect(isKnownErrorCode('toString')).toBe(false);
    expect(describeError({ code: 'constructor', message: 'raw' })).toBe('raw');
  });

  it('has a sentence for every code, each ending with a full stop', () => {
    for (const sentence of Object.values(errorMessages)) expect(sentence).toMatch(/^[A-Z].*\.$/);
  });
});

describe('errorDetail', () => {
  it('returns the server message when it adds information', () => {
    expect(errorDetail({ code: 'TOO_MANY_PAGES', message: 'The PDF has 3000 pages; the limit is 2000.' })).toBe(
      'The PDF has 3000 pages; the limit is 2000.',
    );
  });

  it('keeps only what follows when the message starts with the summary', () => {
    expect(errorDetail({ code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected. Remove the password and upload it again.' })).toBe(
      'Remove the password and upload it again.',
    );
  });

  it('returns undefined when the message repeats the summary or is empty', () => {
    expect(errorDetail({ code: 'ENCRYPTED_PDF', message: 'This PDF is password-protected.' })).toBeUndefined();
    expect(errorDetail({ code: 'ENCRYPTED_PDF', message: '  ' })).toBeUndefined();
    expect(errorDetail({ code: 'TEAPOT', message: 'I am a teapot.' })).toBeUndefined();
  });
});
