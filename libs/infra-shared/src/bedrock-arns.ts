/**
 * IAM resource ARNs for invoking a Bedrock model, scoped to exactly the model in use.
 *
 * A cross-Region inference profile id (`au.anthropic...`, `us.amazon...`) routes requests to
 * the same foundation model in several Regions, so the caller needs the profile ARN plus the
 * foundation-model ARN in each destination Region; a plain model id needs only its
 * foundation-model ARN in the stack's Region.
 */

/** Destination Regions of the geographic inference profiles whose Region set we rely on. */
export const INFERENCE_PROFILE_REGIONS: Readonly<Record<string, readonly string[]>> = {
  au: ['ap-southeast-2', 'ap-southeast-4'],
};

const PROFILE_PREFIX = /^(us-gov|us|eu|apac|au|jp|ca|global)\.(.+)$/;

export interface InferenceProfileId {
  readonly geo: string;
  readonly foundationModelId: string;
}

export function parseInferenceProfileId(modelId: string): InferenceProfileId | undefined {
  const match = PROFILE_PREFIX.exec(modelId);
  if (!match) return undefined;
  return { geo: match[1] as string, foundationModelId: match[2] as string };
}

export interface BedrockModelAccess {
  readonly modelId: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition?: string;
  /** Destination Regions of the inference profile; defaults to INFERENCE_PROFILE_REGIONS[geo]. */
  readonly inferenceRegions?: readonly string[];
}

export function bedrockInvokeArns(access: BedrockModelAccess): string[] {
  const partition = access.partition ?? 'aws';
  const profile = parseInferenceProfileId(access.modelId);
  if (!profile) {
    return [`arn:${partition}:bedrock:${access.region}::foundation-model/${access.modelId}`];
  }
  const regions = access.inferenceRegions ?? INFERENCE_PROFILE_REGIONS[profile.geo];
  if (!regions || regions.length === 0) {
    throw new Error(
      `Inference profile '${access.modelId}' needs its destination Regions: ` +
        `pass inferenceRegions (stack config bedrock_inference_regions).`,
    );
  }
  return [
    `arn:${partition}:bedrock:${access.region}:${access.accountId}:inference-profile/${access.modelId}`,
    ...regions.map((r) => `arn:${partition}:bedrock:${r}::foundation-model/${profile.foundationModelId}`),
  ];
}
