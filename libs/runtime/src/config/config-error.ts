/** One bad setting: the variable and what was expected of it. */
export interface ConfigIssue {
  key: string;
  message: string;
}

/**
 * The environment does not describe a runnable app. Every problem found is listed, each
 * naming its variable, so one failed start shows everything to fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue.key}: ${issue.message}`).join('\n')}`);
    this.issues = issues;
  }

  /** The variables named by the issues, in order. */
  get keys(): string[] {
    return this.issues.map((issue) => issue.key);
  }
}
