import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import {
  DATABASE_DEFAULTS,
  MIN_SUBNET_COUNT,
  assertDatabaseNames,
  assertDatabaseSizing,
  assertIdentifier,
  assertMaintenanceWindows,
  databaseParameters,
  parameterGroupFamily,
  type LogStatementLevel,
} from './database.defaults.js';

export interface DatabaseArgs {
  /** The data subnets, in at least two AZs (SPEC correction 3). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The database security group (5432 from the API and processor groups only). */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * RDS instance identifier, e.g. `student-helper-dev-postgres`; default the component name.
   * Plain: it also names the log group and the final snapshot.
   */
  readonly identifier?: string;
  /** Default `db.t3.micro` (dev); prod `db.t3.small`. */
  readonly instanceClass?: pulumi.Input<string>;
  /** GiB of gp3; default 20 (dev); prod 50. */
  readonly allocatedStorage?: number;
  /** Enables storage autoscaling up to this many GiB. */
  readonly maxAllocatedStorage?: number;
  /** PostgreSQL major (or major.minor) version; default 16. */
  readonly engineVersion?: string;
  /** Default `student_helper`. */
  readonly dbName?: string;
  /** Master user; its password is generated and kept by RDS in Secrets Manager. Default `postgres`. */
  readonly username?: string;
  readonly port?: number;
  /** Default false (dev); prod true. */
  readonly multiAz?: boolean;
  /** Default true; a dev stack turns it off. */
  readonly deletionProtection?: boolean;
  /** Default false: a final snapshot `<identifier>-final` is taken on delete. */
  readonly skipFinalSnapshot?: boolean;
  /** Days of automated backups, 1-35; default 7 (prod); dev 1. */
  readonly backupRetentionPeriod?: number;
  /** UTC `hh:mm-hh:mm`; default 03:00-04:00. */
  readonly backupWindow?: string;
  /** UTC `ddd:hh:mm-ddd:hh:mm`; default mon:04:00-mon:05:00. */
  readonly maintenanceWindow?: string;
  /** `log_min_duration_statement` in ms; default 1000. */
  readonly slowQueryThresholdMs?: number;
  /** `log_statement`; default `ddl` (see the defaults for why not the seed's `all`). */
  readonly logStatement?: LogStatementLevel;
  /** Retention of the exported PostgreSQL log; default 30 days. */
  readonly logRetentionInDays?: number;
  /** Customer-managed key for storage (and the master secret); default the account's RDS key. */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** Apply modifications now instead of in the maintenance window; default false. */
  readonly applyImmediately?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * RDS PostgreSQL 16 in private data subnets: gp3, encrypted, never public, master password
 * managed by RDS in Secrets Manager, slow-query logging exported to a log group with
 * retention, backup and maintenance windows, Multi-AZ / deletion protection / final snapshot
 * chosen per stack.
 */
export class Database extends pulumi.ComponentResource {
  readonly dbInstanceIdentifier: pulumi.Output<string>;
  readonly dbInstanceArn: pulumi.Output<string>;
  /** Host name only. */
  readonly dbInstanceAddress: pulumi.Output<string>;
  /** `host:port`. */
  readonly dbInstanceEndpoint: pulumi.Output<string>;
  readonly dbInstancePort: pulumi.Output<number>;
  readonly dbInstanceName: pulumi.Output<string>;
  readonly dbInstanceUsername: pulumi.Output<string>;
  /** The RDS-managed master secret (username + password JSON); grant `GetSecretValue` on it. */
  readonly dbInstanceMasterUserSecretArn: pulumi.Output<string>;
  readonly dbSubnetGroupName: pulumi.Output<string>;
  readonly dbParameterGroupName: pulumi.Output<string>;
  readonly dbLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:Database', name, {}, opts);
    const d = DATABASE_DEFAULTS;
    const identifier = args.identifier ?? name;
    assertIdentifier(identifier);
    const engineVersion = args.engineVersion ?? d.engineVersion;
    const family = parameterGroupFamily(engineVersion);
    const sizing = {
      allocatedStorage: args.allocatedStorage ?? d.allocatedStorage,
      maxAllocatedStorage: args.maxAllocatedStorage,
      backupRetentionPeriod: args.backupRetentionPeriod ?? d.backupRetentionPeriod,
      port: args.port ?? d.port,
      logRetentionInDays: args.logRetentionInDays ?? d.logRetentionInDays,
    };
    assertDatabaseSizing(sizing);
    const backupWindow = args.backupWindow ?? d.backupWindow;
    const maintenanceWindow = args.maintenanceWindow ?? d.maintenanceWindow;
    assertMaintenanceWindows(backupWindow, maintenanceWindow);
    const dbName = args.dbName ?? d.dbName;
    const username = args.username ?? d.username;
    assertDatabaseNames(dbName, username);
    const parameters = databaseParameters(args.slowQueryThresholdMs ?? d.slowQueryThresholdMs, args.logStatement ?? d.logStatement);
    const skipFinalSnapshot = args.skipFinalSnapshot ?? d.skipFinalSnapshot;
    // A list known now is checked now; an Output list (e.g. `Vpc.dataSubnetIds`, always two)
    // is left to RDS, which rejects a group covering one AZ (DBSubnetGroupDoesNotCoverEnoughAZs).
    if (Array.isArray(args.subnetIds)) assertSubnetCount(args.subnetIds.length);
    const child = { parent: this };

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      {
        description: `${identifier}: data subnets`,
        subnetIds: args.subnetIds,
        tags: withName(args.tags, `${name}-subnets`),
      },
      child,
    );
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-params`,
      { family, description: `${identifier}: slow-query logging, TLS only`, parameters, tags: withName(args.tags, `${name}-params`) },
      child,
    );
    // Created before the instance so RDS writes into a group that has a retention.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-postgresql-logs`,
      {
        name: `/aws/rds/instance/${identifier}/postgresql`,
        retentionInDays: sizing.logRetentionInDays,
        tags: withName(args.tags, `${name}-postgresql-logs`),
      },
      child,
    );
    const instance = new aws.rds.Instance(
      name,
      {
        identifier,
        engine: d.engine,
        engineVersion,
        instanceClass: args.instanceClass ?? d.instanceClass,
        allocatedStorage: sizing.allocatedStorage,
        maxAllocatedStorage: sizing.maxAllocatedStorage,
        storageType: d.storageType,
        storageEncrypted: d.storageEncrypted,
        kmsKeyId: args.kmsKeyId,
        dbName,
        username,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.kmsKeyId,
        port: sizing.port,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: args.securityGroupIds,
        parameterGroupName: parameterGroup.name,
        publiclyAccessible: d.publiclyAccessible,
        multiAz: args.multiAz ?? d.multiAz,
        deletionProtection: args.deletionProtection ?? d.deletionProtection,
        skipFinalSnapshot,
        finalSnapshotIdentifier: skipFinalSnapshot ? undefined : `${identifier}-final`,
        backupRetentionPeriod: sizing.backupRetentionPeriod,
        backupWindow,
        maintenanceWindow,
        autoMinorVersionUpgrade: d.autoMinorVersionUpgrade,
        copyTagsToSnapshot: d.copyTagsToSnapshot,
        enabledCloudwatchLogsExports: [...d.cloudwatchLogsExports],
        applyImmediately: args.applyImmediately ?? d.applyImmediately,
        tags: withName(args.tags, name),
      },
      { ...child, dependsOn: [logGroup] },
    );

    this.dbInstanceIdentifier = instance.identifier;
    this.dbInstanceArn = instance.arn;
    this.dbInstanceAddress = instance.address;
    this.dbInstanceEndpoint = instance.endpoint;
    this.dbInstancePort = instance.port;
    this.dbInstanceName = instance.dbName;
    this.dbInstanceUsername = instance.username;
    this.dbInstanceMasterUserSecretArn = instance.masterUserSecrets.apply((secrets) => {
      const arn = secrets[0]?.secretArn;
      if (!arn) throw new Error(`RDS instance ${identifier} reported no managed master secret`);
      return arn;
    });
    this.dbSubnetGroupName = subnetGroup.name;
    this.dbParameterGroupName = parameterGroup.name;
    this.dbLogGroupName = logGroup.name;
    this.registerOutputs({
      dbInstanceIdentifier: this.dbInstanceIdentifier,
      dbInstanceArn: this.dbInstanceArn,
      dbInstanceAddress: this.dbInstanceAddress,
      dbInstanceEndpoint: this.dbInstanceEndpoint,
      dbInstancePort: this.dbInstancePort,
      dbInstanceName: this.dbInstanceName,
      dbInstanceUsername: this.dbInstanceUsername,
      dbInstanceMasterUserSecretArn: this.dbInstanceMasterUserSecretArn,
      dbSubnetGroupName: this.dbSubnetGroupName,
      dbParameterGroupName: this.dbParameterGroupName,
      dbLogGroupName: this.dbLogGroupName,
    });
  }
}

function assertSubnetCount(count: number): void {
  if (count < MIN_SUBNET_COUNT) {
    throw new Error(`subnetIds needs at least ${MIN_SUBNET_COUNT} subnets in different AZs (an RDS subnet group spans two AZs), got ${count}`);
  }
}
