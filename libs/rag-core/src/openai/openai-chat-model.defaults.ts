export const openAiChatModelDefaults = {
  /** Output budget of an answer when the request names none. */
  maxTokens: 1_024,
  /** Answers restate the sources; no creativity wanted, and equal questions get equal answers. */
  temperature: 0,
  /**
   * Longest wait for the next piece of a streamed answer once it has started. The client's
   * `timeoutMs` ends when the response headers arrive, so without this a server that stalls
   * mid-answer would hold the chat stream open until the student gives up.
   */
  streamIdleTimeoutMs: 60_000,
} as const;

/**
 * OpenAI `finish_reason` values in the vocabulary of the other answerers (Bedrock Converse's
 * stop reasons, which the extractive answerer uses too), so stored messages say `max_tokens`
 * for a cut-off answer whichever provider wrote it. Unknown values pass through unchanged.
 */
export const stopReasons: Readonly<Record<string, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'content_filtered',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
};
