import * as pulumi from '@pulumi/pulumi';
import type { EnvironmentConfig } from '@student-helper/infra-shared';
import { AppConfigSecret } from '@student-helper/security';
import { layerContext } from './layers/context.js';
import { messagingLayer } from './layers/messaging.js';
import { networkLayer } from './layers/network.js';

/** The stack outputs `pulumi stack output` shows (and the deploy scripts read). */
export interface StackOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly jobQueueUrl: pulumi.Output<string>;
  readonly jobQueueArn: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueArn: pulumi.Output<string>;
  readonly appConfigSecretArn: pulumi.Output<string>;
}

/**
 * The whole Student Helper stack, in layers: network, secrets, messaging. Every library gets
 * ids and ARNs from the layers below it; nothing here creates AWS resources directly.
 */
export function createStack(config: EnvironmentConfig): StackOutputs {
  const ctx = layerContext(config);
  const network = networkLayer(ctx);
  const appConfig = new AppConfigSecret(ctx.namer.name('app-config'), { secretName: ctx.namer.secretName('app-config'), tags: ctx.tags });
  const { jobs } = messagingLayer(ctx);

  return {
    vpcId: network.vpc.vpcId,
    jobQueueUrl: jobs.queueUrl,
    jobQueueArn: jobs.queueArn,
    deadLetterQueueUrl: jobs.dlqUrl,
    deadLetterQueueArn: jobs.dlqArn,
    appConfigSecretArn: appConfig.secretArn,
  };
}
