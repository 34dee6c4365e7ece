import baseConfig, { libraryDependencyChecks } from '../../eslint.config.mjs';

// createServices loads `@student-helper/rag-core/aws` and `/openai` with dynamic imports (only
// when such an adapter is configured, so a local run never loads the AWS or OpenAI SDK) and
// imports the other entry points of rag-core statically; Nx would otherwise forbid mixing the
// two for one project.
const boundaries = baseConfig.find((config) => config.rules?.['@nx/enforce-module-boundaries']);
const [level, options] = boundaries.rules['@nx/enforce-module-boundaries'];

export default [
  ...baseConfig,
  {
    files: boundaries.files,
    ignores: boundaries.ignores,
    rules: {
      '@nx/enforce-module-boundaries': [
        level,
        { ...options, checkDynamicDependenciesExceptions: ['@student-helper/rag-core', '@student-helper/rag-core/*'] },
      ],
    },
  },
  libraryDependencyChecks,
];
