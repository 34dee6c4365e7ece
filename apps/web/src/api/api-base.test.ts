import { describe, expect, it } from 'vitest';
import { resolveApiBase } from './api-base';

describe('resolveApiBase', () => {
  it('is the page origin when unset or blank, and drops trailing slashes', () => {
    expect(resolveApiBase(undefined)).toBe('');
    expect(resolveApiBase('  ')).toBe('');
    expect(resolveApiBase('https://d111.cloudfront.net/')).toBe('https://d111.cloudfront.net');
    expect(resolveApiBase(' https://api.example.com/v1// ')).toBe('https://api.example.com/v1');
  });
});
