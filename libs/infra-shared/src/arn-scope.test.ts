import { describe, expect, it } from 'vitest';
import { assertScopedArns, isWildcardResource } from './arn-scope.js';

describe('isWildcardResource', () => {
  it.each([
    ['*', true],
    ['arn:aws:s3:::*', true],
    ['arn:aws:s3:::docs-*/*', true],
    ['arn:aws:sqs:*:*:*', true],
    ['arn:aws:secretsmanager:ap-southeast-2:1:secret:*', true],
    ['arn:aws:logs:*:*:*', true],
    ['arn:aws:logs:ap-southeast-2:1:log-group:*', true],
    ['arn:aws:s3vectors:ap-southeast-2:1:bucket/v/index/*', true],
    ['arn:aws:bedrock:*::foundation-model/amazon.titan-embed-text-v2:0', true],
    ['not-an-arn-*', true],
    ['arn:aws:s3:::docs', false],
    ['arn:aws:s3:::docs/*', false],
    ['arn:aws:sqs:ap-southeast-2:1:jobs', false],
    ['arn:aws:logs:ap-southeast-2:1:log-group:/ec2/api:*', false],
    ['arn:aws:s3vectors:ap-southeast-2:1:bucket/v/index/documents', false],
    ['arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0', false],
  ])('%s → %s', (arn, expected) => {
    expect(isWildcardResource(arn)).toBe(expected);
  });
});

describe('assertScopedArns', () => {
  it('accepts specific ARNs', () => {
    expect(() => assertScopedArns('secretArns', ['arn:aws:secretsmanager:ap-southeast-2:1:secret:app-AbCdEf'])).not.toThrow();
  });

  it('names wildcards and non-ARNs', () => {
    expect(() => assertScopedArns('secretArns', ['arn:aws:secretsmanager:*:*:secret:*'])).toThrow(
      'secretArns must name specific resources, not wildcards: arn:aws:secretsmanager:*:*:secret:*',
    );
    expect(() => assertScopedArns('bucket', ['my-bucket'])).toThrow('bucket must be ARNs: my-bucket');
  });
});
