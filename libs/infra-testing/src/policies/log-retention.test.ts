import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { logRetention } from './log-retention.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([logRetention], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);

describe('log-retention', () => {
  it('passes log groups with retention and functions that log into them', () => {
    expect(
      run(
        node('aws:cloudwatch/logGroup:LogGroup', 'fn-logs', { name: '/aws/lambda/processor', retentionInDays: 30 }, { id: '/aws/lambda/processor' }),
        node('aws:cloudwatch/logGroup:LogGroup', 'custom-logs', { name: '/app/processor', retentionInDays: 30 }, { id: '/app/processor' }),
        node('aws:lambda/function:Function', 'fn', { name: 'processor' }, { id: 'processor' }),
        node('aws:lambda/function:Function', 'fn2', { loggingConfig: { logFormat: 'JSON', logGroup: '/app/processor' } }, { id: 'fn2' }),
      ),
    ).toEqual([]);
  });

  it('reports log groups without retention and functions logging nowhere known', () => {
    expect(
      run(
        node('aws:cloudwatch/logGroup:LogGroup', 'forever', { name: '/x' }, { id: '/x' }),
        node('aws:lambda/function:Function', 'named', { name: 'processor' }, { id: 'processor' }),
        node('aws:lambda/function:Function', 'autonamed', {}, { id: 'autonamed-1234567' }),
      ),
    ).toEqual([
      'forever: Log group has no retention (retentionInDays)',
      "named: Lambda function logs to '/aws/lambda/processor', which is not a log group in the stack (it would never expire)",
      'autonamed: Lambda function has neither a fixed name nor loggingConfig.logGroup, so its log group cannot be created with a retention',
    ]);
  });
});
