import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

/** S3 (and S3 Vectors) bucket names: 3-63 chars of lowercase letters, digits and hyphens. */
export const BUCKET_NAME_MAX_LENGTH = 63;
/** Hex characters of the random bucket suffix (4 random bytes). */
export const BUCKET_SUFFIX_LENGTH = 8;
/** IAM role / Lambda function / RDS identifier limit; the tightest common one we use by default. */
export const DEFAULT_NAME_MAX_LENGTH = 63;

const SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function assertSegment(what: string, value: string): void {
  if (!SEGMENT.test(value)) {
    throw new Error(`${what} '${value}' must be lowercase letters and digits separated by single hyphens`);
  }
}

/**
 * Names resources `{project}-{environment}-{resource}`. Bucket names get a random suffix
 * because S3 names are global across all accounts.
 */
export class ResourceNamer {
  readonly prefix: string;

  constructor(
    readonly project: string,
    readonly environment: string,
  ) {
    assertSegment('Project', project);
    assertSegment('Environment', environment);
    this.prefix = `${project}-${environment}`;
  }

  /** `student-helper-dev-vpc`; throws when longer than `maxLength` (e.g. 32 for target groups). */
  name(resource: string, maxLength: number = DEFAULT_NAME_MAX_LENGTH): string {
    assertSegment('Resource', resource);
    const name = `${this.prefix}-${resource}`;
    if (name.length > maxLength) {
      throw new Error(`Name '${name}' is ${name.length} characters; the limit for this resource is ${maxLength}`);
    }
    return name;
  }

  /** Secrets Manager path `student-helper/dev/app-config` (the seed's layout). */
  secretName(resource: string): string {
    assertSegment('Secret', resource);
    return `${this.project}/${this.environment}/${resource}`;
  }

  /** `student-helper-dev-documents-a1b2c3d4` from a known suffix; validates S3's rules. */
  bucketNameWithSuffix(resource: string, suffix: string): string {
    if (!/^[0-9a-f]+$/.test(suffix)) throw new Error(`Bucket suffix '${suffix}' must be lowercase hex`);
    return this.name(`${resource}-${suffix}`, BUCKET_NAME_MAX_LENGTH);
  }

  /**
   * A globally unique bucket name. The suffix is a `random.RandomId` resource (4 bytes, hex)
   * named `{prefix}-{resource}-suffix`: it is created once and kept in state, so the name is
   * stable across updates and differs between accounts and stacks. The length check runs
   * now, before any resource is created.
   */
  bucketName(resource: string, opts?: pulumi.CustomResourceOptions): pulumi.Output<string> {
    this.bucketNameWithSuffix(resource, '0'.repeat(BUCKET_SUFFIX_LENGTH));
    const suffix = new random.RandomId(`${this.name(resource)}-suffix`, { byteLength: BUCKET_SUFFIX_LENGTH / 2 }, opts);
    return suffix.hex.apply((hex) => this.bucketNameWithSuffix(resource, hex));
  }
}
