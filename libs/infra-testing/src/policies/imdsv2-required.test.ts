import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { imdsv2Required } from './imdsv2-required.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([imdsv2Required], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

describe('imdsv2-required', () => {
  it('passes instances and launch templates that require tokens', () => {
    expect(
      run(
        node('aws:ec2/instance:Instance', 'api', { metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' } }, { id: 'i-1' }),
        node('aws:ec2/launchTemplate:LaunchTemplate', 'lt', { metadataOptions: { httpTokens: 'required' } }, { id: 'lt-1' }),
      ),
    ).toEqual([]);
  });

  it('reports optional tokens and missing metadata options', () => {
    expect(
      run(
        node('aws:ec2/instance:Instance', 'v1', { metadataOptions: { httpTokens: 'optional' } }, { id: 'i-1' }),
        node('aws:ec2/launchTemplate:LaunchTemplate', 'none', {}, { id: 'lt-1' }),
      ),
    ).toEqual([
      'v1: Instance metadata does not require IMDSv2 (metadataOptions.httpTokens)',
      'none: Instance metadata does not require IMDSv2 (metadataOptions.httpTokens)',
    ]);
  });
});
