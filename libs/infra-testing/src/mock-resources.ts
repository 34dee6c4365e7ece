/**
 * What the mocked provider returns for each resource type: an id and output state shaped
 * like the real provider's (ids such as `vpc-0…`, ARNs in the mock account and Region,
 * physical names generated the way Pulumi auto-naming does when none is given).
 */
import { stableAlnum, stableHex, stableUuid, type MockEnvironment } from './mock-context.js';

export interface MockResourceRequest {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

export interface MockResourceResponse {
  readonly id: string | undefined;
  readonly state: Record<string, unknown>;
}

interface Ctx extends MockResourceRequest, MockEnvironment {
  hex(length: number, salt?: string): string;
  /** Pulumi auto-naming: the logical name plus 7 random characters, unless `key` was given. */
  physicalName(key: string, options?: { maxLength?: number; lowercase?: boolean }): string;
  arn(service: string, resource: string, opts?: { region?: string; account?: string }): string;
}

type Generator = (ctx: Ctx) => { id: string; state?: Record<string, unknown> };

const ec2Arn = (ctx: Ctx, kind: string, id: string) => ctx.arn('ec2', `${kind}/${id}`);

function prefixed(prefix: string, kind?: string): Generator {
  return (ctx) => {
    const id = `${prefix}-0${ctx.hex(16)}`;
    return { id, state: kind ? { arn: ec2Arn(ctx, kind, id) } : {} };
  };
}

/** Sub-resources of a bucket (encryption, versioning, policy …) are identified by the bucket. */
const byBucket: Generator = (ctx) => ({ id: String(ctx.inputs['bucket']) });
const byQueueUrl: Generator = (ctx) => ({ id: String(ctx.inputs['queueUrl']) });

function namedArn(service: string, kind: string, options?: { maxLength?: number; lowercase?: boolean; key?: string }): Generator {
  return (ctx) => {
    const key = options?.key ?? 'name';
    const name = ctx.physicalName(key, options);
    const arn = ctx.arn(service, `${kind}${name}`);
    return { id: name, state: { [key]: name, arn } };
  };
}

const GENERATORS: Record<string, Generator> = {
  // networking
  'aws:ec2/vpc:Vpc': (ctx) => {
    const id = `vpc-0${ctx.hex(16)}`;
    return {
      id,
      state: {
        arn: ec2Arn(ctx, 'vpc', id),
        defaultSecurityGroupId: `sg-0${ctx.hex(16, 'default-sg')}`,
        defaultRouteTableId: `rtb-0${ctx.hex(16, 'main-rtb')}`,
        mainRouteTableId: `rtb-0${ctx.hex(16, 'main-rtb')}`,
        defaultNetworkAclId: `acl-0${ctx.hex(16, 'acl')}`,
        ownerId: ctx.accountId,
      },
    };
  },
  'aws:ec2/subnet:Subnet': prefixed('subnet', 'subnet'),
  'aws:ec2/internetGateway:InternetGateway': prefixed('igw', 'internet-gateway'),
  'aws:ec2/routeTable:RouteTable': prefixed('rtb', 'route-table'),
  'aws:ec2/route:Route': (ctx) => ({ id: `r-${String(ctx.inputs['routeTableId'])}${parseInt(ctx.hex(8), 16)}` }),
  'aws:ec2/routeTableAssociation:RouteTableAssociation': prefixed('rtbassoc'),
  'aws:ec2/securityGroup:SecurityGroup': (ctx) => {
    const id = `sg-0${ctx.hex(16)}`;
    return { id, state: { arn: ec2Arn(ctx, 'security-group', id), name: ctx.physicalName('name', { maxLength: 255 }), ownerId: ctx.accountId } };
  },
  'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup': prefixed('sg', 'security-group'),
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': (ctx) => {
    const id = `sgr-0${ctx.hex(16)}`;
    return { id, state: { arn: ec2Arn(ctx, 'security-group-rule', id), securityGroupRuleId: id } };
  },
  'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule': (ctx) => {
    const id = `sgr-0${ctx.hex(16)}`;
    return { id, state: { arn: ec2Arn(ctx, 'security-group-rule', id), securityGroupRuleId: id } };
  },
  'aws:ec2/vpcEndpoint:VpcEndpoint': (ctx) => {
    const id = `vpce-0${ctx.hex(16)}`;
    const service = String(ctx.inputs['serviceName'] ?? '');
    const gateway = ctx.inputs['vpcEndpointType'] === 'Gateway';
    return {
      id,
      state: {
        arn: ec2Arn(ctx, 'vpc-endpoint', id),
        state: 'available',
        ownerId: ctx.accountId,
        prefixListId: gateway ? `pl-${ctx.hex(8, 'pl')}` : undefined,
        dnsEntries: gateway
          ? []
          : [{ dnsName: `${id}-${ctx.hex(8, 'dns')}.${service.split('.').slice(3).join('.')}.${ctx.region}.vpce.amazonaws.com`, hostedZoneId: 'Z2DKVZRD3BTEBO' }],
        networkInterfaceIds: gateway ? [] : [`eni-0${ctx.hex(16, 'eni')}`],
      },
    };
  },
  'aws:ec2/instance:Instance': (ctx) => {
    const id = `i-0${ctx.hex(16)}`;
    const octet = (parseInt(ctx.hex(2, 'ip'), 16) % 250) + 4;
    const privateIp = `10.0.1.${octet}`;
    return {
      id,
      state: {
        arn: ec2Arn(ctx, 'instance', id),
        privateIp,
        privateDns: `ip-10-0-1-${octet}.${ctx.region}.compute.internal`,
        primaryNetworkInterfaceId: `eni-0${ctx.hex(16, 'eni')}`,
        instanceState: 'running',
      },
    };
  },
  'aws:ec2/launchTemplate:LaunchTemplate': (ctx) => {
    const id = `lt-0${ctx.hex(16)}`;
    return { id, state: { arn: ec2Arn(ctx, 'launch-template', id), latestVersion: 1, defaultVersion: 1 } };
  },
  // identity
  'aws:iam/role:Role': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 64 });
    const path = String(ctx.inputs['path'] ?? '/');
    return { id: name, state: { name, arn: ctx.arn('iam', `role${path}${name}`, { region: '' }), uniqueId: `AROA${ctx.hex(17).toUpperCase()}` } };
  },
  'aws:iam/instanceProfile:InstanceProfile': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 128 });
    const path = String(ctx.inputs['path'] ?? '/');
    return { id: name, state: { name, arn: ctx.arn('iam', `instance-profile${path}${name}`, { region: '' }), uniqueId: `AIPA${ctx.hex(17).toUpperCase()}` } };
  },
  'aws:iam/policy:Policy': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 128 });
    const arn = ctx.arn('iam', `policy/${name}`, { region: '' });
    return { id: arn, state: { name, arn, policyId: `ANPA${ctx.hex(17).toUpperCase()}` } };
  },
  'aws:iam/rolePolicy:RolePolicy': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 128 });
    return { id: `${String(ctx.inputs['role'])}:${name}`, state: { name } };
  },
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': (ctx) => ({ id: `${String(ctx.inputs['role'])}-${ctx.hex(26)}` }),
  // secrets and keys
  'aws:secretsmanager/secret:Secret': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 512 });
    const arn = ctx.arn('secretsmanager', `secret:${name}-${stableAlnum(ctx.name, 6)}`);
    return { id: arn, state: { name, arn } };
  },
  'aws:secretsmanager/secretVersion:SecretVersion': (ctx) => {
    const versionId = stableUuid(`${ctx.type}::${ctx.name}`);
    return { id: `${String(ctx.inputs['secretId'])}|${versionId}`, state: { versionId, arn: ctx.inputs['secretId'] } };
  },
  'aws:kms/key:Key': (ctx) => {
    const keyId = stableUuid(`${ctx.type}::${ctx.name}`);
    return { id: keyId, state: { keyId, arn: ctx.arn('kms', `key/${keyId}`) } };
  },
  // storage
  'aws:s3/bucket:Bucket': (ctx) => {
    const bucket =
      (ctx.inputs['bucket'] as string | undefined) ??
      (ctx.inputs['bucketPrefix'] ? `${String(ctx.inputs['bucketPrefix'])}${ctx.hex(26)}` : ctx.physicalName('bucket', { maxLength: 63, lowercase: true }));
    return {
      id: bucket,
      state: {
        bucket,
        arn: `arn:${ctx.partition}:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
        hostedZoneId: 'Z1WCIGYICN2BYD',
        region: ctx.region,
      },
    };
  },
  'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration': byBucket,
  'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock': byBucket,
  'aws:s3/bucketVersioning:BucketVersioning': byBucket,
  'aws:s3/bucketPolicy:BucketPolicy': byBucket,
  'aws:s3/bucketOwnershipControls:BucketOwnershipControls': byBucket,
  'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration': byBucket,
  'aws:s3/bucketCorsConfiguration:BucketCorsConfiguration': byBucket,
  'aws:s3/vectorsVectorBucket:VectorsVectorBucket': (ctx) => {
    const name = ctx.physicalName('vectorBucketName', { maxLength: 63, lowercase: true });
    const arn = ctx.arn('s3vectors', `bucket/${name}`);
    return { id: arn, state: { vectorBucketName: name, vectorBucketArn: arn } };
  },
  'aws:s3/vectorsIndex:VectorsIndex': (ctx) => {
    const bucket = String(ctx.inputs['vectorBucketName']);
    const index = String(ctx.inputs['indexName']);
    const arn = ctx.arn('s3vectors', `bucket/${bucket}/index/${index}`);
    return { id: arn, state: { indexArn: arn } };
  },
  'aws-native:s3vectors:VectorBucket': (ctx) => {
    const name = ctx.physicalName('vectorBucketName', { maxLength: 63, lowercase: true });
    const arn = ctx.arn('s3vectors', `bucket/${name}`);
    return { id: arn, state: { vectorBucketName: name, vectorBucketArn: arn } };
  },
  'aws-native:s3vectors:Index': (ctx) => {
    const bucket = String(ctx.inputs['vectorBucketName'] ?? String(ctx.inputs['vectorBucketArn'] ?? '').split('/').pop());
    const index = ctx.physicalName('indexName', { maxLength: 63, lowercase: true });
    const arn = ctx.arn('s3vectors', `bucket/${bucket}/index/${index}`);
    return { id: arn, state: { indexName: index, indexArn: arn } };
  },
  'aws:ecr/repository:Repository': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 256, lowercase: true });
    return {
      id: name,
      state: {
        name,
        arn: ctx.arn('ecr', `repository/${name}`),
        registryId: ctx.accountId,
        repositoryUrl: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
      },
    };
  },
  'aws:ecr/lifecyclePolicy:LifecyclePolicy': (ctx) => ({ id: String(ctx.inputs['repository']), state: { registryId: ctx.accountId } }),
  'aws:ecr/repositoryPolicy:RepositoryPolicy': (ctx) => ({ id: String(ctx.inputs['repository']), state: { registryId: ctx.accountId } }),
  'aws:rds/instance:Instance': (ctx) => {
    const identifier = ctx.physicalName('identifier', { maxLength: 63, lowercase: true });
    const port = (ctx.inputs['port'] as number | undefined) ?? 5432;
    const address = `${identifier}.c${stableHex(ctx.name, 11)}.${ctx.region}.rds.amazonaws.com`;
    const managed = ctx.inputs['manageMasterUserPassword'] === true;
    return {
      id: `db-${stableAlnum(ctx.name, 26)}`,
      state: {
        identifier,
        address,
        port,
        endpoint: `${address}:${port}`,
        arn: ctx.arn('rds', `db:${identifier}`),
        resourceId: `db-${stableAlnum(ctx.name, 26)}`,
        masterUserSecrets: managed
          ? [
              {
                kmsKeyId: ctx.arn('kms', `key/${stableUuid(`${ctx.name}-kms`)}`),
                secretArn: ctx.arn('secretsmanager', `secret:rds!db-${stableUuid(`${ctx.name}-secret`)}-${stableAlnum(`${ctx.name}-s`, 6)}`),
                secretStatus: 'active',
              },
            ]
          : [],
      },
    };
  },
  'aws:rds/subnetGroup:SubnetGroup': namedArn('rds', 'subgrp:', { maxLength: 255, lowercase: true }),
  'aws:rds/parameterGroup:ParameterGroup': namedArn('rds', 'pg:', { maxLength: 255, lowercase: true }),
  // messaging
  'aws:sqs/queue:Queue': (ctx) => {
    let name = ctx.physicalName('name', { maxLength: 75 });
    if (ctx.inputs['fifoQueue'] === true && !name.endsWith('.fifo')) name = `${name}.fifo`;
    const url = `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`;
    return { id: url, state: { name, url, arn: ctx.arn('sqs', name) } };
  },
  'aws:sqs/queuePolicy:QueuePolicy': byQueueUrl,
  'aws:sqs/redrivePolicy:RedrivePolicy': byQueueUrl,
  'aws:sqs/redriveAllowPolicy:RedriveAllowPolicy': byQueueUrl,
  // compute
  'aws:lambda/function:Function': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 64 });
    const arn = ctx.arn('lambda', `function:${name}`);
    return {
      id: name,
      state: {
        name,
        arn,
        qualifiedArn: `${arn}:$LATEST`,
        invokeArn: `arn:${ctx.partition}:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        version: '$LATEST',
      },
    };
  },
  'aws:lambda/eventSourceMapping:EventSourceMapping': (ctx) => {
    const uuid = stableUuid(`${ctx.type}::${ctx.name}`);
    return { id: uuid, state: { uuid, arn: ctx.arn('lambda', `event-source-mapping:${uuid}`), state: 'Enabled' } };
  },
  'aws:lambda/permission:Permission': (ctx) => ({ id: String(ctx.inputs['statementId'] ?? ctx.name) }),
  'aws:cloudwatch/logGroup:LogGroup': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 512 });
    return { id: name, state: { name, arn: ctx.arn('logs', `log-group:${name}`) } };
  },
  'aws:cloudwatch/metricAlarm:MetricAlarm': namedArn('cloudwatch', 'alarm:', { maxLength: 255 }),
  'aws:ssm/parameter:Parameter': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 1011 });
    return { id: name, state: { name, arn: ctx.arn('ssm', `parameter/${name.replace(/^\//, '')}`), version: 1 } };
  },
  'aws:ssm/document:Document': namedArn('ssm', 'document/', { maxLength: 128 }),
  'aws:ssm/association:Association': (ctx) => ({ id: stableUuid(`${ctx.type}::${ctx.name}`), state: { associationId: stableUuid(`${ctx.type}::${ctx.name}`) } }),
  // edge
  'aws:apigatewayv2/api:Api': (ctx) => {
    const id = stableHex(ctx.name, 10);
    return {
      id,
      state: {
        apiEndpoint: `https://${id}.execute-api.${ctx.region}.amazonaws.com`,
        executionArn: ctx.arn('execute-api', id),
        arn: `arn:${ctx.partition}:apigateway:${ctx.region}::/apis/${id}`,
      },
    };
  },
  'aws:apigatewayv2/vpcLink:VpcLink': (ctx) => {
    const id = stableHex(ctx.name, 6);
    return { id, state: { arn: `arn:${ctx.partition}:apigateway:${ctx.region}::/vpclinks/${id}` } };
  },
  'aws:apigatewayv2/integration:Integration': (ctx) => ({ id: stableHex(ctx.name, 7) }),
  'aws:apigatewayv2/route:Route': (ctx) => ({ id: stableHex(ctx.name, 7) }),
  'aws:apigatewayv2/stage:Stage': (ctx) => {
    const apiId = String(ctx.inputs['apiId']);
    const stage = String(ctx.inputs['name'] ?? '$default');
    const path = stage === '$default' ? '' : stage;
    return {
      id: stage,
      state: {
        arn: `arn:${ctx.partition}:apigateway:${ctx.region}::/apis/${apiId}/stages/${stage}`,
        invokeUrl: `https://${apiId}.execute-api.${ctx.region}.amazonaws.com/${path}`,
        executionArn: ctx.arn('execute-api', `${apiId}/${stage}`),
      },
    };
  },
  'aws:cloudfront/distribution:Distribution': (ctx) => {
    const id = `E${stableAlnum(ctx.name, 13)}`;
    return {
      id,
      state: {
        arn: `arn:${ctx.partition}:cloudfront::${ctx.accountId}:distribution/${id}`,
        domainName: `d${stableHex(ctx.name, 13)}.cloudfront.net`,
        hostedZoneId: 'Z2FDTNDATAQYW2',
        status: 'Deployed',
        etag: `E${stableAlnum(`${ctx.name}-etag`, 13)}`,
      },
    };
  },
  'aws:cloudfront/originAccessControl:OriginAccessControl': (ctx) => ({
    id: `E${stableAlnum(ctx.name, 13)}`,
    state: { etag: `E${stableAlnum(`${ctx.name}-etag`, 13)}` },
  }),
  'aws:cloudfront/cachePolicy:CachePolicy': (ctx) => ({ id: stableUuid(`${ctx.type}::${ctx.name}`) }),
  'aws:cloudfront/originRequestPolicy:OriginRequestPolicy': (ctx) => ({ id: stableUuid(`${ctx.type}::${ctx.name}`) }),
  'aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy': (ctx) => ({ id: stableUuid(`${ctx.type}::${ctx.name}`) }),
  'aws:cloudfront/function:Function': namedArn('cloudfront', 'function/', { maxLength: 64 }),
  // `vo_` + 22 characters, a global ARN like the distribution's.
  'aws:cloudfront/vpcOrigin:VpcOrigin': (ctx) => {
    const id = `vo_${stableAlnum(ctx.name, 22)}`;
    return {
      id,
      state: { arn: `arn:${ctx.partition}:cloudfront::${ctx.accountId}:vpcorigin/${id}`, etag: `E${stableAlnum(`${ctx.name}-etag`, 13)}` },
    };
  },
  'aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace': (ctx) => {
    const id = `ns-${ctx.hex(16)}`;
    return { id, state: { arn: ctx.arn('servicediscovery', `namespace/${id}`), hostedZone: `Z${stableAlnum(ctx.name, 13)}` } };
  },
  'aws:servicediscovery/httpNamespace:HttpNamespace': (ctx) => {
    const id = `ns-${ctx.hex(16)}`;
    return { id, state: { arn: ctx.arn('servicediscovery', `namespace/${id}`), httpName: ctx.inputs['name'] } };
  },
  'aws:servicediscovery/service:Service': (ctx) => {
    const id = `srv-${ctx.hex(16)}`;
    return { id, state: { arn: ctx.arn('servicediscovery', `service/${id}`) } };
  },
  'aws:servicediscovery/instance:Instance': (ctx) => ({ id: String(ctx.inputs['instanceId']) }),
  'aws:lb/loadBalancer:LoadBalancer': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 32 });
    const kind = ctx.inputs['loadBalancerType'] === 'network' ? 'net' : 'app';
    const arn = ctx.arn('elasticloadbalancing', `loadbalancer/${kind}/${name}/${ctx.hex(16)}`);
    return {
      id: arn,
      state: { name, arn, arnSuffix: arn.split(':loadbalancer/')[1], dnsName: `internal-${name}-${parseInt(ctx.hex(8), 16)}.${ctx.region}.elb.amazonaws.com`, zoneId: 'Z1GM3OXH4ZPM65' },
    };
  },
  'aws:lb/targetGroup:TargetGroup': (ctx) => {
    const name = ctx.physicalName('name', { maxLength: 32 });
    const arn = ctx.arn('elasticloadbalancing', `targetgroup/${name}/${ctx.hex(16)}`);
    return { id: arn, state: { name, arn, arnSuffix: arn.split(':')[5] } };
  },
  'aws:lb/listener:Listener': (ctx) => {
    const arn = ctx.arn('elasticloadbalancing', `listener/${ctx.hex(12)}/${ctx.hex(16, 'l')}`);
    return { id: arn, state: { arn } };
  },
  'aws:lb/targetGroupAttachment:TargetGroupAttachment': (ctx) => ({ id: `${String(ctx.inputs['targetGroupArn'])}-${ctx.hex(20)}` }),
  // random
  'random:index/randomId:RandomId': (ctx) => {
    const bytes = Number(ctx.inputs['byteLength'] ?? 8);
    const hex = stableHex(`${ctx.type}::${ctx.name}`, bytes * 2);
    const buf = Buffer.from(hex, 'hex');
    return {
      id: buf.toString('base64url'),
      state: { hex, b64Url: buf.toString('base64url'), b64Std: buf.toString('base64'), dec: BigInt(`0x${hex}`).toString() },
    };
  },
  'random:index/randomPassword:RandomPassword': (ctx) => ({ id: 'none', state: { result: stableAlnum(ctx.name, Number(ctx.inputs['length'] ?? 16)) } }),
  'random:index/randomString:RandomString': (ctx) => ({ id: 'none', state: { result: stableHex(ctx.name, Number(ctx.inputs['length'] ?? 16)) } }),
};

