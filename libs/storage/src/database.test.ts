import * as pulumi from '@pulumi/pulumi';
import { setupMockHarness, unwrap, runPolicies, policies, type MockHarness } from '@student-helper/infra-testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Database, type DatabaseArgs } from './database.js';
import { assertMaintenanceWindows, databaseParameters, parameterGroupFamily } from './database.defaults.js';

const devTags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev' };
const prodTags = { ...devTags, Environment: 'prod' };
const network = { subnetIds: ['subnet-data-a', 'subnet-data-b'], securityGroupIds: ['sg-database'] };
/** The seed's dev stack values (Pulumi.dev.yaml). */
const devArgs: DatabaseArgs = {
  ...network,
  identifier: 'student-helper-dev-postgres',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
  multiAz: false,
  deletionProtection: false,
  skipFinalSnapshot: true,
  backupRetentionPeriod: 1,
  tags: devTags,
};
/** The seed's prod stack values (Pulumi.prod.yaml). */
const prodArgs: DatabaseArgs = {
  ...network,
  identifier: 'student-helper-prod-postgres',
  instanceClass: 'db.t3.small',
  allocatedStorage: 50,
  multiAz: true,
  deletionProtection: true,
  skipFinalSnapshot: false,
  backupRetentionPeriod: 7,
  tags: prodTags,
};
let harness: MockHarness;

beforeAll(async () => {
  harness = await setupMockHarness({ project: 'student-helper-infra', stack: 'dev' });
});
beforeEach(() => harness.clear());

