import { formatViolations, policies, ResourceGraph, runPolicies, type RecordedResource } from '@student-helper/infra-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphEntries, recordStack, type RecordedStack } from '../src/graph/record-stack.js';
import { diffStacks, normalizeStack } from '../src/graph/stack-diff.js';

let dev: RecordedStack;
let prod: RecordedStack;

beforeAll(async () => {
  dev = await recordStack('dev');
  prod = await recordStack('prod');
});

function countByType(resources: readonly RecordedResource[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const EXPECTED_COMPONENTS = {
  'student-helper:compute:ApiServer': 1,
  'student-helper:compute:DocumentProcessor': 1,
  'student-helper:edge:Cdn': 1,
  'student-helper:edge:HttpApi': 1,
  'student-helper:messaging:JobQueue': 1,
  'student-helper:networking:SecurityGroups': 1,
  'student-helper:networking:Vpc': 1,
  'student-helper:networking:VpcEndpoints': 1,
  'student-helper:security:ApiServerRole': 1,
  'student-helper:security:AppConfigSecret': 1,
  'student-helper:security:DocumentProcessorRole': 1,
  'student-helper:storage:ContainerRepository': 1,
  'student-helper:storage:Database': 1,
  'student-helper:storage:DocumentsBucket': 2,
  'student-helper:storage:FrontendBucket': 1,
  'student-helper:storage:VectorStore': 1,
};

const EXPECTED_RESOURCES = {
  'aws-native:s3vectors:Index': 1,
  'aws-native:s3vectors:VectorBucket': 1,
  'aws:apigatewayv2/api:Api': 1,
  'aws:apigatewayv2/integration:Integration': 1,
  'aws:apigatewayv2/route:Route': 1,
  'aws:apigatewayv2/stage:Stage': 1,
  'aws:apigatewayv2/vpcLink:VpcLink': 1,
  'aws:cloudfront/cachePolicy:CachePolicy': 1,
  'aws:cloudfront/distribution:Distribution': 1,
  'aws:cloudfront/originAccessControl:OriginAccessControl': 1,
  'aws:cloudwatch/logGroup:LogGroup': 4,
  'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup': 1,
  'aws:ec2/instance:Instance': 1,
  'aws:ec2/internetGateway:InternetGateway': 1,
  'aws:ec2/route:Route': 1,
  'aws:ec2/routeTable:RouteTable': 2,
  'aws:ec2/routeTableAssociation:RouteTableAssociation': 5,
  'aws:ec2/securityGroup:SecurityGroup': 5,
  'aws:ec2/subnet:Subnet': 5,
  'aws:ec2/vpc:Vpc': 1,
  'aws:ec2/vpcEndpoint:VpcEndpoint': 9,
  'aws:ecr/lifecyclePolicy:LifecyclePolicy': 1,
  'aws:ecr/repository:Repository': 1,
  'aws:ecr/repositoryPolicy:RepositoryPolicy': 1,
  'aws:iam/instanceProfile:InstanceProfile': 1,
  'aws:iam/role:Role': 2,
  'aws:iam/rolePolicy:RolePolicy': 2,
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 2,
  'aws:lambda/eventSourceMapping:EventSourceMapping': 1,
  'aws:lambda/function:Function': 1,
  'aws:rds/instance:Instance': 1,
  'aws:rds/parameterGroup:ParameterGroup': 1,
  'aws:rds/subnetGroup:SubnetGroup': 1,
  'aws:s3/bucket:Bucket': 3,
  'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration': 2,
  'aws:s3/bucketOwnershipControls:BucketOwnershipControls': 3,
  'aws:s3/bucketPolicy:BucketPolicy': 3,
  'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock': 3,
  'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration': 3,
  'aws:s3/bucketVersioning:BucketVersioning': 2,
  'aws:secretsmanager/secret:Secret': 1,
  'aws:secretsmanager/secretVersion:SecretVersion': 1,
  'aws:servicediscovery/instance:Instance': 1,
  'aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace': 1,
  'aws:servicediscovery/service:Service': 1,
  'aws:sqs/queue:Queue': 2,
  'aws:sqs/queuePolicy:QueuePolicy': 2,
  'aws:sqs/redriveAllowPolicy:RedriveAllowPolicy': 1,
  'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule': 7,
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': 5,
  'random:index/randomId:RandomId': 3,
};

describe.each(['dev', 'prod'])('stack %s', (stack) => {
  const recorded = () => (stack === 'dev' ? dev : prod);

  it('has exactly the expected components and 104 resources', () => {
    expect(countByType(recorded().resources.filter((r) => !r.custom))).toEqual(EXPECTED_COMPONENTS);
    expect(countByType(recorded().resources.filter((r) => r.custom))).toEqual(EXPECTED_RESOURCES);
    expect(recorded().resources.filter((r) => r.custom)).toHaveLength(104);
  });

  it('passes every policy', () => {
    const violations = runPolicies(policies, new ResourceGraph(recorded().resources));
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('writes a graph file of { type, name, parent, inputs } that the policies can read back', () => {
    const entries = JSON.parse(JSON.stringify(graphEntries(recorded().resources))) as ReturnType<typeof graphEntries>;
    expect(entries).toHaveLength(recorded().resources.length);
    const urns = new Set(entries.map((e) => e.urn));
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['type', 'name', 'parent', 'inputs', 'urn', 'id']);
      if (e.parent !== null) expect(urns.has(e.parent)).toBe(true);
    }
    const graph = new ResourceGraph(entries.map((e) => ({ ...e, parent: e.parent ?? undefined, id: e.id ?? undefined })));
    expect(runPolicies(policies, graph)).toEqual([]);
  });

  it('names every component and resource {project}-{env}-…', () => {
    const offenders = recorded().resources.filter((r) => !r.name.startsWith(`student-helper-${stack}-`));
    expect(offenders.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  });

  it('parents every AWS resource to a component except the three bucket-name suffixes', () => {
    const loose = recorded().resources.filter((r) => r.custom && !r.parent);
    expect(loose.map((r) => r.name).sort()).toEqual(
      ['artifacts', 'documents', 'frontend'].map((b) => `student-helper-${stack}-${b}-suffix`),
    );
  });

  it('exports the site, API, buckets, queues, index and database endpoint', () => {
    const o = recorded().outputs;
    expect(Object.keys(o).sort()).toEqual(
      [
        'apiInstanceId',
        'apiUrl',
        'appConfigSecretArn',
        'artifactsBucketName',
        'databaseEndpoint',
        'databaseSecretArn',
        'deadLetterQueueArn',
        'deadLetterQueueUrl',
        'distributionId',
        'documentsBucketName',
        'frontendBucketName',
        'jobQueueUrl',
        'processorFunctionName',
        'processorRepositoryUrl',
        'siteUrl',
        'vectorIndexArn',
      ].sort(),
    );
    expect(o['siteUrl']).toMatch(/^https:\/\/d[0-9a-f]{13}\.cloudfront\.net$/);
    expect(o['apiUrl']).toMatch(/^https:\/\/[0-9a-f]{10}\.execute-api\.ap-southeast-2\.amazonaws\.com$/);
    expect(o['documentsBucketName']).toMatch(new RegExp(`^student-helper-${stack}-documents-[0-9a-f]{8}$`));
    expect(o['frontendBucketName']).toMatch(new RegExp(`^student-helper-${stack}-frontend-[0-9a-f]{8}$`));
    expect(o['jobQueueUrl']).toMatch(new RegExp(`^https://sqs\\.ap-southeast-2\\.amazonaws\\.com/123456789012/student-helper-${stack}-jobs-[0-9a-f]{7}$`));
    expect(o['vectorIndexArn']).toBe(`arn:aws:s3vectors:ap-southeast-2:123456789012:bucket/student-helper-${stack}-vectors/index/documents`);
    expect(o['databaseEndpoint']).toMatch(new RegExp(`^student-helper-${stack}-postgres\\.c[0-9a-f]{11}\\.ap-southeast-2\\.rds\\.amazonaws\\.com:5432$`));
  });
});

describe('wiring', () => {
  const find = (stack: RecordedStack, type: string, name: string) => {
    const found = stack.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`${type} ${name} not recorded`);
    return found;
  };

  it('sizes the index from the embedding model and the queue from the Lambda timeout', () => {
    expect(find(dev, 'aws-native:s3vectors:Index', 'student-helper-dev-vectors-index').inputs).toMatchObject({
      indexName: 'documents',
      dimension: 1024,
      dataType: 'float32',
      distanceMetric: 'cosine',
      metadataConfiguration: { nonFilterableMetadataKeys: ['text_content'] },
    });
    expect(find(dev, 'aws:sqs/queue:Queue', 'student-helper-dev-jobs').inputs['visibilityTimeoutSeconds']).toBe(1800);
    expect(find(dev, 'aws:lambda/function:Function', 'student-helper-dev-processor').inputs['timeout']).toBe(300);
  });

  it('puts the database in both data subnets and the API and endpoints in the API subnet', () => {
    const subnetId = (name: string) => find(dev, 'aws:ec2/subnet:Subnet', `student-helper-dev-network-${name}`).id;
    expect(find(dev, 'aws:rds/subnetGroup:SubnetGroup', 'student-helper-dev-postgres-subnets').inputs['subnetIds']).toEqual([subnetId('data-a'), subnetId('data-b')]);
    expect(find(dev, 'aws:ec2/instance:Instance', 'student-helper-dev-api').inputs['subnetId']).toBe(subnetId('private'));
    expect(find(dev, 'aws:ec2/vpcEndpoint:VpcEndpoint', 'student-helper-dev-endpoints-sqs').inputs['subnetIds']).toEqual([subnetId('private')]);
    expect(find(dev, 'aws:lambda/function:Function', 'student-helper-dev-processor').inputs['vpcConfig']).toMatchObject({ subnetIds: [subnetId('lambda')] });
  });

  it('grants the API role exactly the stack’s own ARNs, including the RDS-managed secret', () => {
    const policy = JSON.parse(String(find(dev, 'aws:iam/rolePolicy:RolePolicy', 'student-helper-dev-api-role-access').inputs['policy'])) as {
      Statement: { Sid: string; Resource: string | string[] }[];
    };
    const resources = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s.Resource]));
    const rds = find(dev, 'aws:rds/instance:Instance', 'student-helper-dev-postgres');
    const secret = find(dev, 'aws:secretsmanager/secret:Secret', 'student-helper-dev-app-config');
    expect(resources['ReadSecrets']).toEqual([secret.state['arn'], (rds.state['masterUserSecrets'] as { secretArn: string }[])[0]?.secretArn]);
    expect(resources['SearchVectors']).toBe(dev.outputs['vectorIndexArn']);
    expect(resources['InvokeModels']).toEqual([
      'arn:aws:bedrock:ap-southeast-2:123456789012:inference-profile/au.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'arn:aws:bedrock:ap-southeast-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      'arn:aws:bedrock:ap-southeast-4::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      'arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0',
    ]);
    expect(resources['WriteLogs']).toEqual([
      'arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/student-helper-dev-api',
      'arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/student-helper-dev-api:*',
    ]);
    expect(find(dev, 'aws:cloudwatch/logGroup:LogGroup', 'student-helper-dev-api-logs').state['arn']).toBe(
      'arn:aws:logs:ap-southeast-2:123456789012:log-group:/ec2/student-helper-dev-api',
    );
  });

  it('gives the processor the variables the runtime config reads, pointing at this stack', () => {
    const fn = find(dev, 'aws:lambda/function:Function', 'student-helper-dev-processor');
    const rds = find(dev, 'aws:rds/instance:Instance', 'student-helper-dev-postgres');
    expect((fn.inputs['environment'] as { variables: Record<string, string> }).variables).toEqual({
      BLOB_STORE: 's3',
      DOCUMENTS_BUCKET: dev.outputs['documentsBucketName'],
      VECTOR_STORE: 's3vectors',
      S3_VECTORS_BUCKET: 'student-helper-dev-vectors',
      S3_VECTORS_INDEX: 'documents',
      EMBEDDINGS_PROVIDER: 'bedrock',
      BEDROCK_EMBEDDINGS_MODEL_ID: 'amazon.titan-embed-text-v2:0',
      EMBEDDINGS_DIMENSIONS: '1024',
      QUEUE: 'sqs',
      SQS_QUEUE_URL: dev.outputs['jobQueueUrl'],
      QUEUE_MAX_RECEIVE_COUNT: '5',
      DATABASE_SECRET_ARN: dev.outputs['databaseSecretArn'],
      DATABASE_HOST: rds.state['address'],
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'student_helper',
    });
  });

  it('writes the API environment file with the chat model, Region and proxy trust', () => {
    const userData = String(find(dev, 'aws:ec2/instance:Instance', 'student-helper-dev-api').inputs['userData']);
    for (const line of [
      'AWS_REGION="ap-southeast-2"',
      'CHAT_PROVIDER="bedrock"',
      'BEDROCK_CHAT_MODEL_ID="au.anthropic.claude-sonnet-4-5-20250929-v1:0"',
      'TRUST_PROXY="true"',
      `SQS_QUEUE_URL="${String(dev.outputs['jobQueueUrl'])}"`,
      `APP_CONFIG_SECRET_ARN="${String(dev.outputs['appConfigSecretArn'])}"`,
    ]) {
      expect(userData).toContain(`\n${line}\n`);
    }
  });

  it('runs the processor image tagged with the processor version', () => {
    const fn = find(dev, 'aws:lambda/function:Function', 'student-helper-dev-processor');
    expect(fn.inputs['imageUri']).toBe(`${String(dev.outputs['processorRepositoryUrl'])}:0.1.0`);
  });

  it('lets CloudFront read the frontend bucket only as this distribution', () => {
    const policy = JSON.parse(String(find(dev, 'aws:s3/bucketPolicy:BucketPolicy', 'student-helper-dev-frontend-policy').inputs['policy'])) as {
      Statement: { Principal?: unknown; Condition?: Record<string, Record<string, string>> }[];
    };
    const distribution = find(dev, 'aws:cloudfront/distribution:Distribution', 'student-helper-dev-cdn');
    const read = policy.Statement.find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }));
    expect(read?.Condition).toEqual({ StringEquals: { 'AWS:SourceArn': distribution.state['arn'] } });
  });
});

