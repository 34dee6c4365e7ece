import { describe, expect, it } from 'vitest';
import { publicUrl } from './server.js';

describe('publicUrl', () => {
  it('prints loopback and wildcard hosts as localhost, others as given', () => {
    expect(publicUrl('localhost', 3000)).toBe('http://localhost:3000');
    expect(publicUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(publicUrl('::', 3000)).toBe('http://localhost:3000');
    expect(publicUrl('10.0.1.5', 3000)).toBe('http://10.0.1.5:3000');
    expect(publicUrl('fe80::1', 3000)).toBe('http://[fe80::1]:3000');
  });
});
