import { describe, expect, it } from 'vitest';
import { readHarnessOptions } from './harness-options.js';

describe('readHarnessOptions', () => {
  it('defaults to the local PostgreSQL, no stand-in, no pgvector', () => {
    expect(readHarnessOptions({})).toEqual({
      postgresUrl: 'postgres://postgres@127.0.0.1:5432/test',
      pgStandIn: undefined,
      pgHasPgvector: false,
    });
  });

  it('reads every variable', () => {
    expect(
      readHarnessOptions({
        TEST_DATABASE_URL: 'postgres://u:p@db:5433/x',
        TEST_DATABASE_PG_STANDIN: 'pglite-socket',
        TEST_DATABASE_PG_PGVECTOR: '1',
      }),
    ).toEqual({ postgresUrl: 'postgres://u:p@db:5433/x', pgStandIn: 'pglite-socket', pgHasPgvector: true });
  });

  it('rejects an unknown stand-in instead of ignoring it', () => {
    expect(() => readHarnessOptions({ TEST_DATABASE_PG_STANDIN: 'sqlite' })).toThrow(
      'TEST_DATABASE_PG_STANDIN must be "pglite-socket" or unset, got "sqlite".',
    );
  });

  it('rejects a pgvector flag that is not 0 or 1', () => {
    expect(() => readHarnessOptions({ TEST_DATABASE_PG_PGVECTOR: 'yes' })).toThrow(
      'TEST_DATABASE_PG_PGVECTOR must be "1" or "0", got "yes".',
    );
  });
});
