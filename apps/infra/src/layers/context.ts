import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { ResourceNamer, baseTags, type EnvironmentConfig, type Tags } from '@student-helper/infra-shared';

/** What every layer needs: the stack's config, its namer and the tags every resource carries. */
export interface LayerContext {
  readonly config: EnvironmentConfig;
  readonly namer: ResourceNamer;
  readonly tags: Tags;
  /** The deploying account, for ARNs the libraries cannot derive (Bedrock inference profiles). */
  readonly accountId: pulumi.Output<string>;
}

export function layerContext(config: EnvironmentConfig): LayerContext {
  return {
    config,
    namer: new ResourceNamer(config.project, config.environment),
    tags: baseTags(config),
    accountId: aws.getCallerIdentityOutput().accountId,
  };
}
