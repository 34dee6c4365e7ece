import { formatViolations, policies, ResourceGraph, runPolicies, stableHex, type RecordedResource } from '@student-helper/infra-testing';
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
  'aws:cloudfront/function:Function': 1,
  'aws:cloudfront/originAccessControl:OriginAccessControl': 1,
  'aws:cloudfront/vpcOrigin:VpcOrigin': 1,
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
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': 6,
  'random:index/randomId:RandomId': 3,
};

describe.each(['dev', 'prod'])('stack %s', (stack) => {
  const recorded = () => (stack === 'dev' ? dev : prod);

  it('has exactly the expected components and 107 resources', () => {
    expect(countByType(recorded().resources.filter((r) => !r.custom))).toEqual(EXPECTED_COMPONENTS);
    expect(countByType(recorded().resources.filter((r) => r.custom))).toEqual(EXPECTED_RESOURCES);
    expect(recorded().resources.filter((r) => r.custom)).toHaveLength(107);
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
      OCR_DPI: '200',
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

describe('edge routing', () => {
  const find = (type: string, name: string) => {
    const found = dev.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`${type} ${name} not recorded`);
    return found;
  };
  const distribution = () => find('aws:cloudfront/distribution:Distribution', 'student-helper-dev-cdn').inputs;

  it('streams the chat from the API instance through a CloudFront VPC origin on the API port', () => {
    const instance = find('aws:ec2/instance:Instance', 'student-helper-dev-api');
    const vpcOrigin = find('aws:cloudfront/vpcOrigin:VpcOrigin', 'student-helper-dev-cdn-stream');
    expect(vpcOrigin.inputs).toEqual({
      vpcOriginEndpointConfig: {
        name: 'student-helper-dev-cdn-stream',
        arn: instance.state['arn'],
        httpPort: 8000,
        httpsPort: 443,
        originProtocolPolicy: 'http-only',
        originSslProtocols: { items: ['TLSv1.2'], quantity: 1 },
      },
      tags: { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev', Name: 'student-helper-dev-cdn-stream' },
    });
    expect(instance.state['arn']).toMatch(/^arn:aws:ec2:ap-southeast-2:123456789012:instance\/i-0[0-9a-f]{16}$/);
    expect((distribution()['origins'] as Record<string, unknown>[]).map((o) => o['originId'])).toEqual(['frontend-s3', 'http-api', 'api-stream']);
    expect((distribution()['origins'] as Record<string, unknown>[])[2]).toEqual({
      originId: 'api-stream',
      domainName: instance.state['privateDns'],
      vpcOriginConfig: { vpcOriginId: vpcOrigin.id, originReadTimeout: 60, originKeepaliveTimeout: 60 },
    });
  });

  it('sends POST /api/sessions/*/chat to the VPC origin before /api/* reaches the HTTP API, both uncached', () => {
    const uncached = {
      viewerProtocolPolicy: 'https-only',
      allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
      cachedMethods: ['GET', 'HEAD'],
      compress: false,
      cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      originRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    };
    expect(distribution()['orderedCacheBehaviors']).toEqual([
      { pathPattern: '/api/sessions/*/chat', targetOriginId: 'api-stream', ...uncached },
      { pathPattern: '/api/*', targetOriginId: 'http-api', ...uncached },
    ]);
  });

  it('admits the API port from CloudFront’s origin-facing prefix list, never from a CIDR', () => {
    const rules = dev.resources.filter((r) => r.type === 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(rules.some((r) => 'cidrIpv4' in r.inputs || 'cidrIpv6' in r.inputs)).toBe(false);
    const backend = find('aws:ec2/securityGroup:SecurityGroup', 'student-helper-dev-sg-backend');
    const rule = find('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'student-helper-dev-sg-backend-from-cloudfront');
    expect(rule.inputs).toEqual({
      securityGroupId: backend.id,
      ipProtocol: 'tcp',
      fromPort: 8000,
      toPort: 8000,
      description: 'Streamed API requests from CloudFront (VPC origin)',
      prefixListId: `pl-${stableHex('com.amazonaws.global.cloudfront.origin-facing', 8)}`,
      tags: { Project: 'student-helper', ManagedBy: 'pulumi', Environment: 'dev', Name: 'student-helper-dev-sg-backend-from-cloudfront' },
    });
    expect(rules.filter((r) => r.inputs['securityGroupId'] === backend.id).map((r) => r.name).sort()).toEqual([
      'student-helper-dev-sg-backend-from-cloudfront',
      'student-helper-dev-sg-backend-from-vpc-link',
    ]);
  });

  it('lets API errors through: no custom error responses, the SPA rewrite on the static behaviour only', () => {
    const fn = find('aws:cloudfront/function:Function', 'student-helper-dev-cdn-spa-rewrite');
    expect(fn.inputs).toMatchObject({ runtime: 'cloudfront-js-2.0', publish: true });
    expect(distribution()['customErrorResponses']).toBeUndefined();
    expect((distribution()['defaultCacheBehavior'] as Record<string, unknown>)['functionAssociations']).toEqual([
      { eventType: 'viewer-request', functionArn: fn.state['arn'] },
    ]);
    expect((distribution()['orderedCacheBehaviors'] as Record<string, unknown>[]).map((b) => b['functionAssociations'])).toEqual([undefined, undefined]);
  });

  it('routes prod the same way', () => {
    const prodDistribution = prod.resources.find((r) => r.type === 'aws:cloudfront/distribution:Distribution')?.inputs;
    expect(prodDistribution?.['customErrorResponses']).toBeUndefined();
    expect((prodDistribution?.['orderedCacheBehaviors'] as Record<string, unknown>[]).map((b) => `${String(b['pathPattern'])} → ${String(b['targetOriginId'])}`)).toEqual([
      '/api/sessions/*/chat → api-stream',
      '/api/* → http-api',
    ]);
    expect(prod.resources.filter((r) => r.type === 'aws:cloudfront/vpcOrigin:VpcOrigin').map((r) => r.name)).toEqual(['student-helper-prod-cdn-stream']);
  });
});

describe('prod versus dev', () => {
  it('differs exactly in the seed’s sizing and protection fields, and the OCR resolution that follows the Lambda’s memory', () => {
    const differences = diffStacks(
      normalizeStack(dev.resources, { project: 'student-helper', environment: 'dev' }),
      normalizeStack(prod.resources, { project: 'student-helper', environment: 'prod' }),
    );
    expect(differences.map((d) => `${d.resource} ${d.path}: ${JSON.stringify(d.left)} → ${JSON.stringify(d.right)}`)).toEqual([
      'aws:ec2/instance:Instance::student-helper-<env>-api instanceType: "t3.micro" → "t3.small"',
      'aws:lambda/function:Function::student-helper-<env>-processor environment.variables.OCR_DPI: "200" → "300"',
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