describe('Database', () => {
  it('creates exactly a subnet group, a parameter group, a log group and the instance', async () => {
    const db = new Database('postgres', devArgs);
    const children = await harness.descendantsOf(db);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:cloudwatch/logGroup:LogGroup postgres-postgresql-logs',
      'aws:rds/instance:Instance postgres',
      'aws:rds/parameterGroup:ParameterGroup postgres-params',
      'aws:rds/subnetGroup:SubnetGroup postgres-subnets',
    ]);
  });

  it('builds the dev instance from the seed values: gp3, encrypted, private, managed password, no protection', async () => {
    await harness.descendantsOf(new Database('postgres', devArgs));
    const subnetGroupName = harness.named('postgres-subnets').id;
    const parameterGroupName = harness.named('postgres-params').id;
    expect(harness.named('postgres', 'aws:rds/instance:Instance').inputs).toEqual({
      identifier: 'student-helper-dev-postgres',
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      storageType: 'gp3',
      storageEncrypted: true,
      dbName: 'student_helper',
      username: 'postgres',
      manageMasterUserPassword: true,
      port: 5432,
      dbSubnetGroupName: subnetGroupName,
      vpcSecurityGroupIds: ['sg-database'],
      parameterGroupName,
      publiclyAccessible: false,
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
      backupRetentionPeriod: 1,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'mon:04:00-mon:05:00',
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      applyImmediately: false,
      tags: { ...devTags, Name: 'postgres' },
    });
  });

  it('builds the prod instance: db.t3.small, 50 GiB, Multi-AZ, deletion protection, final snapshot, 7 days of backups', async () => {
    await harness.descendantsOf(new Database('postgres', prodArgs));
    const inputs = harness.named('postgres', 'aws:rds/instance:Instance').inputs;
    expect({
      instanceClass: inputs['instanceClass'],
      allocatedStorage: inputs['allocatedStorage'],
      multiAz: inputs['multiAz'],
      deletionProtection: inputs['deletionProtection'],
      skipFinalSnapshot: inputs['skipFinalSnapshot'],
      finalSnapshotIdentifier: inputs['finalSnapshotIdentifier'],
      backupRetentionPeriod: inputs['backupRetentionPeriod'],
    }).toEqual({
      instanceClass: 'db.t3.small',
      allocatedStorage: 50,
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'student-helper-prod-postgres-final',
      backupRetentionPeriod: 7,
    });
  });

  it('defaults to the protected settings when a stack says nothing', async () => {
    await harness.descendantsOf(new Database('postgres', { ...network, tags: devTags }));
    const inputs = harness.named('postgres', 'aws:rds/instance:Instance').inputs;
    expect(inputs['identifier']).toBe('postgres');
    expect(inputs['deletionProtection']).toBe(true);
    expect(inputs['skipFinalSnapshot']).toBe(false);
    expect(inputs['finalSnapshotIdentifier']).toBe('postgres-final');
    expect(inputs['backupRetentionPeriod']).toBe(7);
    expect(inputs['multiAz']).toBe(false);
  });

  it('spans the data subnets in the subnet group and logs slow queries, DDL and nothing else, TLS only', async () => {
    await harness.descendantsOf(new Database('postgres', devArgs));
    expect(harness.named('postgres-subnets').inputs).toEqual({
      description: 'student-helper-dev-postgres: data subnets',
      subnetIds: ['subnet-data-a', 'subnet-data-b'],
      tags: { ...devTags, Name: 'postgres-subnets' },
    });
    expect(harness.named('postgres-params').inputs).toEqual({
      family: 'postgres16',
      description: 'student-helper-dev-postgres: slow-query logging, TLS only',
      parameters: [
        { name: 'log_min_duration_statement', value: '1000', applyMethod: 'immediate' },
        { name: 'log_statement', value: 'ddl', applyMethod: 'immediate' },
        { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
      ],
      tags: { ...devTags, Name: 'postgres-params' },
    });
    expect(harness.named('postgres-postgresql-logs').inputs).toEqual({
      name: '/aws/rds/instance/student-helper-dev-postgres/postgresql',
      retentionInDays: 30,
      tags: { ...devTags, Name: 'postgres-postgresql-logs' },
    });
  });

  it('exposes endpoint, port and the RDS-managed master secret ARN', async () => {
    const db = new Database('postgres', devArgs);
    await harness.descendantsOf(db);
    const instance = harness.named('postgres', 'aws:rds/instance:Instance');
    const address = String(instance.state['address']);
    expect(address).toMatch(/^student-helper-dev-postgres\.c[0-9a-f]{11}\.ap-southeast-2\.rds\.amazonaws\.com$/);
    expect(await unwrap(db.dbInstanceAddress)).toBe(address);
    expect(await unwrap(db.dbInstanceEndpoint)).toBe(`${address}:5432`);
    expect(await unwrap(db.dbInstancePort)).toBe(5432);
    expect(await unwrap(db.dbInstanceIdentifier)).toBe('student-helper-dev-postgres');
    expect(await unwrap(db.dbInstanceArn)).toBe('arn:aws:rds:ap-southeast-2:123456789012:db:student-helper-dev-postgres');
    expect(await unwrap(db.dbInstanceName)).toBe('student_helper');
    expect(await unwrap(db.dbInstanceUsername)).toBe('postgres');
    expect(await unwrap(db.dbInstanceMasterUserSecretArn)).toBe((instance.state['masterUserSecrets'] as { secretArn: string }[])[0]?.secretArn);
    expect(await unwrap(db.dbInstanceMasterUserSecretArn)).toMatch(/^arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-/);
    expect(await unwrap(db.dbLogGroupName)).toBe('/aws/rds/instance/student-helper-dev-postgres/postgresql');
    expect(await unwrap(db.dbSubnetGroupName)).toBe(harness.named('postgres-subnets').id);
    expect(await unwrap(db.dbParameterGroupName)).toBe(harness.named('postgres-params').id);
  });

  it('takes a customer-managed key, storage autoscaling, another log level and threshold', async () => {
    const kmsKeyId = 'arn:aws:kms:ap-southeast-2:123456789012:key/abcd';
    await harness.descendantsOf(
      new Database('postgres', { ...devArgs, kmsKeyId, maxAllocatedStorage: 100, logStatement: 'mod', slowQueryThresholdMs: 250, engineVersion: '16.4' }),
    );
    const inputs = harness.named('postgres', 'aws:rds/instance:Instance').inputs;
    expect([inputs['kmsKeyId'], inputs['masterUserSecretKmsKeyId'], inputs['maxAllocatedStorage'], inputs['engineVersion']]).toEqual([kmsKeyId, kmsKeyId, 100, '16.4']);
    expect(harness.named('postgres-params').inputs['parameters']).toEqual([
      { name: 'log_min_duration_statement', value: '250', applyMethod: 'immediate' },
      { name: 'log_statement', value: 'mod', applyMethod: 'immediate' },
      { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
    ]);
  });

  it('passes the stack policies as dev and as prod (private, encrypted, protected in prod, log retention)', async () => {
    await harness.descendantsOf(new Database('postgres', devArgs));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
    harness.clear();
    await harness.descendantsOf(new Database('postgres', prodArgs));
    expect(runPolicies(policies, harness.graph())).toEqual([]);
  });

  it('fails the prod-protection policy when prod skips its protections', async () => {
    await harness.descendantsOf(new Database('postgres', { ...devArgs, tags: prodTags }));
    const findings = runPolicies(policies, harness.graph());
    expect(findings.map((f) => f.message).sort()).toEqual(
      ['Production database has no deletion protection', 'Production database is not Multi-AZ', 'Production database skips its final snapshot'].sort(),
    );
  });

  it('rejects a single data subnet (correction 3)', () => {
    expect(() => new Database('one', { ...devArgs, subnetIds: ['subnet-data-a'] })).toThrow(
      'subnetIds needs at least 2 subnets in different AZs (an RDS subnet group spans two AZs), got 1',
    );
  });

  it('takes the subnet list as an Output (as Vpc.dataSubnetIds provides it)', async () => {
    const db = new Database('postgres', { ...devArgs, subnetIds: pulumi.output(['subnet-data-a', 'subnet-data-b']) });
    await harness.descendantsOf(db);
    expect(harness.named('postgres-subnets').inputs['subnetIds']).toEqual(['subnet-data-a', 'subnet-data-b']);
  });

  it('rejects bad sizing, names and windows, naming the arg', () => {
    const bad = (args: Partial<DatabaseArgs>) => () => new Database('bad', { ...devArgs, ...args });
    expect(bad({ allocatedStorage: 10 })).toThrow('allocatedStorage must be an integer from 20 to 65536, got 10');
    expect(bad({ maxAllocatedStorage: 20 })).toThrow('maxAllocatedStorage must be an integer from 21 to 65536, got 20');
    expect(bad({ backupRetentionPeriod: 0 })).toThrow('backupRetentionPeriod must be an integer from 1 to 35, got 0');
    expect(bad({ port: 80 })).toThrow('port must be an integer from 1150 to 65535, got 80');
    expect(bad({ logRetentionInDays: 10 })).toThrow('logRetentionInDays must be one of 1, 3, 5, 7, 14, 30');
    expect(bad({ identifier: 'Student_Helper' })).toThrow(
      'identifier must be 2-63 lowercase letters, digits and single hyphens, starting with a letter, got "Student_Helper"',
    );
    expect(bad({ identifier: 'db--x' })).toThrow('identifier must be 2-63 lowercase letters');
    expect(bad({ dbName: 'student-helper' })).toThrow('dbName must be a letter followed by up to 62 letters, digits or underscores, got "student-helper"');
    expect(bad({ username: 'rdsadmin' })).toThrow("username must not be 'rdsadmin' (reserved by RDS)");
    expect(bad({ engineVersion: 'latest' })).toThrow('engineVersion must be a PostgreSQL major version such as 16 (or major.minor such as 16.4), got "latest"');
    expect(bad({ logStatement: 'everything' as 'all' })).toThrow('logStatement must be one of none, ddl, mod, all, got "everything"');
    expect(bad({ slowQueryThresholdMs: -5 })).toThrow('slowQueryThresholdMs must be an integer from 0 to 2147483647, got -5');
    expect(bad({ backupWindow: '3am' })).toThrow('backupWindow must be a UTC window hh:mm-hh:mm such as 03:00-04:00, got "3am"');
  });

  it('checks the backup and maintenance windows against each other', () => {
    expect(() => assertMaintenanceWindows('03:00-04:00', 'mon:04:00-mon:05:00')).not.toThrow();
    expect(() => assertMaintenanceWindows('03:00-04:00', 'mon:03:30-mon:04:30')).toThrow(
      'backupWindow 03:00-04:00 overlaps maintenanceWindow mon:03:30-mon:04:30; RDS requires them apart',
    );
    // A backup window crossing midnight against a maintenance window crossing the week's end.
    expect(() => assertMaintenanceWindows('23:30-00:30', 'sat:23:00-sun:01:00')).toThrow('overlaps');
    expect(() => assertMaintenanceWindows('23:30-00:30', 'sun:01:00-sun:02:00')).not.toThrow();
    expect(() => assertMaintenanceWindows('03:00-03:15', 'mon:04:00-mon:05:00')).toThrow('backupWindow must last at least 30 minutes, got 03:00-03:15');
    expect(() => assertMaintenanceWindows('03:00-04:00', 'mon:04:00-mon:04:10')).toThrow(
      'maintenanceWindow must last at least 30 minutes, got mon:04:00-mon:04:10',
    );
    expect(() => assertMaintenanceWindows('03:00-04:00', 'monday 4am')).toThrow('maintenanceWindow must be a UTC window ddd:hh:mm-ddd:hh:mm');
  });

  it('derives the parameter group family from the major version', () => {
    expect(parameterGroupFamily('16')).toBe('postgres16');
    expect(parameterGroupFamily('17.2')).toBe('postgres17');
    expect(databaseParameters(0, 'none')[0]).toEqual({ name: 'log_min_duration_statement', value: '0', applyMethod: 'immediate' });
  });
});
