import { ProviderUnavailableError } from './provider-unavailable-error.js';

export type AwsAdapters = typeof import('@student-helper/rag-core/aws');
export type OpenAiAdapters = typeof import('@student-helper/rag-core/openai');

// The adapters of a remote provider are loaded only when the configuration selects one, so a
// local run never loads the AWS SDK or the OpenAI SDK and starts faster.

/** rag-core's AWS adapters; the AWS SDK clients are optional peer dependencies of rag-core. */
export async function loadAwsAdapters(setting: string): Promise<AwsAdapters> {
  try {
    return await import('@student-helper/rag-core/aws');
  } catch (error) {
    throw unavailable(setting, '@student-helper/rag-core/aws', 'Install the AWS SDK clients rag-core lists as optional peer dependencies.', error);
  }
}

/** rag-core's OpenAI-compatible adapters (the `openai` SDK is a dependency of rag-core). */
export async function loadOpenAiAdapters(setting: string): Promise<OpenAiAdapters> {
  try {
    return await import('@student-helper/rag-core/openai');
  } catch (error) {
    throw unavailable(setting, '@student-helper/rag-core/openai', 'Reinstall the dependencies (npm ci) so that the openai package is present.', error);
  }
}

function unavailable(setting: string, specifier: string, remedy: string, error: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError(setting, `${specifier} could not be loaded (${error instanceof Error ? error.message : String(error)}). ${remedy}`, {
    cause: error,
  });
}
