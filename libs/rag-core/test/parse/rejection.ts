import { DocumentError } from '../../src/errors.js';

/** What `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The code of the DocumentError `promise` rejects with; rethrows any other error. */
export async function documentErrorCode(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  if (error instanceof DocumentError) return error.code;
  throw error;
}
