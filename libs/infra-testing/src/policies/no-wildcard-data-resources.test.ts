import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { noWildcardDataResources } from './no-wildcard-data-resources.js';

const run = (...nodes: ReturnType<typeof node>[]) =>
  runPolicies([noWildcardDataResources], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('no-wildcard-data-resources', () => {
  it('passes statements scoped to the stack’s ARNs, denies, and non-data actions on *', () => {
    expect(
      run(
        node('aws:iam/rolePolicy:RolePolicy', 'ok', {
          policy: doc(
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::docs/*' },
            { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
            { Effect: 'Deny', Action: 'sqs:*', Resource: '*' },
          ),
        }, { id: 'r:ok' }),
      ),
    ).toEqual([]);
  });

  it("reports the seed's wildcard statements", () => {
    expect(
      run(
        node('aws:iam/rolePolicy:RolePolicy', 'seed', {
          policy: doc(
            { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::*'] },
            { Sid: 'Sqs', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:*' },
            { Sid: 'Secrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:*' },
          ),
        }, { id: 'r:seed' }),
      ),
    ).toEqual([
      "seed: Statement S3 allows s3:GetObject, s3:PutObject on wildcard resource 'arn:aws:s3:::*'",
      "seed: Statement Sqs allows sqs:SendMessage on wildcard resource 'arn:aws:sqs:*:*:*'",
      "seed: Statement Secrets allows secretsmanager:GetSecretValue on wildcard resource 'arn:aws:secretsmanager:*:*:secret:*'",
    ]);
  });

  it('reads inline role policies, object documents and NotAction/NotResource', () => {
    expect(
      run(
        node('aws:iam/role:Role', 'role', {
          inlinePolicies: [{ name: 'x', policy: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }],
        }, { id: 'role' }),
        node('aws:iam/policy:Policy', 'managed', {
          policy: { Statement: [{ Sid: 'Not', Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::x' }] },
        }, { id: 'arn:policy' }),
      ),
    ).toEqual([
      "role: Statement (no Sid) allows * on wildcard resource '*'",
      'managed: Statement Not uses NotAction with Allow',
      'managed: Statement Not uses NotResource with Allow',
    ]);
  });
});
