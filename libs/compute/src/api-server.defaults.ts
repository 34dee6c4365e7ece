import { assertIntegerInRange, assertLogRetentionDays, assertMatches, assertOneOf } from '@student-helper/infra-shared';

/**
 * The API instance (decision 0018): Amazon Linux 2023 — its package repositories are S3
 * buckets, reachable through the S3 gateway endpoint without a NAT — IMDSv2 only, an encrypted
 * 20 GiB gp3 root volume, and a Node.js runtime from the AL2023 repositories.
 */
export const API_SERVER_DEFAULTS = {
  instanceType: 't3.micro',
  rootVolumeSizeGb: 20,
  rootVolumeType: 'gp3',
  apiPort: 8000,
  nodeMajorVersion: 22,
  /** Relative to the unpacked release. */
  entrypoint: 'apps/api/dist/main.js',
  logRetentionInDays: 30,
  metadataOptions: {
    httpEndpoint: 'enabled',
    /** IMDSv2 only: every metadata read needs a session token (SSRF protection). */
    httpTokens: 'required',
    /** One hop: no container on the host can reach the instance credentials. */
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: 'disabled',
  },
  serviceDiscoveryServiceName: 'api',
  /** Cloud Map A-record TTL; short, so a replaced instance is found quickly. */
  serviceDiscoveryTtlSeconds: 10,
} as const;

/** AL2023 AMIs published by AWS as public SSM parameters, one per architecture. */
export const AL2023_AMI_PARAMETERS = {
  x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
} as const;

export type Architecture = keyof typeof AL2023_AMI_PARAMETERS;

/** Node.js majors AL2023 packages (`nodejs20`, `nodejs22`, `nodejs24`). */
export const NODE_MAJOR_VERSIONS = [20, 22, 24] as const;
export type NodeMajorVersion = (typeof NODE_MAJOR_VERSIONS)[number];

/**
 * Graviton families carry a `g` among the attribute letters after the generation number:
 * `t4g`, `m7g`, `c6gn`, `r8gd` → arm64; `t3`, `m6i`, `g5` → x86_64.
 */
export function architectureOf(instanceType: string): Architecture {
  assertMatches('instanceType', instanceType, /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as t3.micro');
  const family = instanceType.split('.')[0] as string;
  const attributes = /^[a-z]+\d+([a-z-]*)$/.exec(family)?.[1] ?? '';
  return attributes.includes('g') ? 'arm64' : 'x86_64';
}

export interface ApiServerSettings {
  readonly instanceType: string;
  readonly architecture: Architecture;
  readonly rootVolumeSizeGb: number;
  readonly apiPort: number;
  readonly nodeMajorVersion: NodeMajorVersion;
  readonly entrypoint: string;
  readonly logRetentionInDays: number;
}

export function resolveApiServerSettings(args: {
  instanceType?: string;
  architecture?: Architecture;
  rootVolumeSizeGb?: number;
  apiPort?: number;
  nodeMajorVersion?: NodeMajorVersion;
  entrypoint?: string;
  logRetentionInDays?: number;
}): ApiServerSettings {
  const d = API_SERVER_DEFAULTS;
  const instanceType = args.instanceType ?? d.instanceType;
  const inferred = architectureOf(instanceType);
  const architecture = args.architecture ?? inferred;
  assertOneOf('architecture', architecture, Object.keys(AL2023_AMI_PARAMETERS) as Architecture[]);
  if (architecture !== inferred) {
    throw new Error(`architecture ${architecture} does not match instanceType ${instanceType} (${inferred})`);
  }
  const rootVolumeSizeGb = args.rootVolumeSizeGb ?? d.rootVolumeSizeGb;
  // The AL2023 AMI's snapshot is 8 GiB; gp3 volumes go up to 16 TiB.
  assertIntegerInRange('rootVolumeSizeGb', rootVolumeSizeGb, 8, 16_384);
  const apiPort = args.apiPort ?? d.apiPort;
  assertIntegerInRange('apiPort', apiPort, 1024, 65_535);
  const nodeMajorVersion = args.nodeMajorVersion ?? d.nodeMajorVersion;
  assertOneOf('nodeMajorVersion', nodeMajorVersion, NODE_MAJOR_VERSIONS);
  const entrypoint = args.entrypoint ?? d.entrypoint;
  assertMatches('entrypoint', entrypoint, /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+\.(c|m)?js$/, 'a relative path to a .js file inside the release');
  const logRetentionInDays = args.logRetentionInDays ?? d.logRetentionInDays;
  assertLogRetentionDays('logRetentionInDays', logRetentionInDays);
  return { instanceType, architecture, rootVolumeSizeGb, apiPort, nodeMajorVersion, entrypoint, logRetentionInDays };
}

/** A Cloud Map private DNS namespace name: DNS labels, lowercase. */
export function assertNamespaceName(namespace: string): void {
  assertMatches(
    'serviceDiscoveryNamespace',
    namespace,
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a lowercase DNS name such as student-helper-dev-api.internal',
  );
}
