import { ContainerRepository, Database, DocumentsBucket, VectorStore } from '@student-helper/storage';
import type { LayerContext } from './context.js';
import type { NetworkLayer } from './network.js';

/**
 * Layer 2: documents, release bundles, vectors, processor images and PostgreSQL. The frontend
 * bucket lives with the CDN (edge layer): its policy names the distribution.
 */
export function storageLayer({ config, namer, tags }: LayerContext, network: NetworkLayer) {
  const documents = new DocumentsBucket(namer.name('documents'), { bucketName: namer.bucketName('documents'), tags });
  // Release bundles of the API, installed over SSM (decision 0008): the same private, versioned, encrypted bucket.
  const artifacts = new DocumentsBucket(namer.name('artifacts'), { bucketName: namer.bucketName('artifacts'), tags });
  const vectors = new VectorStore(namer.name('vectors'), {
    vectorBucketName: namer.name('vectors'),
    embeddingModelId: config.embeddingModelId,
    dimension: config.embeddingDimension,
    tags,
  });
  const images = new ContainerRepository(namer.name('processor-images'), {
    repositoryName: namer.name('processor'),
    lambdaFunctionNamePrefix: `${namer.prefix}-`,
    tags,
  });
  const database = new Database(namer.name('postgres'), {
    identifier: namer.name('postgres'),
    subnetIds: network.vpc.dataSubnetIds,
    securityGroupIds: [network.securityGroups.databaseSecurityGroupId],
    instanceClass: config.rdsInstanceClass,
    allocatedStorage: config.rdsAllocatedStorageGb,
    multiAz: config.multiAz,
    deletionProtection: config.enableDeletionProtection,
    skipFinalSnapshot: config.skipFinalSnapshot,
    backupRetentionPeriod: config.backupRetentionDays,
    backupWindow: config.backupWindow,
    maintenanceWindow: config.maintenanceWindow,
    logRetentionInDays: config.logRetentionDays,
    tags,
  });
  return { documents, artifacts, vectors, images, database };
}

export type StorageLayer = ReturnType<typeof storageLayer>;
