import nx from '@nx/eslint-plugin';

const infraBanned = ['fastify', '@fastify/*', 'react', 'react-dom', '@aws-sdk/*'];

/**
 * For libraries (published or shared): every import in a library's sources is declared in its
 * package.json, and nothing declared goes unused. Tests and config files may use dev tooling.
 */
export const libraryDependencyChecks = {
  files: ['**/*.json'],
  rules: {
    '@nx/dependency-checks': [
      'error',
      {
        ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}', '{projectRoot}/vitest.config.{js,ts,mjs,mts}', '{projectRoot}/**/*.test.{ts,tsx}', '{projectRoot}/test/**/*'],
        ignoredDependencies: ['vitest'],
      },
    ],
  },
  languageOptions: { parser: await import('jsonc-eslint-parser') },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
      "ignores": [
        "**/dist",
        "**/out-tsc",
        "**/node_modules",
        "**/.data",
        "**/vite.config.*.timestamp*",
        "**/vitest.config.*.timestamp*"
      ]
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs'],
    // Tool configs (vitest/vite/eslint) share root presets by relative path; they are not module code.
    ignores: ['**/vitest.config.ts', '**/vite.config.ts', '**/eslint.config.mjs', 'tools/test-runner/**'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'scope:app',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@pulumi/*'],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@pulumi/*'],
            },
            {
              // Benchmarks and evaluation scripts call the shared libraries like an app does.
              sourceTag: 'scope:tools',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@pulumi/*'],
            },
            {
              sourceTag: 'scope:infra',
              onlyDependOnLibsWithTags: ['scope:infra'],
              bannedExternalImports: infraBanned,
            },
            {
              sourceTag: 'type:infra-lib',
              onlyDependOnLibsWithTags: ['type:infra-lib'],
              bannedExternalImports: infraBanned,
            },
            {
              sourceTag: 'platform:browser',
              onlyDependOnLibsWithTags: ['platform:browser', 'platform:universal'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
