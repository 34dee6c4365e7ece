import type { Policy } from '../policy.js';

const DATABASE_TYPES = ['aws:rds/instance:Instance', 'aws:rds/cluster:Cluster'];

export const prodProtection: Policy = {
  name: 'prod-protection',
  description: 'Databases tagged Environment=prod have deletion protection, Multi-AZ and a final snapshot.',
  check(resource) {
    if (!DATABASE_TYPES.includes(resource.type)) return [];
    const tags = resource.inputs['tags'] as Record<string, string> | undefined;
    if (tags?.['Environment'] !== 'prod') return [];
    const problems: string[] = [];
    if (resource.inputs['deletionProtection'] !== true) problems.push('Production database has no deletion protection');
    if (resource.type === 'aws:rds/instance:Instance' && resource.inputs['multiAz'] !== true) problems.push('Production database is not Multi-AZ');
    if (resource.inputs['skipFinalSnapshot'] !== false) problems.push('Production database skips its final snapshot');
    return problems;
  },
};