describe('prod versus dev', () => {
  it('differs exactly in the seed’s sizing and protection fields', () => {
    const differences = diffStacks(
      normalizeStack(dev.resources, { project: 'student-helper', environment: 'dev' }),
      normalizeStack(prod.resources, { project: 'student-helper', environment: 'prod' }),
    );
    expect(differences.map((d) => `${d.resource} ${d.path}: ${JSON.stringify(d.left)} → ${JSON.stringify(d.right)}`)).toEqual([
      'aws:ec2/instance:Instance::student-helper-<env>-api instanceType: "t3.micro" → "t3.small"',
      'aws:lambda/function:Function::student-helper-<env>-processor memorySize: 512 → 1024',
      'aws:rds/instance:Instance::student-helper-<env>-postgres allocatedStorage: 20 → 50',
      'aws:rds/instance:Instance::student-helper-<env>-postgres backupRetentionPeriod: 1 → 7',
      'aws:rds/instance:Instance::student-helper-<env>-postgres deletionProtection: false → true',
      'aws:rds/instance:Instance::student-helper-<env>-postgres finalSnapshotIdentifier: undefined → "student-helper-<env>-postgres-final"',
      'aws:rds/instance:Instance::student-helper-<env>-postgres instanceClass: "db.t3.micro" → "db.t3.small"',
      'aws:rds/instance:Instance::student-helper-<env>-postgres multiAz: false → true',
      'aws:rds/instance:Instance::student-helper-<env>-postgres skipFinalSnapshot: true → false',
    ]);
  });
});
