/**
 * Checks for plain component args, run before any resource is created. Each throws an
 * `Error` whose message starts with the arg's name, so a bad stack value is found at once.
 */
import { LOG_RETENTION_DAYS } from './environment-config.defaults.js';

export function assertIntegerInRange(label: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${label} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

export function assertOneOf<T extends string | number>(label: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new Error(`${label} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
}

export function assertMatches(label: string, value: string, pattern: RegExp, expected: string): void {
  if (!pattern.test(value)) throw new Error(`${label} must be ${expected}, got ${JSON.stringify(value)}`);
}

/** CloudWatch Logs accepts only its fixed list of retention periods. */
export function assertLogRetentionDays(label: string, days: number): void {
  assertOneOf(label, days, LOG_RETENTION_DAYS);
}
