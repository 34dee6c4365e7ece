import type { RecordedResource } from '@student-helper/infra-testing';
import { describe, expect, it } from 'vitest';
import { diffStacks, normalizeStack } from './stack-diff.js';

function stack(env: string, size: string, hex: string): RecordedResource[] {
  return [
    { urn: 'c', type: 'x:y:Db', name: `app-${env}-db`, custom: false, inputs: {}, state: {} },
    {
      urn: 'r',
      type: 'random:index/randomId:RandomId',
      name: `app-${env}-docs-suffix`,
      custom: true,
      id: `id-${hex}`,
      inputs: { byteLength: 4 },
      state: { byteLength: 4, hex },
    },
    {
      urn: 'b',
      type: 'aws:s3/bucket:Bucket',
      name: `app-${env}-docs`,
      custom: true,
      id: `app-${env}-docs-${hex}`,
      inputs: { bucket: `app-${env}-docs-${hex}`, tags: { Environment: env } },
      state: { arn: `arn:aws:s3:::app-${env}-docs-${hex}` },
    },
    {
      urn: 'p',
      type: 'aws:iam/rolePolicy:RolePolicy',
      name: `app-${env}-access`,
      parent: 'c',
      custom: true,
      id: `role-${hex}:p`,
      inputs: { policy: JSON.stringify({ Resource: `arn:aws:s3:::app-${env}-docs-${hex}/*` }) },
      state: {},
    },
    { urn: 'd', type: 'aws:rds/instance:Instance', name: `app-${env}-db`, parent: 'c', custom: true, id: `db-${hex}`, inputs: { instanceClass: size, multiAz: env === 'prod' }, state: {} },
  ];
}

describe('normalizeStack + diffStacks', () => {
  it('sees through environment names, generated ids, ARNs and random suffixes', () => {
    const dev = normalizeStack(stack('dev', 'db.t3.micro', 'a1b2c3d4'), { project: 'app', environment: 'dev' });
    expect(dev.get('aws:s3/bucket:Bucket::app-<env>-docs')).toEqual({
      bucket: '<id aws:s3/bucket:Bucket::app-<env>-docs>',
      tags: { Environment: '<env>' },
    });
    expect(dev.get('aws:iam/rolePolicy:RolePolicy::app-<env>-access')).toEqual({
      policy: JSON.stringify({ Resource: '<arn aws:s3/bucket:Bucket::app-<env>-docs>/*' }),
    });
  });

  it('reports only configuration differences between environments', () => {
    const dev = normalizeStack(stack('dev', 'db.t3.micro', 'a1b2c3d4'), { project: 'app', environment: 'dev' });
    const prod = normalizeStack(stack('prod', 'db.t3.small', '99887766'), { project: 'app', environment: 'prod' });
    expect(diffStacks(dev, prod)).toEqual([
      { resource: 'aws:rds/instance:Instance::app-<env>-db', path: 'instanceClass', left: 'db.t3.micro', right: 'db.t3.small' },
      { resource: 'aws:rds/instance:Instance::app-<env>-db', path: 'multiAz', left: false, right: true },
    ]);
  });

  it('keeps the environment name where it is not part of the stack naming', () => {
    const resources: RecordedResource[] = [
      { urn: 'x', type: 't:m:R', name: 'app-dev-x', custom: true, id: 'i-1', inputs: { script: '>/dev/null', tags: { Environment: 'dev' } }, state: {} },
    ];
    expect(normalizeStack(resources, { project: 'app', environment: 'dev' }).get('t:m:R::app-<env>-x')).toEqual({
      script: '>/dev/null',
      tags: { Environment: '<env>' },
    });
  });

  it('symbolises nested generated values such as an RDS-managed secret ARN', () => {
    const resources: RecordedResource[] = [
      {
        urn: 'db',
        type: 'aws:rds/instance:Instance',
        name: 'app-dev-db',
        custom: true,
        id: 'db-XYZ',
        inputs: {},
        state: { masterUserSecrets: [{ secretArn: 'arn:aws:secretsmanager:r:1:secret:rds!db-123' }] },
      },
      { urn: 'env', type: 't:m:Env', name: 'app-dev-env', custom: true, id: 'e', inputs: { value: 'ARN=arn:aws:secretsmanager:r:1:secret:rds!db-123' }, state: {} },
    ];
    expect(normalizeStack(resources, { project: 'app', environment: 'dev' }).get('t:m:Env::app-<env>-env')).toEqual({
      value: 'ARN=<secretArn aws:rds/instance:Instance::app-<env>-db>',
    });
  });

  it('symbolises generated DNS names such as an instance’s private DNS, which a CloudFront VPC origin echoes', () => {
    const resources: RecordedResource[] = [
      { urn: 'i', type: 'aws:ec2/instance:Instance', name: 'app-dev-api', custom: true, id: 'i-0abc', inputs: {}, state: { privateDns: 'ip-10-0-1-23.r.compute.internal' } },
      { urn: 'cdn', type: 't:m:Cdn', name: 'app-dev-cdn', custom: true, id: 'E1', inputs: { origins: [{ domainName: 'ip-10-0-1-23.r.compute.internal' }] }, state: {} },
    ];
    expect(normalizeStack(resources, { project: 'app', environment: 'dev' }).get('t:m:Cdn::app-<env>-cdn')).toEqual({
      origins: [{ domainName: '<privateDns aws:ec2/instance:Instance::app-<env>-api>' }],
    });
  });

  it('reports resources present on one side only', () => {
    const dev = normalizeStack(stack('dev', 'a', 'a1b2c3d4'), { project: 'app', environment: 'dev' });
    const prod = normalizeStack(stack('prod', 'a', 'a1b2c3d4').slice(0, 3), { project: 'app', environment: 'prod' });
    expect(diffStacks(dev, prod).map((d) => [d.resource, d.left, d.right])).toEqual([
      ['aws:iam/rolePolicy:RolePolicy::app-<env>-access', 'present', 'absent'],
      ['aws:rds/instance:Instance::app-<env>-db', 'present', 'absent'],
    ]);
  });
});
