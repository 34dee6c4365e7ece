/**
 * Where an adapter reports what it changed on the way (an input it had to shorten). The
 * `(context, message)` order is pino's, so fastify's logger fits as is; `console` fits too.
 */
export interface WarnLogger {
  warn(context: Record<string, unknown>, message: string): void;
}
