import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import {
  CONTAINER_REPOSITORY_DEFAULTS,
  assertFunctionNamePrefix,
  lambdaPullPolicy,
  lifecyclePolicy,
  type ImageTagMutability,
} from './container-repository.defaults.js';

export interface ContainerRepositoryArgs {
  /** Lowercase repository name, e.g. `student-helper-dev-processor`; default auto-named from `name`. */
  readonly repositoryName?: pulumi.Input<string>;
  /** Default `IMMUTABLE` (see the defaults for why). */
  readonly imageTagMutability?: ImageTagMutability;
  /** Images kept; older ones expire. Default 5. */
  readonly maxImageCount?: number;
  /** Add the repository policy that lets Lambda pull; default true. */
  readonly lambdaPullAccess?: boolean;
  /**
   * Only functions whose name starts with this may pull (e.g. `student-helper-dev-`); default
   * `''`, every function of the account in the repository's Region.
   */
  readonly lambdaFunctionNamePrefix?: string;
  /** KMS encryption with this key; default AES256. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Let `pulumi destroy` delete a repository that still holds images; default false. */
  readonly forceDelete?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * ECR repository for the processor's container image: scanned on push, encrypted, immutable
 * tags, the last 5 images kept, and pullable by Lambda functions of this account only.
 */
export class ContainerRepository extends pulumi.ComponentResource {
  readonly repositoryName: pulumi.Output<string>;
  readonly repositoryArn: pulumi.Output<string>;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: tag it and pass `imageUri` to the processor. */
  readonly repositoryUrl: pulumi.Output<string>;
  readonly registryId: pulumi.Output<string>;

  constructor(name: string, args: ContainerRepositoryArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:ContainerRepository', name, {}, opts);
    const policy = lifecyclePolicy(args.maxImageCount ?? CONTAINER_REPOSITORY_DEFAULTS.maxImageCount);
    const prefix = args.lambdaFunctionNamePrefix ?? '';
    assertFunctionNamePrefix(prefix);
    const child = { parent: this };

    const encryptionConfigurations =
      args.kmsKeyArn === undefined
        ? [{ encryptionType: CONTAINER_REPOSITORY_DEFAULTS.encryptionType }]
        : [{ encryptionType: 'KMS', kmsKey: args.kmsKeyArn }];
    // ECR names must be lowercase, and auto-naming derives the physical name from the logical one (as awsx does).
    const repository = new aws.ecr.Repository(
      name.toLowerCase(),
      {
        name: args.repositoryName,
        imageTagMutability: args.imageTagMutability ?? CONTAINER_REPOSITORY_DEFAULTS.imageTagMutability,
        imageScanningConfiguration: { scanOnPush: CONTAINER_REPOSITORY_DEFAULTS.scanOnPush },
        encryptionConfigurations,
        forceDelete: args.forceDelete ?? CONTAINER_REPOSITORY_DEFAULTS.forceDelete,
        tags: withName(args.tags, name),
      },
      child,
    );
    new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, { repository: repository.name, policy }, child);
    if (args.lambdaPullAccess ?? true) {
      new aws.ecr.RepositoryPolicy(
        `${name}-lambda-pull`,
        { repository: repository.name, policy: repository.arn.apply((arn) => lambdaPullPolicy(arn, prefix)) },
        child,
      );
    }

    this.repositoryName = repository.name;
    this.repositoryArn = repository.arn;
    this.repositoryUrl = repository.repositoryUrl;
    this.registryId = repository.registryId;
    this.registerOutputs({
      repositoryName: this.repositoryName,
      repositoryArn: this.repositoryArn,
      repositoryUrl: this.repositoryUrl,
      registryId: this.registryId,
    });
  }
}
