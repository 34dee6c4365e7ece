import * as pulumi from '@pulumi/pulumi';
import { bedrockModelArns } from '@student-helper/infra-shared';
import { ApiServerRole, AppConfigSecret, DocumentProcessorRole } from '@student-helper/security';
import type { LayerContext } from './context.js';
import type { MessagingLayer } from './messaging.js';
import type { StorageLayer } from './storage.js';

/** Log group of the API server; the compute layer creates it under this name. */
export function apiLogGroupName(ctx: LayerContext): string {
  return `/ec2/${ctx.namer.name('api')}`;
}

/**
 * Layer 3: the app-config secret and the two roles, scoped to the ARNs of the layers below
 * (decision 0013). The RDS master secret is RDS's own; the roles only reference it.
 */
export function securityLayer(ctx: LayerContext, storage: StorageLayer, messaging: MessagingLayer) {
  const { config, namer, tags, accountId } = ctx;
  const appConfig = new AppConfigSecret(namer.name('app-config'), { secretName: namer.secretName('app-config'), tags });
  const models = accountId.apply((id) => bedrockModelArns(config, id));
  const databaseSecretArn = storage.database.dbInstanceMasterUserSecretArn;
  const apiLogGroupArn = pulumi.interpolate`arn:aws:logs:${config.region}:${accountId}:log-group:${apiLogGroupName(ctx)}`;

  const apiRole = new ApiServerRole(namer.name('api-role'), {
    documentsBucketArn: storage.documents.bucketArn,
    jobQueueArn: messaging.jobs.queueArn,
    vectorIndexArn: storage.vectors.indexArn,
    secretArns: [appConfig.secretArn, databaseSecretArn],
    bedrockModelArns: models.apply((m) => [...m.chat, ...m.embedding]),
    logGroupArn: apiLogGroupArn,
    releaseArtifactsArn: pulumi.interpolate`${storage.artifacts.bucketArn}/api/*`,
    tags,
  });
  const processorRole = new DocumentProcessorRole(namer.name('processor-role'), {
    documentsBucketArn: storage.documents.bucketArn,
    jobQueueArn: messaging.jobs.queueArn,
    vectorIndexArn: storage.vectors.indexArn,
    secretArns: [databaseSecretArn],
    bedrockModelArns: models.embedding,
    tags,
  });
  return { appConfig, apiRole, processorRole };
}

export type SecurityLayer = ReturnType<typeof securityLayer>;
