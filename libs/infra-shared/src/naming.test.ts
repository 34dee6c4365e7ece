import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResourceNamer } from './naming.js';

const created: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        created.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, hex: 'a1b2c3d4' } };
      },
      call: (args) => {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    'student-helper-infra',
    'dev',
  );
});

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe('ResourceNamer', () => {
  const namer = new ResourceNamer('student-helper', 'dev');

  it('names resources {project}-{environment}-{resource}', () => {
    expect(namer.prefix).toBe('student-helper-dev');
    expect(namer.name('vpc')).toBe('student-helper-dev-vpc');
    expect(namer.name('backend-sg')).toBe('student-helper-dev-backend-sg');
  });

  it('names secrets with the seed’s path layout', () => {
    expect(namer.secretName('app-config')).toBe('student-helper/dev/app-config');
  });

  it('enforces a resource-specific length limit', () => {
    expect(namer.name('api-tg', 32)).toBe('student-helper-dev-api-tg');
    expect(() => namer.name('api-target-group-x', 32)).toThrow(
      "Name 'student-helper-dev-api-target-group-x' is 37 characters; the limit for this resource is 32",
    );
  });

  it('rejects characters AWS names do not allow', () => {
    expect(() => namer.name('Documents')).toThrow("Resource 'Documents' must be lowercase letters and digits separated by single hyphens");
    expect(() => namer.name('docs_bucket')).toThrow('must be lowercase letters and digits');
    expect(() => namer.name('-docs')).toThrow('must be lowercase letters and digits');
    expect(() => new ResourceNamer('Student Helper', 'dev')).toThrow("Project 'Student Helper'");
    expect(() => new ResourceNamer('student-helper', 'Prod')).toThrow("Environment 'Prod'");
  });

  it('builds bucket names with a hex suffix and S3’s 63-character limit', () => {
    expect(namer.bucketNameWithSuffix('documents', 'a1b2c3d4')).toBe('student-helper-dev-documents-a1b2c3d4');
    expect(() => namer.bucketNameWithSuffix('documents', 'XYZ')).toThrow("Bucket suffix 'XYZ' must be lowercase hex");
    const long = 'a'.repeat(36);
    expect(() => namer.bucketNameWithSuffix(long, 'a1b2c3d4')).toThrow('is 64 characters; the limit for this resource is 63');
  });

  it('creates one RandomId of 4 bytes per bucket and appends its hex', async () => {
    const name = await value(namer.bucketName('documents'));
    expect(name).toBe('student-helper-dev-documents-a1b2c3d4');
    expect(created).toEqual([
      { type: 'random:index/randomId:RandomId', name: 'student-helper-dev-documents-suffix', inputs: { byteLength: 4 } },
    ]);
  });

  it('checks the length before creating anything', () => {
    const before = created.length;
    expect(() => namer.bucketName('b'.repeat(40))).toThrow('the limit for this resource is 63');
    expect(created.length).toBe(before);
  });
});
