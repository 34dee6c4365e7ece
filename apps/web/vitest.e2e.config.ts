import { projectTestConfig } from '../../vitest.shared.ts';

/**
 * The browser end-to-end run (`nx run web:e2e`): the real API process serving the web build,
 * driven by Debian's Chromium through playwright-core. Its JSON report is
 * `dist/test-results/web-e2e.json`, counted by `npm test` like every project's.
 */
const config = projectTestConfig('web-e2e', {
  root: import.meta.dirname,
  test: {
    environment: 'node',
    // One server and one browser: files run one after another.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
// Replaced, not merged: the shared unit-test globs must not run here.
config.test = { ...config.test, include: ['e2e/**/*.e2e.ts'] };

export default config;
