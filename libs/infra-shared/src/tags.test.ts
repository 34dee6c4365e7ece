import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { baseTags, createTags, mergeTags, toAwsNativeTags, withName, withNameNative } from './tags.js';

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

const context = { project: 'student-helper', environment: 'dev' };

describe('tags', () => {
  it('creates the four required tags', () => {
    expect(createTags(context, 'student-helper-dev-vpc')).toEqual({
      Project: 'student-helper',
      ManagedBy: 'pulumi',
      Environment: 'dev',
      Name: 'student-helper-dev-vpc',
    });
  });

  it('keeps extra tags but never lets them override the required ones', () => {
    expect(baseTags(context, { CostCenter: 'edu', Project: 'other' })).toEqual({
      CostCenter: 'edu',
      Project: 'student-helper',
      ManagedBy: 'pulumi',
      Environment: 'dev',
    });
  });

  it('merges left to right and skips undefined', () => {
    expect(mergeTags({ A: '1', B: '1' }, undefined, { B: '2' })).toEqual({ A: '1', B: '2' });
  });

  it('converts to the aws-native {key, value} list, sorted by key', () => {
    expect(toAwsNativeTags(createTags(context, 'x'))).toEqual([
      { key: 'Environment', value: 'dev' },
      { key: 'ManagedBy', value: 'pulumi' },
      { key: 'Name', value: 'x' },
      { key: 'Project', value: 'student-helper' },
    ]);
  });

  it('adds Name to component tags given as an Output, and works without tags', async () => {
    expect(await value(withName(pulumi.output(baseTags(context)), 'child'))).toEqual({ ...baseTags(context), Name: 'child' });
    expect(await value(withName(undefined, 'child'))).toEqual({ Name: 'child' });
    expect(await value(withNameNative({ Project: 'p' }, 'child'))).toEqual([
      { key: 'Name', value: 'child' },
      { key: 'Project', value: 'p' },
    ]);
  });
});
