/** Polling interval for documents being processed: fast enough to feel live, light on the API. */
export const defaultPollIntervalMs = 1000;
