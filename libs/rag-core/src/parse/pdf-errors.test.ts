import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { describeError, pdfjsFailure, tooManyPages } from './pdf-errors.js';

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('pdfjsFailure', () => {
  it('maps a pdf.js PasswordException to ENCRYPTED_PDF, keeping the cause', () => {
    const cause = named('PasswordException', 'No password given');
    const failure = pdfjsFailure(cause);
    expect(failure.code).toBe('ENCRYPTED_PDF');
    expect(failure.message).toBe('This PDF is password-protected. Remove the password and upload it again.');
    expect(failure.cause).toBe(cause);
  });

  it('maps every other failure on a PDF to CORRUPT_PDF', () => {
    for (const cause of [named('InvalidPDFException', 'Invalid PDF structure.'), named('UnknownErrorException', 'Bad encoding in flate stream'), new TypeError('x is undefined'), 'a string']) {
      expect(pdfjsFailure(cause).code).toBe('CORRUPT_PDF');
    }
  });

  it('passes a DocumentError through unchanged', () => {
    const error = tooManyPages(3, 2);
    expect(pdfjsFailure(error)).toBe(error);
  });
});

describe('tooManyPages', () => {
  it('names the page count and the limit', () => {
    const error = tooManyPages(3000, 2000);
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.code).toBe('TOO_MANY_PAGES');
    expect(error.message).toBe('This PDF has 3000 pages; the limit is 2000.');
  });
});

describe('describeError', () => {
  it('is the name and message of an Error, or the value as text', () => {
    expect(describeError(named('InvalidPDFException', 'Invalid PDF structure.'))).toBe('InvalidPDFException: Invalid PDF structure.');
    expect(describeError(42)).toBe('42');
  });
});
