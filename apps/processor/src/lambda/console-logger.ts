import type { ProcessorLogger } from '@student-helper/ingestion';

/**
 * The processor's logger on Lambda: one object per `console` call. With the function's JSON log
 * format (the infra sets it) Lambda writes that object as the record's `message`, next to its
 * own `timestamp`, `level` and `requestId`, and serialises `err` with its type and stack — so
 * CloudWatch Logs Insights can filter on `message.documentId`. No logging library: the runtime
 * already does the formatting.
 */
export function consoleLogger(target: Pick<Console, 'info' | 'warn' | 'error'> = console): ProcessorLogger {
  return {
    info: (fields, message) => target.info({ ...fields, message }),
    warn: (fields, message) => target.warn({ ...fields, message }),
    error: (fields, message) => target.error({ ...fields, message }),
  };
}
