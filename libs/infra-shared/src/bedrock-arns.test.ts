import { describe, expect, it } from 'vitest';
import { bedrockInvokeArns, parseInferenceProfileId } from './bedrock-arns.js';

describe('parseInferenceProfileId', () => {
  it('splits a geographic prefix from the foundation model id', () => {
    expect(parseInferenceProfileId('au.anthropic.claude-sonnet-4-5-20250929-v1:0')).toEqual({
      geo: 'au',
      foundationModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(parseInferenceProfileId('us-gov.anthropic.claude-3-haiku-20240307-v1:0')?.geo).toBe('us-gov');
  });

  it('returns undefined for a plain foundation model id', () => {
    expect(parseInferenceProfileId('amazon.titan-embed-text-v2:0')).toBeUndefined();
    expect(parseInferenceProfileId('anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
  });
});

describe('bedrockInvokeArns', () => {
  it('gives one in-Region foundation-model ARN for a plain model id', () => {
    expect(bedrockInvokeArns({ modelId: 'amazon.titan-embed-text-v2:0', region: 'ap-southeast-2', accountId: '111122223333' })).toEqual([
      'arn:aws:bedrock:ap-southeast-2::foundation-model/amazon.titan-embed-text-v2:0',
    ]);
  });

  it('honours the partition', () => {
    expect(
      bedrockInvokeArns({ modelId: 'amazon.titan-embed-text-v2:0', region: 'us-gov-west-1', accountId: '1', partition: 'aws-us-gov' }),
    ).toEqual(['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.titan-embed-text-v2:0']);
  });

  it('fails for a profile whose destination Regions are unknown', () => {
    expect(() => bedrockInvokeArns({ modelId: 'eu.amazon.nova-pro-v1:0', region: 'eu-west-1', accountId: '1' })).toThrow(
      "Inference profile 'eu.amazon.nova-pro-v1:0' needs its destination Regions: pass inferenceRegions (stack config bedrock_inference_regions).",
    );
  });
});
