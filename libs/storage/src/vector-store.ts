import * as awsNative from '@pulumi/aws-native';
import * as pulumi from '@pulumi/pulumi';
import { withNameNative } from '@student-helper/infra-shared';
import { VECTOR_STORE_DEFAULTS, resolveVectorIndexSettings, type DistanceMetric } from './vector-store.defaults.js';

export interface VectorStoreArgs {
  /** Vector bucket name (unique per account and Region); default Pulumi auto-naming. */
  readonly vectorBucketName?: pulumi.Input<string>;
  /** Default `documents`. Plain: the index name is part of the application's contract. */
  readonly indexName?: string;
  /** Bedrock model whose vectors the index stores; default `amazon.titan-embed-text-v2:0`. */
  readonly embeddingModelId?: string;
  /** One of the model's output sizes (Titan v2: 1024, 512, 256); default the model's default. */
  readonly dimension?: number;
  /** Default `cosine`. */
  readonly distanceMetric?: DistanceMetric;
  /** Stored with each vector, returned by queries, never filtered on; default `['text_content']`. */
  readonly nonFilterableMetadataKeys?: readonly string[];
  /** SSE-KMS with this customer-managed key; default SSE-S3 (AES256). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An S3 Vectors vector bucket and its one index for document chunks. Index settings cannot
 * change in place (AWS replaces the index, and with it every vector), so they are validated
 * here against the embedding model before anything is created. Uses `@pulumi/aws-native`
 * (decision "S3 Vectors through aws-native"): the stack needs `aws-native:region` set.
 */
export class VectorStore extends pulumi.ComponentResource {
  readonly vectorBucketName: pulumi.Output<string>;
  readonly vectorBucketArn: pulumi.Output<string>;
  readonly indexName: pulumi.Output<string>;
  readonly indexArn: pulumi.Output<string>;
  /** The resolved vector size, for the application's embedding config. */
  readonly dimension: number;
  readonly distanceMetric: DistanceMetric;

  constructor(name: string, args: VectorStoreArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super('student-helper:storage:VectorStore', name, {}, opts);
    const settings = resolveVectorIndexSettings(args);
    const child = { parent: this };

    const encryptionConfiguration =
      args.kmsKeyArn === undefined ? { sseType: VECTOR_STORE_DEFAULTS.sseType } : { sseType: 'aws:kms' as const, kmsKeyArn: args.kmsKeyArn };
    const bucket = new awsNative.s3vectors.VectorBucket(
      name,
      { vectorBucketName: args.vectorBucketName, encryptionConfiguration, tags: withNameNative(args.tags, name) },
      child,
    );
    const index = new awsNative.s3vectors.Index(
      `${name}-index`,
      {
        vectorBucketName: bucket.vectorBucketName,
        indexName: settings.indexName,
        dataType: VECTOR_STORE_DEFAULTS.dataType,
        dimension: settings.dimension,
        distanceMetric: settings.distanceMetric,
        metadataConfiguration: { nonFilterableMetadataKeys: [...settings.nonFilterableMetadataKeys] },
        tags: withNameNative(args.tags, `${name}-index`),
      },
      child,
    );

    // The ARNs always resolve; the name outputs are typed optional by the provider.
    this.vectorBucketName = bucket.vectorBucketArn.apply((arn) => arn.slice(arn.lastIndexOf('/') + 1));
    this.vectorBucketArn = bucket.vectorBucketArn;
    this.indexName = index.indexArn.apply(() => settings.indexName);
    this.indexArn = index.indexArn;
    this.dimension = settings.dimension;
    this.distanceMetric = settings.distanceMetric;
    this.registerOutputs({
      vectorBucketName: this.vectorBucketName,
      vectorBucketArn: this.vectorBucketArn,
      indexName: this.indexName,
      indexArn: this.indexArn,
    });
  }
}
