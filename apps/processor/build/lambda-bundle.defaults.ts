/** How the processor Lambda is bundled (decision: the processor on Lambda). */
export const lambdaBundleDefaults = {
  /** The oldest Lambda Node.js runtime the bundle must run on; the function runs nodejs22.x. */
  target: 'node20',
  /**
   * Left out of the bundle: `pg-native` is `pg`'s optional native driver (required inside a
   * try, never installed). The AWS SDK v3 is bundled, not left to the runtime's copy: the
   * function then runs exactly the client versions the tests ran (S3 Vectors is newer than
   * some runtime images' SDK), and one minified file loads faster than the runtime's
   * node_modules tree.
   */
  external: ['pg-native'],
  /**
   * ESM output has no `require`, `__filename` or `__dirname`: CommonJS packages bundled inside
   * (pg, the SDK's dependencies, tesseract.js) use them. The imports are renamed so no bundled
   * module can clash with them; `__dirname` is the bundle folder, where the assets are.
   */
  esmBanner: [
    "import { createRequire as __shCreateRequire } from 'node:module';",
    "import { fileURLToPath as __shFileURLToPath } from 'node:url';",
    "import { dirname as __shDirname } from 'node:path';",
    'const require = __shCreateRequire(import.meta.url);',
    'const __filename = __shFileURLToPath(import.meta.url);',
    'const __dirname = __shDirname(__filename);',
  ].join('\n'),
  /** Where `nx run processor:build-lambda` writes the folder, from the workspace root. */
  outdir: 'dist/apps/processor-lambda',
} as const;
