import { createHash } from 'node:crypto';

/** The account, Region and partition the mocks pretend to run in. */
export interface MockEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export const DEFAULT_MOCK_ENVIRONMENT: MockEnvironment = {
  accountId: '123456789012',
  region: 'ap-southeast-2',
  partition: 'aws',
};

/**
 * Deterministic pseudo-random hex for a seed string: the same resource gets the same id in
 * every run, so graphs and assertions are stable.
 */
export function stableHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  }
  return out.slice(0, length);
}

/** Upper-case alphanumerics (CloudFront ids, RDS resource ids). */
export function stableAlnum(seed: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const hex = stableHex(seed, length * 2);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[parseInt(hex.slice(2 * i, 2 * i + 2), 16) % alphabet.length];
  return out;
}

export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
