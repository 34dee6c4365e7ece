import { randomUUID } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can be compared with a `uuid` column. Lookups by an id that is not a UUID
 * answer "not found" instead of letting Postgres fail the query with `invalid input syntax`.
 */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** A new random id (UUID v4) for a row. */
export function newId(): string {
  return randomUUID();
}

/** Throws when an id the caller chose is not a UUID (a programming error, not a lookup miss). */
export function assertUuid(value: string, what: string): void {
  if (!isUuid(value)) throw new TypeError(`${what} must be a UUID, got "${value}".`);
}
