/** How the processor Lambda is bundled (decision: the processor on Lambda); the bundling itself is `@student-helper/bundling`'s. */
export const lambdaBundleDefaults = {
  /** Where `nx run processor:build-lambda` writes the folder, from the workspace root. */
  outdir: 'dist/apps/processor-lambda',
} as const;
