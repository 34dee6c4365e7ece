import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { withName } from '@student-helper/infra-shared';
import {
  DOCUMENT_PROCESSOR_DEFAULTS,
  assertEnvironmentKeys,
  assertImageUri,
  assertZipPackage,
  resolveProcessorSettings,
  type LambdaArchitecture,
  type NodeRuntime,
} from './document-processor.defaults.js';

interface DocumentProcessorCommonArgs {
  /** Execution role (security `DocumentProcessorRole.roleArn`). */
  readonly roleArn: pulumi.Input<string>;
  /** The job queue the function consumes (messaging `JobQueue.queueArn`). */
  readonly queueArn: pulumi.Input<string>;
  /** The Lambda subnet(s). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The lambda security group. */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Physical name, e.g. `student-helper-dev-processor`; default auto-named from `name`. */
  readonly functionName?: pulumi.Input<string>;
  /** MB, 128-10240; default 512 (dev); prod 1024. */
  readonly memorySize?: number;
  /** Seconds, 1-900; default 300. The queue's visibility timeout must be ≥ 6× this. */
  readonly timeout?: number;
  /** Default 10; also caps the SQS event source's concurrency so it never throttles. */
  readonly reservedConcurrentExecutions?: number;
  /** Default `x86_64`. */
  readonly architecture?: LambdaArchitecture;
  /** Keys are plain (checked against Lambda's reserved names); values may be Outputs. */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Customer-managed key for the environment variables; default Lambda's own key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Default `/aws/lambda/<name>`. */
  readonly logGroupName?: string;
  /** Default 30 days. */
  readonly logRetentionInDays?: number;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The processor container image from ECR (storage `ContainerRepository.repositoryUrl` + tag). */
export interface ImagePackageArgs {
  readonly packageType: 'Image';
  readonly imageUri: pulumi.Input<string>;
}

/** A zip archive with a Node.js handler. */
export interface ZipPackageArgs {
  readonly packageType: 'Zip';
  readonly code: pulumi.Input<pulumi.asset.Archive>;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  /** Default `nodejs22.x`. */
  readonly runtime?: NodeRuntime;
}

export type DocumentProcessorArgs = DocumentProcessorCommonArgs & (ImagePackageArgs | ZipPackageArgs);

/**
 * The document processor: a VPC Lambda (image or zip) with its own log group (created first,
 * so retention applies), reserved concurrency, and an SQS event source mapping — batch 1, no
 * batching window, partial batch responses (`ReportBatchItemFailures`).
 *
 * Create it after the role's policies exist (`{ dependsOn: [processorRole] }`): AWS checks the
 * role's SQS permissions when the event source mapping is created.
 */
export class DocumentProcessor extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly logGroupArn: pulumi.Output<string>;
  readonly eventSourceMappingId: pulumi.Output<string>;
  readonly eventSourceMappingArn: pulumi.Output<string>;
  /** The resolved timeout, for sizing the queue's visibility timeout. */
  readonly timeout: number;

  constructor(name: string, args: DocumentProcessorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:compute:DocumentProcessor', name, {}, opts);
    const settings = resolveProcessorSettings(args);
    const d = DOCUMENT_PROCESSOR_DEFAULTS;
    const code = packageInputs(args);
    if (args.environment) assertEnvironmentKeys(Object.keys(args.environment));
    const child = { parent: this };

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: args.logGroupName ?? `/aws/lambda/${name}`, retentionInDays: settings.logRetentionInDays, tags: withName(args.tags, `${name}-logs`) },
      child,
    );
    const fn = new aws.lambda.Function(
      name,
      {
        name: args.functionName,
        ...code,
        role: args.roleArn,
        memorySize: settings.memorySize,
        timeout: settings.timeout,
        reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
        architectures: [settings.architecture],
        vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: args.securityGroupIds },
        environment: args.environment ? { variables: { ...args.environment } } : undefined,
        kmsKeyArn: args.kmsKeyArn,
        // Logs go to the group above whatever the function's physical name is.
        loggingConfig: { logFormat: d.logFormat, logGroup: logGroup.name },
        tags: withName(args.tags, name),
      },
      child,
    );
    const mapping = new aws.lambda.EventSourceMapping(
      `${name}-queue`,
      {
        eventSourceArn: args.queueArn,
        functionName: fn.arn,
        batchSize: d.batchSize,
        maximumBatchingWindowInSeconds: d.maximumBatchingWindowInSeconds,
        functionResponseTypes: [...d.functionResponseTypes],
        // At most as many pollers as reserved executions: throttled receives would count toward maxReceiveCount.
        scalingConfig: { maximumConcurrency: settings.reservedConcurrentExecutions },
        enabled: true,
        tags: withName(args.tags, `${name}-queue`),
      },
      child,
    );

    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.eventSourceMappingId = mapping.uuid;
    this.eventSourceMappingArn = mapping.arn;
    this.timeout = settings.timeout;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      logGroupName: this.logGroupName,
      logGroupArn: this.logGroupArn,
      eventSourceMappingId: this.eventSourceMappingId,
      eventSourceMappingArn: this.eventSourceMappingArn,
    });
  }
}

function packageInputs(args: ImagePackageArgs | ZipPackageArgs): Partial<aws.lambda.FunctionArgs> {
  if (args.packageType === 'Image') {
    if (typeof args.imageUri === 'string') assertImageUri(args.imageUri);
    return { packageType: 'Image', imageUri: args.imageUri };
  }
  if (args.packageType === 'Zip') {
    const runtime = args.runtime ?? DOCUMENT_PROCESSOR_DEFAULTS.runtime;
    assertZipPackage(args.handler, runtime);
    return { packageType: 'Zip', code: args.code, handler: args.handler, runtime };
  }
  throw new Error(`packageType must be Image or Zip, got ${JSON.stringify((args as { packageType?: unknown }).packageType)}`);
}
