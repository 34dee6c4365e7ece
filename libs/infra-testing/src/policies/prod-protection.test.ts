import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { prodProtection } from './prod-protection.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([prodProtection], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

describe('prod-protection', () => {
  it('passes a protected prod database and ignores dev', () => {
    expect(
      run(
        node('aws:rds/instance:Instance', 'prod', { tags: { Environment: 'prod' }, deletionProtection: true, multiAz: true, skipFinalSnapshot: false }, { id: 'a' }),
        node('aws:rds/instance:Instance', 'dev', { tags: { Environment: 'dev' }, deletionProtection: false, multiAz: false, skipFinalSnapshot: true }, { id: 'b' }),
      ),
    ).toEqual([]);
  });

  it('reports each missing protection in prod', () => {
    expect(run(node('aws:rds/instance:Instance', 'prod', { tags: { Environment: 'prod' }, skipFinalSnapshot: true }, { id: 'a' }))).toEqual([
      'prod: Production database has no deletion protection',
      'prod: Production database is not Multi-AZ',
      'prod: Production database skips its final snapshot',
    ]);
  });
});
