import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';

/**
 * ConverseStream event sequences in the shape Bedrock sends them (Claude on Bedrock: one text
 * block, `messageStop`, then `metadata` with usage). Markers arrive split over deltas, as
 * Claude streams them.
 */
export const answeredStream: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'The light reactions' } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: ' produce ATP and NADPH [' } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: '1].' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { usage: { inputTokens: 812, outputTokens: 23, totalTokens: 835 }, metrics: { latencyMs: 640 } } },
];

export const answeredTokens = ['The light reactions', ' produce ATP and NADPH [', '1].'];

/** Cut by the output budget. */
export const maxTokensStream: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Water boils at' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'max_tokens' } },
  { metadata: { usage: { inputTokens: 400, outputTokens: 5, totalTokens: 405 }, metrics: { latencyMs: 120 } } },
];

/** Two tokens, then the model fails: the prefix up to where the exception arrives. */
export const brokenStreamPrefix: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Salt raises' } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: ' the boiling point' } } },
];