/** Resource types with a hand-written mock; anything else gets a generic id and ARN. */
export const MOCKED_RESOURCE_TYPES: readonly string[] = Object.keys(GENERATORS);

function context(request: MockResourceRequest, env: MockEnvironment): Ctx {
  const seed = `${request.type}::${request.name}`;
  return {
    ...request,
    ...env,
    hex: (length, salt = '') => stableHex(`${seed}${salt}`, length),
    physicalName(key, options = {}) {
      const given = request.inputs[key];
      if (typeof given === 'string' && given !== '') return given;
      const base = options.lowercase ? request.name.toLowerCase() : request.name;
      const suffix = `-${stableHex(seed, 7)}`;
      const max = options.maxLength ?? 255;
      return `${base.slice(0, Math.max(1, max - suffix.length))}${suffix}`;
    },
    arn(service, resource, opts = {}) {
      const region = opts.region ?? env.region;
      const account = opts.account ?? env.accountId;
      return `arn:${env.partition}:${service}:${region}:${account}:${resource}`;
    },
  };
}

/** Mocks one `newResource`: components get no id; custom resources echo inputs plus outputs. */
export function mockResource(request: MockResourceRequest & { custom?: boolean }, env: MockEnvironment): MockResourceResponse {
  if (request.custom === false) return { id: undefined, state: {} };
  const ctx = context(request, env);
  const generator = GENERATORS[request.type];
  if (generator) {
    const { id, state = {} } = generator(ctx);
    return { id, state: { ...request.inputs, ...state } };
  }
  // Generic fallback: `aws:sqs/queue:Queue` → service `sqs`, kind `queue`.
  const [, moduleAndFile = '', kind = 'resource'] = request.type.split(':');
  const service = moduleAndFile.split('/')[0] || 'unknown';
  const id = `${request.name}-${ctx.hex(8)}`;
  return { id, state: { ...request.inputs, arn: ctx.arn(service, `${kind.toLowerCase()}/${id}`) } };
}
