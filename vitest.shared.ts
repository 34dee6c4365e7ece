/**
 * One test configuration for every project, so each project's `vitest.config.ts`
 * says only what is special about it.
 *
 * - Workspace libraries resolve to their TypeScript source through the
 *   `@student-helper/source` export condition (the same condition tsconfig uses),
 *   so tests never run against a stale `dist/`.
 * - Every run also writes a JSON report to `dist/test-results/<project>.json`;
 *   `tools/test-runner/run-all-tests.mjs` sums those into the final summary line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions, defaultClientConditions } from 'vite';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

export const workspaceRoot = path.dirname(fileURLToPath(import.meta.url));
export const sourceCondition = '@student-helper/source';

export function projectTestConfig(projectName: string, overrides: ViteUserConfig = {}): ViteUserConfig {
  const base = defineConfig({
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    cacheDir: path.join(workspaceRoot, 'node_modules/.vite', projectName),
    test: {
      name: projectName,
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
      environment: 'node',
      watch: false,
      // Generous bounds: CI has 2 cores and Nx runs several projects at once, and a fresh
      // PGlite database (initdb in WASM) alone takes seconds there. Tests that promise a time
      // bound assert it themselves.
      testTimeout: 120_000,
      hookTimeout: 180_000,
      reporters: ['default', 'json'],
      outputFile: { json: path.join(workspaceRoot, 'dist/test-results', `${projectName}.json`) },
    },
  });
  return mergeConfig(base, overrides);
}

/**
 * For projects that load `@pulumi/pulumi`. Vitest hands `ssr.resolve.conditions` to Node as
 * `--conditions` flags, so with Vite's default `module` condition a CommonJS
 * `require('@opentelemetry/api')` inside the Pulumi SDK picks that package's ESM build,
 * whose extensionless imports Node cannot load. These projects drop the `module` condition.
 */
export function pulumiProjectTestConfig(projectName: string, overrides: ViteUserConfig = {}): ViteUserConfig {
  const config = projectTestConfig(projectName, overrides);
  const conditions = (config.ssr?.resolve?.conditions ?? []).filter((c) => c !== 'module');
  return { ...config, ssr: { ...config.ssr, resolve: { ...config.ssr?.resolve, conditions } } };
}

/**
 * For projects that load AWS SDK v3 clients (rag-core's `/aws` entry): their `module` export
 * condition points at `dist-es` builds with extensionless imports Node cannot load either, so
 * the cause and the cure are the Pulumi ones above.
 */
export const awsSdkProjectTestConfig = pulumiProjectTestConfig;
