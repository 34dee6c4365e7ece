import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import { endpointServiceName, interfaceServices } from './vpc-endpoints.defaults.js';

export interface VpcEndpointsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The stack's Region: it names the services and decides whether S3 Vectors is offered. */
  readonly region: string;
  /** Route tables that get the S3 gateway endpoint (the private ones). */
  readonly routeTableIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Subnets for the interface endpoint ENIs (at most one per AZ). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Groups on the interface endpoint ENIs (the `endpoints` group). */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Create the S3 Vectors endpoint; default: whether the Region is in `S3_VECTORS_REGIONS`. */
  readonly s3VectorsEndpoint?: boolean;
  /** Replace the default interface services (`sqs`, `secretsmanager`, `bedrock-runtime`, `logs`, `ssm`, `ssmmessages`, `ec2messages`). */
  readonly interfaceServices?: readonly string[];
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Private access to AWS without a NAT: an S3 gateway endpoint on the private route tables and
 * one interface endpoint with private DNS per service.
 */
export class VpcEndpoints extends pulumi.ComponentResource {
  readonly s3GatewayEndpointId: pulumi.Output<string>;
  /** The S3 prefix list the gateway routes; use it for security-group egress. */
  readonly s3PrefixListId: pulumi.Output<string>;
  /** Interface endpoint ids by service (`sqs`, `bedrock-runtime`, …). */
  readonly interfaceEndpointIds: pulumi.Output<Record<string, string>>;
  /** The services that got an interface endpoint, in creation order. */
  readonly interfaceServices: readonly string[];

  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:networking:VpcEndpoints', name, {}, opts);
    const child = { parent: this };
    const services = interfaceServices(args.region, { s3VectorsEndpoint: args.s3VectorsEndpoint, override: args.interfaceServices });

    const s3 = new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: args.vpcId,
        serviceName: endpointServiceName(args.region, 's3'),
        vpcEndpointType: 'Gateway',
        routeTableIds: args.routeTableIds,
        tags: withName(args.tags, `${name}-s3`),
      },
      child,
    );

    const endpoints = services.map((service) => {
      const endpointName = `${name}-${service.replace(/\./g, '-')}`;
      const endpoint = new aws.ec2.VpcEndpoint(
        endpointName,
        {
          vpcId: args.vpcId,
          serviceName: endpointServiceName(args.region, service),
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: args.subnetIds,
          securityGroupIds: args.securityGroupIds,
          tags: withName(args.tags, endpointName),
        },
        child,
      );
      return [service, endpoint.id] as const;
    });

    this.s3GatewayEndpointId = s3.id;
    this.s3PrefixListId = s3.prefixListId;
    this.interfaceEndpointIds = pulumi.output(Object.fromEntries(endpoints)) as pulumi.Output<Record<string, string>>;
    this.interfaceServices = services;
    this.registerOutputs({
      s3GatewayEndpointId: this.s3GatewayEndpointId,
      s3PrefixListId: this.s3PrefixListId,
      interfaceEndpointIds: this.interfaceEndpointIds,
    });
  }
}
