import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, parseCidr } from './cidr.js';

describe('cidr', () => {
  it('parses network blocks into address ranges', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ first: 167772160, last: 167837695 });
    expect(parseCidr('10.0.3.0/24')).toEqual({ first: 167772928, last: 167773183 });
  });

  it('rejects malformed blocks and host bits', () => {
    expect(() => parseCidr('10.0.0/16')).toThrow("'10.0.0/16' is not an IPv4 CIDR block");
    expect(() => parseCidr('10.0.0.256/24')).toThrow('is not an IPv4 CIDR block');
    expect(() => parseCidr('10.0.0.0/33')).toThrow('is not an IPv4 CIDR block');
    expect(() => parseCidr('10.0.1.0/16')).toThrow("'10.0.1.0/16' has host bits set (network address expected)");
  });

  it('tests containment and overlap', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.4.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/23', '10.0.1.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
  });
});
