import type { ConfigIssue } from './config-error.js';

/** The environment as `process.env` holds it. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Typed reads of environment variables that record a problem instead of throwing, so
 * `loadConfig` can report every bad key at once. Hand-written rather than a schema library:
 * each message names the variable and says what is expected in words an operator can act on,
 * and half the rules are cross-key ("required when VECTOR_STORE=s3vectors").
 * An empty or blank value counts as unset.
 */
export class EnvReader {
  readonly issues: ConfigIssue[] = [];
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = env;
  }

  /** The trimmed value, or undefined when unset or blank. */
  optional(key: string): string | undefined {
    const value = this.#env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(key: string, fallback: string): string {
    return this.optional(key) ?? fallback;
  }

  /** A value that `reason` (e.g. "VECTOR_STORE=s3vectors") makes mandatory. */
  required(key: string, reason: string): string {
    const value = this.optional(key);
    if (value === undefined) this.fail(key, `is required when ${reason}.`);
    return value ?? '';
  }

  integer(key: string, fallback: number, bounds: { min: number; max: number }): number {
    const text = this.optional(key);
    if (text === undefined) return fallback;
    const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
      this.fail(key, `must be an integer from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(text)}.`);
      return fallback;
    }
    return value;
  }

  oneOf<const T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const text = this.optional(key);
    if (text === undefined) return fallback;
    const value = choices.find((choice) => choice === text.toLowerCase());
    if (value === undefined) {
      this.fail(key, `must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}.`);
      return fallback;
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const text = this.optional(key)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.fail(key, `must be true or false (also 1/0, yes/no, on/off), got ${JSON.stringify(this.optional(key))}.`);
    return fallback;
  }

  /** An absolute http(s) URL (trailing slashes removed), or undefined when unset. */
  httpUrl(key: string): string | undefined {
    const text = this.optional(key);
    if (text === undefined) return undefined;
    if (!isUrl(text, ['http:', 'https:'])) {
      this.fail(key, `must be an absolute http:// or https:// URL, got ${JSON.stringify(text)}.`);
      return undefined;
    }
    return text.replace(/\/+$/, '');
  }

  /** Comma-separated values, trimmed, blanks dropped. */
  list(key: string): string[] {
    return (this.optional(key) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** Records a problem (once: two settings reading the same key report it once). */
  fail(key: string, message: string): void {
    if (!this.issues.some((issue) => issue.key === key && issue.message === message)) this.issues.push({ key, message });
  }
}

export function isUrl(text: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
