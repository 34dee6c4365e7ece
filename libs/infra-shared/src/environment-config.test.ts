import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { EnvironmentConfigError, type ConfigSource } from './config-reader.js';
import { bedrockModelArns, loadEnvironmentConfig } from './environment-config.js';

function source(name: string, values: Record<string, string>): ConfigSource {
  return { name, get: (key) => values[key] };
}

const aws = source('aws', { region: 'ap-southeast-2' });
const project = (values: Record<string, string>) => source('student-helper-infra', values);

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvironmentConfigError);
    return (err as EnvironmentConfigError).issues;
  }
  throw new Error('expected an EnvironmentConfigError');
}

describe('loadEnvironmentConfig', () => {
  it('fills every default from the seed (dev sizes) and the corrected queue settings', () => {
    const config = loadEnvironmentConfig(project({ environment: 'dev' }), aws);
    expect(config).toEqual({
      project: 'student-helper',
      environment: 'dev',
      isProduction: false,
      region: 'ap-southeast-2',
      ec2InstanceType: 't3.micro',
      rdsInstanceClass: 'db.t3.micro',
      rdsAllocatedStorageGb: 20,
      lambdaMemoryMb: 512,
      lambdaTimeoutSeconds: 300,
      lambdaReservedConcurrency: 10,
      enableDeletionProtection: false,
      multiAz: false,
      backupRetentionDays: 1,
      skipFinalSnapshot: true,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'mon:04:00-mon:05:00',
      queueVisibilityTimeoutSeconds: 1800,
      queueMaxReceiveCount: 5,
      logRetentionDays: 30,
      apiPort: 8000,
      embeddingModelId: 'amazon.titan-embed-text-v2:0',
      embeddingDimension: 1024,
      chatModelId: 'au.anthropic.claude-sonnet-4-5-20250929-v1:0',
      bedrockInferenceRegions: [],
      processorImageTag: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the prod values of the seed', () => {
    const config = loadEnvironmentConfig(
      project({
        environment: 'prod',
        ec2_instance_type: 't3.small',
        rds_instance_class: 'db.t3.small',
        rds_allocated_storage: '50',
        lambda_memory: '1024',
        enable_deletion_protection: 'true',
        multi_az: 'true',
        backup_retention_days: '7',
        skip_final_snapshot: 'false',
      }),
      aws,
    );
    expect(config).toMatchObject({
      environment: 'prod',
      isProduction: true,
      ec2InstanceType: 't3.small',
      rdsInstanceClass: 'db.t3.small',
      rdsAllocatedStorageGb: 50,
      lambdaMemoryMb: 1024,
      enableDeletionProtection: true,
      multiAz: true,
      backupRetentionDays: 7,
      skipFinalSnapshot: false,
    });
  });

  it("keeps the seed's queue settings expressible (360 s, 3 receives)", () => {
    const config = loadEnvironmentConfig(
      project({ environment: 'dev', queue_visibility_timeout: '360', queue_max_receive_count: '3' }),
      aws,
    );
    expect(config.queueVisibilityTimeoutSeconds).toBe(360);
    expect(config.queueMaxReceiveCount).toBe(3);
  });

  it('derives the default visibility timeout from the Lambda timeout (6x)', () => {
    const config = loadEnvironmentConfig(project({ environment: 'dev', lambda_timeout: '120' }), aws);
    expect(config.queueVisibilityTimeoutSeconds).toBe(720);
  });

  it('derives the embedding dimension from the model and accepts a supported smaller one', () => {
    expect(loadEnvironmentConfig(project({ environment: 'dev', embedding_model_id: 'amazon.titan-embed-text-v1' }), aws).embeddingDimension).toBe(1536);
    expect(loadEnvironmentConfig(project({ environment: 'dev', embedding_dimension: '512' }), aws).embeddingDimension).toBe(512);
    expect(
      loadEnvironmentConfig(project({ environment: 'dev', embedding_model_id: 'acme.embed-x', embedding_dimension: '768' }), aws)
        .embeddingDimension,
    ).toBe(768);
  });

  it('reads an optional processor image tag and rejects an invalid one', () => {
    expect(loadEnvironmentConfig(project({ environment: 'dev', processor_image_tag: 'a1b2c3d.2' }), aws).processorImageTag).toBe('a1b2c3d.2');
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', processor_image_tag: 'v 1' }), aws))).toEqual([
      { key: 'student-helper-infra:processor_image_tag', expected: 'a container image tag (letters, digits, _ . -; up to 128)', received: 'v 1' },
    ]);
  });

  it('reads inference Regions as a YAML list (JSON) or a comma list', () => {
    expect(
      loadEnvironmentConfig(project({ environment: 'dev', bedrock_inference_regions: '["us-east-1","us-west-2"]' }), aws)
        .bedrockInferenceRegions,
    ).toEqual(['us-east-1', 'us-west-2']);
    expect(
      loadEnvironmentConfig(project({ environment: 'dev', bedrock_inference_regions: 'us-east-1, us-west-2' }), aws)
        .bedrockInferenceRegions,
    ).toEqual(['us-east-1', 'us-west-2']);
  });

  it('names a missing environment and a missing region', () => {
    expect(issuesOf(() => loadEnvironmentConfig(project({}), source('aws', {})))).toEqual([
      {
        key: 'student-helper-infra:environment',
        expected: 'a lowercase environment name of 2-10 letters and digits (e.g. dev, prod)',
        received: undefined,
      },
      { key: 'aws:region', expected: 'an AWS Region code such as ap-southeast-2', received: undefined },
    ]);
  });

  it('rejects sizes with units, fractions and out-of-range values, naming each key', () => {
    const issues = issuesOf(() =>
      loadEnvironmentConfig(
        project({ environment: 'dev', lambda_memory: '512MB', rds_allocated_storage: '20.5', backup_retention_days: '36' }),
        aws,
      ),
    );
    expect(issues).toEqual([
      { key: 'student-helper-infra:rds_allocated_storage', expected: 'an integer from 20 to 65536 (GiB)', received: '20.5' },
      { key: 'student-helper-infra:lambda_memory', expected: 'an integer from 128 to 10240 (MB)', received: '512MB' },
      { key: 'student-helper-infra:backup_retention_days', expected: 'an integer from 0 to 35 (days)', received: '36' },
    ]);
  });

  it('puts every issue in the message', () => {
    expect(() => loadEnvironmentConfig(project({ environment: 'dev', multi_az: 'yes' }), aws)).toThrow(
      'Invalid stack configuration:\n  - student-helper-infra:multi_az: expected true or false, got "yes"',
    );
  });

  it('rejects malformed instance types, windows and model ids', () => {
    const issues = issuesOf(() =>
      loadEnvironmentConfig(
        project({
          environment: 'dev',
          ec2_instance_type: 'T3 Micro',
          rds_instance_class: 't3.micro',
          backup_window: '3-4',
          maintenance_window: 'monday 04:00',
          chat_model_id: 'Claude!',
        }),
        aws,
      ),
    );
    expect(issues.map((i) => i.key)).toEqual([
      'student-helper-infra:chat_model_id',
      'student-helper-infra:ec2_instance_type',
      'student-helper-infra:rds_instance_class',
      'student-helper-infra:backup_window',
      'student-helper-infra:maintenance_window',
    ]);
  });

  it('rejects a visibility timeout shorter than the Lambda timeout', () => {
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', queue_visibility_timeout: '299' }), aws))).toEqual([
      {
        key: 'student-helper-infra:queue_visibility_timeout',
        expected: 'at least the Lambda timeout (300 s); AWS recommends 1800 s',
        received: '299',
      },
    ]);
  });

  it('rejects a dimension the model cannot produce and an unknown model without a dimension', () => {
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', embedding_dimension: '1536' }), aws))).toEqual([
      {
        key: 'student-helper-infra:embedding_dimension',
        expected: "one of 1024, 512, 256 for model 'amazon.titan-embed-text-v2:0'",
        received: '1536',
      },
    ]);
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', embedding_model_id: 'acme.embed-x' }), aws))).toEqual([
      {
        key: 'student-helper-infra:embedding_dimension',
        expected: "an explicit dimension (1-4096) because model 'acme.embed-x' is not in the known model table",
        received: undefined,
      },
    ]);
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', log_retention_days: '31' }), aws))[0]).toMatchObject({
      key: 'student-helper-infra:log_retention_days',
      received: '31',
    });
  });

  it('requires destination Regions for an inference profile outside the known table', () => {
    expect(
      issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', chat_model_id: 'us.anthropic.claude-3-5-haiku-20241022-v1:0' }), aws)),
    ).toEqual([
      {
        key: 'student-helper-infra:bedrock_inference_regions',
        expected: "the destination Regions of inference profile 'us.anthropic.claude-3-5-haiku-20241022-v1:0'",
        received: undefined,
      },
    ]);
    expect(issuesOf(() => loadEnvironmentConfig(project({ environment: 'dev', bedrock_inference_regions: '["Sydney"]' }), aws))).toEqual([
      { key: 'student-helper-infra:bedrock_inference_regions', expected: 'a list of an AWS Region code such as ap-southeast-2', received: '["Sydney"]' },
    ]);
  });

  it('reads a real pulumi.Config bag (stack config set by the runtime)', () => {
    pulumi.runtime.setAllConfig({
      'student-helper-infra:environment': 'prod',
      'student-helper-infra:lambda_memory': '1024',
      'aws:region': 'ap-southeast-2',
    });
    const config = loadEnvironmentConfig(new pulumi.Config('student-helper-infra'));
    expect(config.environment).toBe('prod');
    expect(config.lambdaMemoryMb).toBe(1024);
    expect(config.region).toBe('ap-southeast-2');
  });
});

describe('bedrockModelArns', () => {
  it('scopes the default models to their exact ARNs', () => {
    const config = loadEnvironmentConfig(project({ environment: 'dev' }), aws);
    expect(bedrockModelArns(config, '123456789012')).toEqual({
      chat: [
        'arn:aws:bedrock:ap-southeast-2:123456789012:inference-profile/au.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'arn:aws:bedrock:ap-southeast-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
        'arn:aws:bedrock:ap-southeast-4::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      ],
      embedding: ['arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0'],
    });
  });

  it('uses the configured destination Regions for other inference profiles', () => {
    const config = loadEnvironmentConfig(
      project({ environment: 'dev', chat_model_id: 'apac.amazon.nova-pro-v1:0', bedrock_inference_regions: 'ap-southeast-1,ap-southeast-2' }),
      aws,
    );
    expect(bedrockModelArns(config, '123456789012').chat).toEqual([
      'arn:aws:bedrock:ap-southeast-2:123456789012:inference-profile/apac.amazon.nova-pro-v1:0',
      'arn:aws:bedrock:ap-southeast-1::foundation-model/amazon.nova-pro-v1:0',
      'arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.nova-pro-v1:0',
    ]);
  });
});
