export const claudeChatModelDefaults = {
  /** Output budget of an answer when the request names none. */
  maxTokens: 1_024,
  /** Answers restate the sources; no creativity wanted, and equal questions get equal answers. */
  temperature: 0,
} as const;
