import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { assertIntegerInRange, withName } from '@student-helper/infra-shared';
import { APP_CONFIG_SECRET_DEFAULTS } from './app-config-secret.defaults.js';

export interface AppConfigSecretArgs {
  /** Physical name, e.g. `student-helper/dev/app-config` (ResourceNamer.secretName). */
  readonly secretName?: pulumi.Input<string>;
  /** Customer-managed KMS key; default the account's `aws/secretsmanager` key. */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** 7-30 days; default 7. Plain: it is validated here. */
  readonly recoveryWindowInDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The application's config secret. Pulumi writes only the first, empty version; operators put
 * real values later (`aws secretsmanager put-secret-value`) and updates never overwrite them.
 * The database password is not here: RDS manages its own master secret.
 */
export class AppConfigSecret extends pulumi.ComponentResource {
  readonly secretArn: pulumi.Output<string>;
  readonly secretName: pulumi.Output<string>;

  constructor(name: string, args: AppConfigSecretArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:security:AppConfigSecret', name, {}, opts);
    const recoveryWindowInDays = args.recoveryWindowInDays ?? APP_CONFIG_SECRET_DEFAULTS.recoveryWindowInDays;
    assertIntegerInRange('recoveryWindowInDays', recoveryWindowInDays, 7, 30);
    const child = { parent: this };

    const secret = new aws.secretsmanager.Secret(
      name,
      {
        name: args.secretName,
        description: APP_CONFIG_SECRET_DEFAULTS.description,
        kmsKeyId: args.kmsKeyId,
        recoveryWindowInDays,
        tags: withName(args.tags, name),
      },
      child,
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-initial`,
      { secretId: secret.id, secretString: APP_CONFIG_SECRET_DEFAULTS.initialValue },
      { ...child, ignoreChanges: ['secretString'] },
    );

    this.secretArn = secret.arn;
    this.secretName = secret.name;
    this.registerOutputs({ secretArn: this.secretArn, secretName: this.secretName });
  }
}
