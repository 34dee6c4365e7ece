/**
 * Provider functions (`aws.getAvailabilityZones`, `aws.getCallerIdentity`, …) the mocks can
 * answer. Any other token throws, so a component cannot silently depend on a lookup that
 * nobody has thought about.
 */
import { stableHex, type MockEnvironment } from './mock-context.js';

export type CallMock = (inputs: Record<string, unknown>, env: MockEnvironment) => Record<string, unknown>;

export class UnmockedCallError extends Error {
  constructor(
    readonly token: string,
    inputs: unknown,
  ) {
    super(
      `Unmocked Pulumi call '${token}' with inputs ${JSON.stringify(inputs)}. ` +
        `Add it to the call registry (setupMockHarness({ calls: { '${token}': … } })).`,
    );
    this.name = 'UnmockedCallError';
  }
}

type PolicyStatementInput = {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  notPrincipals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
};

/** Terraform's rendering: single-element lists become plain strings. */
const one = (values: string[]) => (values.length === 1 ? values[0] : values);

function principalBlock(principals: { type: string; identifiers: string[] }[]) {
  if (principals.length === 1 && principals[0]?.type === '*') return '*';
  return Object.fromEntries(principals.map((p) => [p.type, one(p.identifiers)]));
}

/** Renders `aws.iam.getPolicyDocument` statements the way the provider does. */
export function renderPolicyDocument(inputs: Record<string, unknown>): string {
  const statements = (inputs['statements'] as PolicyStatementInput[] | undefined) ?? [];
  const document = {
    Version: (inputs['version'] as string | undefined) ?? '2012-10-17',
    ...(inputs['policyId'] ? { Id: inputs['policyId'] } : {}),
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? 'Allow',
      ...(s.actions?.length ? { Action: one(s.actions) } : {}),
      ...(s.notActions?.length ? { NotAction: one(s.notActions) } : {}),
      ...(s.resources?.length ? { Resource: one(s.resources) } : {}),
      ...(s.notResources?.length ? { NotResource: one(s.notResources) } : {}),
      ...(s.principals?.length ? { Principal: principalBlock(s.principals) } : {}),
      ...(s.notPrincipals?.length ? { NotPrincipal: principalBlock(s.notPrincipals) } : {}),
      ...(s.conditions?.length
        ? {
            Condition: s.conditions.reduce<Record<string, Record<string, unknown>>>((acc, c) => {
              acc[c.test] = { ...acc[c.test], [c.variable]: one(c.values) };
              return acc;
            }, {}),
          }
        : {}),
    })),
  };
  return JSON.stringify(document, null, 2);
}

const COMPASS: Record<string, string> = { north: 'n', south: 's', east: 'e', west: 'w', central: 'c' };

/** `ap-southeast-2` → `apse2`, `us-east-1` → `use1`: the prefix of AWS zone ids. */
export function zoneIdPrefix(region: string): string {
  const [geo = '', direction = '', number = ''] = region.split('-');
  const short = direction.replace(/north|south|east|west|central/g, (word) => COMPASS[word] ?? word);
  return `${geo}${short}${number}`;
}

const AMI_PARAMETER = /^\/aws\/service\/.*(ami|canonical)/;

/** AWS-managed CloudFront policies, by name (ids are the same in every account). */
const MANAGED_CACHE_POLICIES: Record<string, string> = {
  'Managed-CachingOptimized': '658327ea-f89d-4fab-a63d-7e88639e58f6',
  'Managed-CachingDisabled': '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  'Managed-CachingOptimizedForUncompressedObjects': 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d',
};
const MANAGED_ORIGIN_REQUEST_POLICIES: Record<string, string> = {
  'Managed-AllViewer': '216adef6-5c7f-47e4-b989-5492eafa07d3',
  'Managed-AllViewerExceptHostHeader': 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  'Managed-CORS-S3Origin': '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
};
const MANAGED_RESPONSE_HEADERS_POLICIES: Record<string, string> = {
  'Managed-SecurityHeadersPolicy': '67f7725c-6f97-4210-82d7-5512b31e9d03',
  'Managed-SimpleCORS': '60669652-455b-4ae9-85a4-c4c02393f86c',
};

function byName(kind: string, table: Record<string, string>): CallMock {
  return (inputs) => {
    const name = String(inputs['name']);
    const id = table[name];
    if (!id) throw new Error(`No AWS-managed ${kind} named '${name}' in the mock table`);
    return { id, name };
  };
}

