import { inputAt } from '../graph.js';
import type { Policy } from '../policy.js';

const TYPES = ['aws:ec2/instance:Instance', 'aws:ec2/launchTemplate:LaunchTemplate'];

export const imdsv2Required: Policy = {
  name: 'imdsv2-required',
  description: 'EC2 instances and launch templates require IMDSv2 session tokens.',
  check(resource) {
    if (!TYPES.includes(resource.type)) return [];
    return inputAt(resource, 'metadataOptions.httpTokens') === 'required' ? [] : ['Instance metadata does not require IMDSv2 (metadataOptions.httpTokens)'];
  },
};
