/**
 * Reads stack configuration key by key and collects every problem before failing, so one
 * `pulumi up` reports all bad keys at once. Pulumi's own typed getters fail on the first
 * key and accept `"20GB"` as the number 20 (they use parseFloat); sizes here must be exact
 * integers, hence this small reader over the raw strings.
 */

/** What the reader needs from `pulumi.Config`: its namespace and raw string values. */
export interface ConfigSource {
  readonly name: string;
  get(key: string): string | undefined;
}

export interface ConfigIssue {
  /** Fully qualified key, e.g. `student-helper-infra:lambda_memory`. */
  readonly key: string;
  readonly expected: string;
  /** The raw value, or `undefined` when the key is missing. */
  readonly received: string | undefined;
}

export class EnvironmentConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      'Invalid stack configuration:\n' +
        issues
          .map(
            (i) =>
              `  - ${i.key}: expected ${i.expected}, ` +
              (i.received === undefined ? 'but it is not set' : `got ${JSON.stringify(i.received)}`),
          )
          .join('\n'),
    );
    this.name = 'EnvironmentConfigError';
    this.issues = issues;
  }
}

const INTEGER = /^-?\d+$/;

export class ConfigReader {
  /**
   * @param issues shared sink, so readers over several config bags (project, `aws`) report
   *   in one error
   */
  constructor(
    private readonly source: ConfigSource,
    readonly issues: ConfigIssue[] = [],
  ) {}

  fullKey(key: string): string {
    return `${this.source.name}:${key}`;
  }

  report(key: string, expected: string, received: string | undefined): void {
    this.issues.push({ key: this.fullKey(key), expected, received });
  }

  /** Throws one error listing every issue reported so far. */
  assertValid(): void {
    if (this.issues.length > 0) throw new EnvironmentConfigError(this.issues);
  }

  string(key: string, fallback: string | undefined, rule?: { pattern: RegExp; expected: string }): string {
    const raw = this.source.get(key);
    if (raw === undefined || raw === '') {
      if (fallback === undefined) this.report(key, rule?.expected ?? 'a value', undefined);
      return fallback ?? '';
    }
    if (rule && !rule.pattern.test(raw)) {
      this.report(key, rule.expected, raw);
      return fallback ?? raw;
    }
    return raw;
  }

  integer(key: string, fallback: number | undefined, range: { min: number; max: number; unit?: string }): number {
    const expected = `an integer from ${range.min} to ${range.max}${range.unit ? ` (${range.unit})` : ''}`;
    const raw = this.source.get(key);
    if (raw === undefined || raw === '') {
      if (fallback === undefined) this.report(key, expected, undefined);
      return fallback ?? range.min;
    }
    const trimmed = raw.trim();
    const value = Number(trimmed);
    if (!INTEGER.test(trimmed) || value < range.min || value > range.max) {
      this.report(key, expected, raw);
      return fallback ?? range.min;
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const raw = this.source.get(key);
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    this.report(key, 'true or false', raw);
    return fallback;
  }

  /** A list given as a YAML sequence (Pulumi stores it as JSON) or as a comma-separated string. */
  stringList(key: string, fallback: readonly string[], item: { pattern: RegExp; expected: string }): string[] {
    const raw = this.source.get(key);
    if (raw === undefined || raw.trim() === '') return [...fallback];
    let values: unknown;
    if (raw.trim().startsWith('[')) {
      try {
        values = JSON.parse(raw);
      } catch {
        values = undefined;
      }
    } else {
      values = raw.split(',').map((v) => v.trim());
    }
    const expected = `a list of ${item.expected}`;
    if (!Array.isArray(values) || values.length === 0) {
      this.report(key, expected, raw);
      return [...fallback];
    }
    if (!values.every((v): v is string => typeof v === 'string' && item.pattern.test(v))) {
      this.report(key, expected, raw);
      return [...fallback];
    }
    return values;
  }
}
