import { ProviderUnavailableError } from './provider-unavailable-error.js';

export type AwsAdapters = typeof import('@student-helper/rag-core/aws');

/**
 * The AWS adapters are loaded only when the configuration selects one, so a local run never
 * loads the AWS SDK (an optional peer dependency of rag-core) and starts faster.
 */
export async function loadAwsAdapters(setting: string): Promise<AwsAdapters> {
  try {
    return await import('@student-helper/rag-core/aws');
  } catch (error) {
    throw new ProviderUnavailableError(
      setting,
      `@student-helper/rag-core/aws could not be loaded (${error instanceof Error ? error.message : String(error)}). ` +
        'Install the AWS SDK clients rag-core lists as optional peer dependencies.',
      { cause: error },
    );
  }
}
