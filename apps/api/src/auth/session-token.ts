import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
/** Compared with when there is no session, so a miss costs what a wrong token costs. */
const NO_SESSION_HASH = createHash('sha256').update('no session').digest();

/** A new session token: 256 random bits, base64url (43 characters). Shown to the student once. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database keeps instead of the token: its SHA-256, hex. A fast hash is enough here
 * (unlike for passwords): the token has 256 bits of entropy, so there is nothing to brute-force.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether `token` is the one whose hash is `storedHash`, compared in constant time. With no
 * stored hash (no such session) it still hashes and compares, and answers false.
 */
export function sessionTokenMatches(token: string, storedHash: string | undefined): boolean {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  const stored = storedHash !== undefined && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, 'hex') : undefined;
  const equal = timingSafeEqual(presented, stored ?? NO_SESSION_HASH);
  return equal && stored !== undefined;
}

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
