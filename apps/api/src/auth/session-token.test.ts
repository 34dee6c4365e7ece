import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, hashSessionToken, newSessionToken, sessionTokenMatches } from './session-token.js';

describe('session tokens', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, newSessionToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashSessionToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('match only their own hash; no stored hash or a malformed one never matches', () => {
    const token = newSessionToken();
    expect(sessionTokenMatches(token, hashSessionToken(token))).toBe(true);
    expect(sessionTokenMatches(token, hashSessionToken(newSessionToken()))).toBe(false);
    expect(sessionTokenMatches(token, undefined)).toBe(false);
    expect(sessionTokenMatches(token, 'not-hex')).toBe(false);
    expect(sessionTokenMatches('no session', undefined)).toBe(false);
  });

  it('are read from "Authorization: Bearer <token>" only', () => {
    expect(bearerToken('Bearer abc_DEF-123')).toBe('abc_DEF-123');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });
});
