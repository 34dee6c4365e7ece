import * as pulumi from '@pulumi/pulumi';
import type { EnvironmentConfig } from '@student-helper/infra-shared';
import { computeLayer } from './layers/compute.js';
import { layerContext } from './layers/context.js';
import { edgeLayer } from './layers/edge.js';
import { messagingLayer } from './layers/messaging.js';
import { networkLayer } from './layers/network.js';
import { securityLayer } from './layers/security.js';
import { storageLayer } from './layers/storage.js';

/** The stack outputs `pulumi stack output` shows (and deploy scripts read). */
export interface StackOutputs {
  readonly siteUrl: pulumi.Output<string>;
  readonly apiUrl: pulumi.Output<string>;
  readonly distributionId: pulumi.Output<string>;
  readonly documentsBucketName: pulumi.Output<string>;
  readonly frontendBucketName: pulumi.Output<string>;
  readonly artifactsBucketName: pulumi.Output<string>;
  readonly jobQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueArn: pulumi.Output<string>;
  readonly vectorIndexArn: pulumi.Output<string>;
  readonly databaseEndpoint: pulumi.Output<string>;
  readonly databaseSecretArn: pulumi.Output<string>;
  readonly appConfigSecretArn: pulumi.Output<string>;
  readonly apiInstanceId: pulumi.Output<string>;
  readonly processorFunctionName: pulumi.Output<string>;
  readonly processorRepositoryUrl: pulumi.Output<string>;
}

/**
 * The whole Student Helper stack, layer by layer. Each library gets ids and ARNs from the
 * layers below it; nothing here creates an AWS resource directly.
 */
export function createStack(config: EnvironmentConfig): StackOutputs {
  const ctx = layerContext(config);
  const network = networkLayer(ctx);
  const storage = storageLayer(ctx, network);
  const messaging = messagingLayer(ctx);
  const security = securityLayer(ctx, storage, messaging);
  const compute = computeLayer(ctx, network, storage, messaging, security);
  const edge = edgeLayer(ctx, network, compute);

  return {
    siteUrl: pulumi.interpolate`https://${edge.cdn.distributionDomainName}`,
    apiUrl: edge.httpApi.apiEndpoint,
    distributionId: edge.cdn.distributionId,
    documentsBucketName: storage.documents.bucketName,
    frontendBucketName: edge.frontend.bucketName,
    artifactsBucketName: storage.artifacts.bucketName,
    jobQueueUrl: messaging.jobs.queueUrl,
    deadLetterQueueUrl: messaging.jobs.dlqUrl,
    deadLetterQueueArn: messaging.jobs.dlqArn,
    vectorIndexArn: storage.vectors.indexArn,
    databaseEndpoint: storage.database.dbInstanceEndpoint,
    databaseSecretArn: storage.database.dbInstanceMasterUserSecretArn,
    appConfigSecretArn: security.appConfig.secretArn,
    apiInstanceId: compute.api.instanceId,
    processorFunctionName: compute.processor.functionName,
    processorRepositoryUrl: storage.images.repositoryUrl,
  };
}
