import * as pulumi from '@pulumi/pulumi';
import { ApiServer, DocumentProcessor } from '@student-helper/compute';
import { apiEnvironment, processorEnvironment, workloadEnvironment } from './app-environment.js';
import type { LayerContext } from './context.js';
import type { MessagingLayer } from './messaging.js';
import type { NetworkLayer } from './network.js';
import { apiLogGroupName, type SecurityLayer } from './security.js';
import { defaultProcessorImageTag } from './release-versions.js';
import type { StorageLayer } from './storage.js';

/**
 * Layer 4: the API server in the private subnet and the processor Lambda in the Lambda subnet,
 * sized per stack. Both start after their roles' policies exist.
 */
export function computeLayer(ctx: LayerContext, network: NetworkLayer, storage: StorageLayer, messaging: MessagingLayer, security: SecurityLayer) {
  const { config, namer, tags } = ctx;
  const workload = workloadEnvironment(ctx, storage, messaging);

  const api = new ApiServer(
    namer.name('api'),
    {
      subnetId: network.vpc.privateSubnetIds[0] as pulumi.Input<string>,
      vpcId: network.vpc.vpcId,
      securityGroupIds: [network.securityGroups.backendSecurityGroupId],
      instanceProfileName: security.apiRole.instanceProfileName,
      instanceType: config.ec2InstanceType,
      apiPort: config.apiPort,
      environment: apiEnvironment(ctx, workload, security.appConfig.secretArn),
      logGroupName: apiLogGroupName(ctx),
      logRetentionInDays: config.logRetentionDays,
      tags,
    },
    { dependsOn: [security.apiRole] },
  );

  const processor = new DocumentProcessor(
    namer.name('processor'),
    {
      packageType: 'Image',
      imageUri: pulumi.interpolate`${storage.images.repositoryUrl}:${config.processorImageTag ?? defaultProcessorImageTag()}`,
      functionName: namer.name('processor'),
      roleArn: security.processorRole.roleArn,
      queueArn: messaging.jobs.queueArn,
      subnetIds: network.vpc.lambdaSubnetIds,
      securityGroupIds: [network.securityGroups.lambdaSecurityGroupId],
      memorySize: config.lambdaMemoryMb,
      timeout: config.lambdaTimeoutSeconds,
      reservedConcurrentExecutions: config.lambdaReservedConcurrency,
      environment: processorEnvironment(workload, messaging, config.lambdaMemoryMb),
      logRetentionInDays: config.logRetentionDays,
      tags,
    },
    { dependsOn: [security.processorRole] },
  );
  return { api, processor };
}

export type ComputeLayer = ReturnType<typeof computeLayer>;
