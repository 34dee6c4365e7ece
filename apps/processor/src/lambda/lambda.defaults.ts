/**
 * How the processor Lambda spends its time budget (decision: the processor on Lambda).
 *
 * `deadlineMarginMs`: processing stops this long before Lambda's own timeout. After the
 * deadline the job finishes the one write already under way (a chunk transaction, one
 * `PutVectors` of 200 vectors, a progress row), records the failure, gives the message back and
 * returns the batch response — all before Lambda would kill the container mid-write. 30 s is
 * 10 % of the 300 s timeout and several times the slowest of those steps.
 */
export const lambdaDefaults = {
  deadlineMarginMs: 30_000,
} as const;

/**
 * Visibility for a message that will not be processed again (a poison body, or the last
 * attempt, whose document is already marked failed): 0 s, so SQS moves it to the DLQ on its next
 * receive instead of after the 30-minute visibility timeout.
 */
export const finalVisibilitySeconds = 0;