export const DEFAULT_CALLS: Readonly<Record<string, CallMock>> = {
  'aws:index/getAvailabilityZones:getAvailabilityZones': (_inputs, env) => ({
    id: env.region,
    names: ['a', 'b', 'c'].map((z) => `${env.region}${z}`),
    zoneIds: [1, 3, 2].map((n) => `${zoneIdPrefix(env.region)}-az${n}`),
    groupNames: [env.region],
    state: 'available',
  }),
  'aws:index/getRegion:getRegion': (_inputs, env) => ({
    id: env.region,
    name: env.region,
    region: env.region,
    description: `Mock Region ${env.region}`,
    endpoint: `ec2.${env.region}.amazonaws.com`,
  }),
  'aws:index/getCallerIdentity:getCallerIdentity': (_inputs, env) => ({
    id: env.accountId,
    accountId: env.accountId,
    arn: `arn:${env.partition}:iam::${env.accountId}:user/mock`,
    userId: 'AIDAMOCKMOCKMOCKMOCK',
  }),
  'aws:index/getPartition:getPartition': (_inputs, env) => ({
    id: env.partition,
    partition: env.partition,
    dnsSuffix: 'amazonaws.com',
    reverseDnsPrefix: 'com.amazonaws',
  }),
  'aws:ec2/getAmi:getAmi': (inputs) => {
    const id = `ami-0${stableHex(JSON.stringify(inputs), 16)}`;
    return { id, imageId: id, architecture: 'x86_64', rootDeviceName: '/dev/xvda', name: 'mock-ami' };
  },
  'aws:ssm/getParameter:getParameter': (inputs, env) => {
    const name = String(inputs['name']);
    if (!AMI_PARAMETER.test(name)) throw new UnmockedCallError('aws:ssm/getParameter:getParameter', inputs);
    const value = `ami-0${stableHex(name, 16)}`;
    return { id: name, name, value, insecureValue: value, type: 'String', arn: `arn:${env.partition}:ssm:${env.region}::parameter${name}` };
  },
  'aws:iam/getPolicyDocument:getPolicyDocument': (inputs) => {
    const json = renderPolicyDocument(inputs);
    return { id: stableHex(json, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
  },
  'aws:iam/getPolicy:getPolicy': (inputs, env) => {
    const name = String(inputs['name'] ?? String(inputs['arn'] ?? '').split('/').pop());
    const arn = (inputs['arn'] as string | undefined) ?? `arn:${env.partition}:iam::aws:policy/${name}`;
    return { id: arn, arn, name, policyId: `ANPA${stableHex(arn, 17).toUpperCase()}` };
  },
  'aws:ec2/getPrefixList:getPrefixList': (inputs, env) => {
    const name = String(inputs['name'] ?? `com.amazonaws.${env.region}.s3`);
    return { id: `pl-${stableHex(name, 8)}`, name, cidrBlocks: ['52.95.128.0/21', '3.5.164.0/22'] };
  },
  'aws:ec2/getManagedPrefixList:getManagedPrefixList': (inputs) => {
    const name = String(inputs['name']);
    return { id: `pl-${stableHex(name, 8)}`, name, arn: `arn:aws:ec2:::prefix-list/pl-${stableHex(name, 8)}`, addressFamily: 'IPv4', maxEntries: 55 };
  },
  'aws:ec2/getVpcEndpointService:getVpcEndpointService': (inputs, env) => {
    const service = String(inputs['service'] ?? String(inputs['serviceName'] ?? '').split('.').slice(3).join('.'));
    return {
      id: `${env.region}-${service}`,
      service,
      serviceName: `com.amazonaws.${env.region}.${service}`,
      serviceType: service === 's3' || service === 'dynamodb' ? 'Gateway' : 'Interface',
      availabilityZones: ['a', 'b', 'c'].map((z) => `${env.region}${z}`),
      privateDnsName: `${service}.${env.region}.amazonaws.com`,
    };
  },
  'aws:cloudfront/getCachePolicy:getCachePolicy': byName('cache policy', MANAGED_CACHE_POLICIES),
  'aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy': byName('origin request policy', MANAGED_ORIGIN_REQUEST_POLICIES),
  'aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy': byName('response headers policy', MANAGED_RESPONSE_HEADERS_POLICIES),
};
