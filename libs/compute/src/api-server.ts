import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { renderApiServerUserData, assertReleaseS3Uri } from './api-server-bootstrap.js';
import {
  AL2023_AMI_PARAMETERS,
  API_SERVER_DEFAULTS,
  assertNamespaceName,
  resolveApiServerSettings,
  type Architecture,
  type NodeMajorVersion,
} from './api-server.defaults.js';

export interface ApiServerArgs {
  /** The private API subnet (no route to the internet). */
  readonly subnetId: pulumi.Input<string>;
  /** The backend group (API port from the VPC link group only). */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Instance profile of the API role (security `ApiServerRole.instanceProfileName`). */
  readonly instanceProfileName: pulumi.Input<string>;
  /** Default `t3.micro` (dev); prod `t3.small`. Plain: it decides the AMI architecture. */
  readonly instanceType?: string;
  /** Default: inferred from the instance type (Graviton → arm64). */
  readonly architecture?: Architecture;
  /**
   * Pin an AMI. Default: the latest Amazon Linux 2023 for the architecture, resolved at the
   * first deploy and then kept (a newer AMI does not replace a running server; pass an id to roll).
   */
  readonly amiId?: pulumi.Input<string>;
  /** GiB of encrypted gp3; default 20. */
  readonly rootVolumeSizeGb?: number;
  /** Customer-managed key for the root volume; default the account's EBS key. */
  readonly rootVolumeKmsKeyId?: pulumi.Input<string>;
  /** Default 8000 (must match the backend security group rule). */
  readonly apiPort?: number;
  /** Node.js major from the AL2023 repositories; default 22. */
  readonly nodeMajorVersion?: NodeMajorVersion;
  /** Script the service runs, relative to the release root; default `apps/api/dist/main.js`. */
  readonly entrypoint?: string;
  /** Non-secret environment for the API (secret ARNs, bucket names, queue URL, model ids …). */
  readonly environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `s3://bucket/path/<version>.tar.gz` to install at first boot; later releases go through SSM. */
  readonly releaseS3Uri?: pulumi.Input<string>;
  /** Default `/ec2/<name>` (the seed's). */
  readonly logGroupName?: string;
  /** Default 30 days. */
  readonly logRetentionInDays?: number;
  /**
   * Register the instance in a Cloud Map service for the HTTP API's VPC link (decision 0009);
   * default true. Needs `vpcId`.
   */
  readonly serviceDiscovery?: boolean;
  readonly vpcId?: pulumi.Input<string>;
  /** Private DNS namespace; default `<name>.internal`. */
  readonly serviceDiscoveryNamespace?: string;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The API server: one EC2 instance in the private subnet running the Node API as a systemd
 * unit, bootstrapped without internet access (Amazon Linux 2023, decision 0018), IMDSv2 only,
 * encrypted gp3 root, logs shipped to a CloudWatch log group with retention, and registered in
 * Cloud Map so the HTTP API reaches it through a VPC link.
 */
export class ApiServer extends pulumi.ComponentResource {
  readonly instanceId: pulumi.Output<string>;
  readonly instanceArn: pulumi.Output<string>;
  readonly privateIp: pulumi.Output<string>;
  readonly privateDns: pulumi.Output<string>;
  readonly amiId: pulumi.Output<string>;
  readonly apiPort: number;
  readonly logGroupName: pulumi.Output<string>;
  readonly logGroupArn: pulumi.Output<string>;
  readonly serviceDiscoveryNamespaceId: pulumi.Output<string> | undefined;
  /** The HTTP API integration target (`HttpApi.integrationUri`). */
  readonly serviceDiscoveryServiceArn: pulumi.Output<string> | undefined;
  readonly serviceDiscoveryServiceId: pulumi.Output<string> | undefined;

  constructor(name: string, args: ApiServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:compute:ApiServer', name, {}, opts);
    const settings = resolveApiServerSettings(args);
    const logGroupName = args.logGroupName ?? `/ec2/${name}`;
    if (typeof args.releaseS3Uri === 'string') assertReleaseS3Uri(args.releaseS3Uri);
    const serviceDiscovery = args.serviceDiscovery ?? true;
    const namespace = args.serviceDiscoveryNamespace ?? `${name}.internal`;
    const vpcId = args.vpcId;
    if (serviceDiscovery && vpcId === undefined) throw new Error('vpcId is required when serviceDiscovery is on (the Cloud Map namespace lives in the VPC)');
    if (serviceDiscovery) assertNamespaceName(namespace);
    const child = { parent: this };

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: logGroupName, retentionInDays: settings.logRetentionInDays, tags: withName(args.tags, `${name}-logs`) },
      child,
    );

