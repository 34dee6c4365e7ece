export const APP_CONFIG_SECRET_DEFAULTS = {
  description: 'Student Helper application configuration (third-party credentials); populated after deployment',
  /** Days a deleted secret can be restored (7-30; AWS's default is 30). */
  recoveryWindowInDays: 7,
  /** The first version: an empty JSON object, so reads succeed before anyone fills it in. */
  initialValue: '{}',
} as const;
