import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // A tool config like vite.config.ts (which the root config exempts): it shares the root
    // Vitest preset by relative path and is not module code.
    files: ['vitest.e2e.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
