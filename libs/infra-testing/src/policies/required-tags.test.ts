import { describe, expect, it } from 'vitest';
import { graphOf, node } from '../graph-builder.js';
import { runPolicies } from '../policy.js';
import { requiredTags } from './required-tags.js';

const run = (...nodes: ReturnType<typeof node>[]) => runPolicies([requiredTags], graphOf(...nodes)).map((v) => `${v.name}: ${v.message}`);
const tags = { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev', Name: 'x' };

describe('required-tags', () => {
  it('passes tagged resources, aws-native tag lists, untaggable types and components', () => {
    expect(
      run(
        node('aws:ec2/vpc:Vpc', 'vpc', { tags }, { id: 'vpc-1' }),
        node('aws-native:s3vectors:VectorBucket', 'vb', { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }, { id: 'arn:vb' }),
        node('aws:ec2/routeTableAssociation:RouteTableAssociation', 'assoc', {}, { id: 'rtbassoc-1' }),
        node('aws:iam/rolePolicy:RolePolicy', 'inline', {}, { id: 'r:p' }),
        node('student-helper:networking:Vpc', 'component'),
      ),
    ).toEqual([]);
  });

  it('reports missing and empty required tags', () => {
    expect(
      run(
        node('aws:ec2/vpc:Vpc', 'bare', {}, { id: 'vpc-1' }),
        node('aws:sqs/queue:Queue', 'partial', { tags: { Project: 'student-helper', Environment: '', Name: 'q' } }, { id: 'q' }),
      ),
    ).toEqual(['bare: Missing tags: Project, ManagedBy, Environment, Name', 'partial: Missing tags: ManagedBy, Environment']);
  });
});
