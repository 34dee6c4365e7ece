import baseConfig from '../../eslint.config.mjs';

// The API runs the processor's worker loop in its own process (PGlite is one process's
// embedded database), so it may import @student-helper/processor although both are apps.
const boundaries = baseConfig.find((config) => config.rules?.['@nx/enforce-module-boundaries']);
const [level, options] = boundaries.rules['@nx/enforce-module-boundaries'];

export default [
  ...baseConfig,
  {
    files: boundaries.files,
    ignores: boundaries.ignores,
    rules: {
      '@nx/enforce-module-boundaries': [level, { ...options, allow: [...options.allow, '@student-helper/processor'] }],
    },
  },
];