    const ami =
      args.amiId ?? aws.ssm.getParameterOutput({ name: AL2023_AMI_PARAMETERS[settings.architecture] }, { parent: this }).value;
    const userData = pulumi
      .all([logGroup.name, pulumi.output(args.environment ?? {}), args.releaseS3Uri])
      .apply(([group, environment, releaseS3Uri]) =>
        renderApiServerUserData({
          apiPort: settings.apiPort,
          nodeMajorVersion: settings.nodeMajorVersion,
          entrypoint: settings.entrypoint,
          logGroupName: group,
          environment,
          releaseS3Uri,
        }),
      );

    const instance = new aws.ec2.Instance(
      name,
      {
        ami,
        instanceType: settings.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: args.securityGroupIds,
        iamInstanceProfile: args.instanceProfileName,
        associatePublicIpAddress: false,
        metadataOptions: { ...API_SERVER_DEFAULTS.metadataOptions },
        rootBlockDevice: {
          volumeType: API_SERVER_DEFAULTS.rootVolumeType,
          volumeSize: settings.rootVolumeSizeGb,
          encrypted: true,
          kmsKeyId: args.rootVolumeKmsKeyId,
          deleteOnTermination: true,
          tags: withName(args.tags, `${name}-root`),
        },
        userData,
        // cloud-init runs user data once; a changed bootstrap only takes effect on a new instance.
        userDataReplaceOnChange: true,
        tags: withName(args.tags, name),
      },
      // The looked-up AMI is kept after the first deploy: a new AL2023 release must not replace the server.
      { ...child, ignoreChanges: args.amiId === undefined ? ['ami'] : [] },
    );

    let namespaceId: pulumi.Output<string> | undefined;
    let discoveryService: aws.servicediscovery.Service | undefined;
    if (serviceDiscovery && vpcId !== undefined) {
      const privateNamespace = new aws.servicediscovery.PrivateDnsNamespace(
        `${name}-namespace`,
        { name: namespace, vpc: vpcId, description: `${name}: API server discovery`, tags: withName(args.tags, `${name}-namespace`) },
        child,
      );
      discoveryService = new aws.servicediscovery.Service(
        `${name}-discovery`,
        {
          name: API_SERVER_DEFAULTS.serviceDiscoveryServiceName,
          description: `${name}: API instances for the HTTP API VPC link`,
          dnsConfig: {
            namespaceId: privateNamespace.id,
            routingPolicy: 'MULTIVALUE',
            dnsRecords: [{ type: 'A', ttl: API_SERVER_DEFAULTS.serviceDiscoveryTtlSeconds }],
          },
          forceDestroy: true,
          tags: withName(args.tags, `${name}-discovery`),
        },
        child,
      );
      new aws.servicediscovery.Instance(
        `${name}-registration`,
        {
          serviceId: discoveryService.id,
          instanceId: instance.id,
          attributes: { AWS_INSTANCE_IPV4: instance.privateIp, AWS_INSTANCE_PORT: String(settings.apiPort) },
        },
        child,
      );
      namespaceId = privateNamespace.id;
    }

    this.instanceId = instance.id;
    this.instanceArn = instance.arn;
    this.privateIp = instance.privateIp;
    this.privateDns = instance.privateDns;
    this.amiId = instance.ami;
    this.apiPort = settings.apiPort;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.serviceDiscoveryNamespaceId = namespaceId;
    this.serviceDiscoveryServiceArn = discoveryService?.arn;
    this.serviceDiscoveryServiceId = discoveryService?.id;
    this.registerOutputs({
      instanceId: this.instanceId,
      instanceArn: this.instanceArn,
      privateIp: this.privateIp,
      privateDns: this.privateDns,
      amiId: this.amiId,
      logGroupName: this.logGroupName,
      logGroupArn: this.logGroupArn,
      serviceDiscoveryNamespaceId: this.serviceDiscoveryNamespaceId,
      serviceDiscoveryServiceArn: this.serviceDiscoveryServiceArn,
      serviceDiscoveryServiceId: this.serviceDiscoveryServiceId,
    });
  }
}
