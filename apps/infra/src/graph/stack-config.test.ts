import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStackConfig } from './stack-config.js';

function project(stackYaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stack-config-'));
  writeFileSync(path.join(dir, 'Pulumi.yaml'), 'name: demo\nruntime: nodejs\n');
  writeFileSync(path.join(dir, 'Pulumi.test.yaml'), stackYaml);
  return dir;
}

describe('readStackConfig', () => {
  it('reads the real dev and prod stacks with string values', () => {
    expect(readStackConfig('dev')).toEqual({
      project: 'student-helper-infra',
      stack: 'dev',
      config: {
        'aws:region': 'ap-southeast-2',
        'aws-native:region': 'ap-southeast-2',
        'student-helper-infra:environment': 'dev',
        'student-helper-infra:ec2_instance_type': 't3.micro',
        'student-helper-infra:rds_instance_class': 'db.t3.micro',
        'student-helper-infra:rds_allocated_storage': '20',
        'student-helper-infra:lambda_memory': '512',
        'student-helper-infra:enable_deletion_protection': 'false',
        'student-helper-infra:multi_az': 'false',
        'student-helper-infra:backup_retention_days': '1',
        'student-helper-infra:skip_final_snapshot': 'true',
      },
    });
    expect(readStackConfig('prod').config).toMatchObject({
      'student-helper-infra:environment': 'prod',
      'student-helper-infra:ec2_instance_type': 't3.small',
      'student-helper-infra:rds_allocated_storage': '50',
      'student-helper-infra:lambda_memory': '1024',
      'student-helper-infra:multi_az': 'true',
    });
  });

  it('serialises structured values as JSON, like the engine', () => {
    const root = project('config:\n  demo:regions:\n    - a\n    - b\n  demo:empty:\n');
    expect(readStackConfig('test', root).config).toEqual({ 'demo:regions': '["a","b"]', 'demo:empty': '' });
  });

  it('refuses encrypted values, un-namespaced keys and odd stack names', () => {
    expect(() => readStackConfig('test', project('config:\n  demo:token:\n    secure: v1:abc\n'))).toThrow("'demo:token' is encrypted; offline runs cannot decrypt it");
    expect(() => readStackConfig('test', project('config:\n  region: x\n'))).toThrow("config key 'region' must be namespaced (<namespace>:<name>)");
    expect(() => readStackConfig('../etc')).toThrow("Invalid stack name '../etc'");
  });
});
