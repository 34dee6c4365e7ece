import { assertIntegerInRange, assertLogRetentionDays, assertMatches, assertOneOf } from '@student-helper/infra-shared';

/**
 * RDS PostgreSQL 16 as the seed sizes it for dev, protected by default: deletion protection
 * on, a final snapshot kept, 7 days of backups. A dev stack opts out explicitly.
 */
export const DATABASE_DEFAULTS = {
  engine: 'postgres',
  /** Major version only: RDS picks the newest minor and `autoMinorVersionUpgrade` keeps it current. */
  engineVersion: '16',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
  storageType: 'gp3',
  storageEncrypted: true,
  dbName: 'student_helper',
  username: 'postgres',
  port: 5432,
  multiAz: false,
  deletionProtection: true,
  skipFinalSnapshot: false,
  backupRetentionPeriod: 7,
  backupWindow: '03:00-04:00',
  maintenanceWindow: 'mon:04:00-mon:05:00',
  publiclyAccessible: false,
  autoMinorVersionUpgrade: true,
  copyTagsToSnapshot: true,
  applyImmediately: false,
  /** Statements slower than this (ms) are logged: the seed's slow-query log. */
  slowQueryThresholdMs: 1000,
  /**
   * The seed logs every statement (`log_statement: all`). That writes every user's questions
   * and document text into CloudWatch and costs per GB; `ddl` keeps the audit trail of schema
   * changes while the slow-query log covers performance.
   */
  logStatement: 'ddl',
  logRetentionInDays: 30,
  /** Only the PostgreSQL log is exported (it carries the slow-query and DDL lines). */
  cloudwatchLogsExports: ['postgresql'],
} as const;

export const LOG_STATEMENT_LEVELS = ['none', 'ddl', 'mod', 'all'] as const;
export type LogStatementLevel = (typeof LOG_STATEMENT_LEVELS)[number];

/** An RDS subnet group must span at least two AZs; Multi-AZ puts the standby in the second. */
export const MIN_SUBNET_COUNT = 2;

export interface DatabaseParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: 'immediate' | 'pending-reboot';
}

/** Slow-query logging, the chosen statement log level, and TLS-only connections. */
export function databaseParameters(slowQueryThresholdMs: number, logStatement: LogStatementLevel): DatabaseParameter[] {
  assertIntegerInRange('slowQueryThresholdMs', slowQueryThresholdMs, 0, 2_147_483_647);
  assertOneOf('logStatement', logStatement, LOG_STATEMENT_LEVELS);
  return [
    { name: 'log_min_duration_statement', value: String(slowQueryThresholdMs), applyMethod: 'immediate' },
    { name: 'log_statement', value: logStatement, applyMethod: 'immediate' },
    // Refuse unencrypted client connections (the database twin of the TLS-only bucket policies).
    { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
  ];
}

/** `16` or `16.4` → parameter group family `postgres16`. */
export function parameterGroupFamily(engineVersion: string): string {
  assertMatches('engineVersion', engineVersion, /^\d{2}(\.\d+)?$/, 'a PostgreSQL major version such as 16 (or major.minor such as 16.4)');
  return `postgres${engineVersion.split('.')[0]}`;
}

export function assertIdentifier(identifier: string): void {
  assertMatches(
    'identifier',
    identifier,
    /^(?!.*--)[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    '2-63 lowercase letters, digits and single hyphens, starting with a letter',
  );
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEK = 7 * 24 * 60;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Minute ranges [start, end) within a week; a range crossing the week's end is split. */
function weekRanges(start: number, end: number): [number, number][] {
  return end > start ? [[start, end]] : [[start, WEEK], [0, end]];
}

/**
 * Validates the daily backup window (`hh:mm-hh:mm`) and the weekly maintenance window
 * (`ddd:hh:mm-ddd:hh:mm`): both at least 30 minutes, the backup window at most 24 h, and not
 * overlapping on any day (RDS rejects overlapping windows at deploy time).
 */
export function assertMaintenanceWindows(backupWindow: string, maintenanceWindow: string): void {
  assertMatches('backupWindow', backupWindow, /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'a UTC window hh:mm-hh:mm such as 03:00-04:00');
  assertMatches(
    'maintenanceWindow',
    maintenanceWindow,
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    'a UTC window ddd:hh:mm-ddd:hh:mm such as mon:04:00-mon:05:00',
  );
  const [backupFrom, backupTo] = backupWindow.split('-') as [string, string];
  const backupStart = minutes(backupFrom);
  const backupLength = (minutes(backupTo) - backupStart + 24 * 60) % (24 * 60);
  if (backupLength < 30) throw new Error(`backupWindow must last at least 30 minutes, got ${backupWindow}`);

  const [maintFrom, maintTo] = maintenanceWindow.split('-') as [string, string];
  const at = (dayTime: string) => DAYS.indexOf(dayTime.slice(0, 3) as (typeof DAYS)[number]) * 24 * 60 + minutes(dayTime.slice(4));
  const maintStart = at(maintFrom);
  const maintEnd = at(maintTo);
  const maintLength = (maintEnd - maintStart + WEEK) % WEEK;
  if (maintLength < 30) throw new Error(`maintenanceWindow must last at least 30 minutes, got ${maintenanceWindow}`);

  const maintenance = weekRanges(maintStart, maintEnd);
  for (let day = 0; day < 7; day++) {
    const start = day * 24 * 60 + backupStart;
    for (const [bs, be] of weekRanges(start % WEEK, (start + backupLength) % WEEK)) {
      if (maintenance.some(([ms, me]) => bs < me && ms < be)) {
        throw new Error(`backupWindow ${backupWindow} overlaps maintenanceWindow ${maintenanceWindow}; RDS requires them apart`);
      }
    }
  }
}

export interface DatabaseSizing {
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage: number | undefined;
  readonly backupRetentionPeriod: number;
  readonly port: number;
  readonly logRetentionInDays: number;
}

export function assertDatabaseSizing(sizing: DatabaseSizing): void {
  // gp3 needs at least 20 GiB on RDS PostgreSQL.
  assertIntegerInRange('allocatedStorage', sizing.allocatedStorage, 20, 65_536);
  if (sizing.maxAllocatedStorage !== undefined) {
    assertIntegerInRange('maxAllocatedStorage', sizing.maxAllocatedStorage, sizing.allocatedStorage + 1, 65_536);
  }
  // 0 would turn automated backups off, which Multi-AZ and point-in-time recovery need.
  assertIntegerInRange('backupRetentionPeriod', sizing.backupRetentionPeriod, 1, 35);
  assertIntegerInRange('port', sizing.port, 1150, 65_535);
  assertLogRetentionDays('logRetentionInDays', sizing.logRetentionInDays);
}

export function assertDatabaseNames(dbName: string, username: string): void {
  assertMatches('dbName', dbName, /^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'a letter followed by up to 62 letters, digits or underscores');
  assertMatches('username', username, /^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'a letter followed by up to 62 letters, digits or underscores');
  if (username === 'rdsadmin') throw new Error("username must not be 'rdsadmin' (reserved by RDS)");
}
