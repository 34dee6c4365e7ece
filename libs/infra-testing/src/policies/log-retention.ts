import type { GraphResource, ResourceGraph } from '../graph.js';
import type { Policy } from '../policy.js';

function lambdaLogGroup(resource: GraphResource, graph: ResourceGraph): string[] {
  const configured = (resource.inputs['loggingConfig'] as { logGroup?: string } | undefined)?.logGroup;
  const expected = configured ?? (typeof resource.inputs['name'] === 'string' ? `/aws/lambda/${resource.inputs['name']}` : undefined);
  if (!expected) {
    return ['Lambda function has neither a fixed name nor loggingConfig.logGroup, so its log group cannot be created with a retention'];
  }
  const found = graph.ofType('aws:cloudwatch/logGroup:LogGroup').some((g) => g.inputs['name'] === expected);
  return found ? [] : [`Lambda function logs to '${expected}', which is not a log group in the stack (it would never expire)`];
}

export const logRetention: Policy = {
  name: 'log-retention',
  description: 'Every log group sets a retention, and every Lambda function writes to such a log group.',
  check(resource, graph) {
    if (resource.type === 'aws:cloudwatch/logGroup:LogGroup') {
      const days = resource.inputs['retentionInDays'];
      return typeof days === 'number' && days > 0 ? [] : ['Log group has no retention (retentionInDays)'];
    }
    if (resource.type === 'aws:lambda/function:Function') return lambdaLogGroup(resource, graph);
    return [];
  },
};
