/** How a Node entry that parses PDFs is bundled (the processor Lambda, the API release). */
export const nodeBundleDefaults = {
  /** The oldest Node.js the bundles run on: the Lambda runtime and the API instance run 22, the workspace allows 20.19. */
  target: 'node20',
  /**
   * Left out of the bundle: `pg-native` is `pg`'s optional native driver (required inside a
   * try, never installed). The AWS SDK v3 is bundled, not left to a runtime's copy: the bundle
   * then runs exactly the client versions the tests ran, and one minified file loads faster
   * than a node_modules tree.
   */
  external: ['pg-native'],
  /**
   * ESM output has no `require`, `__filename` or `__dirname`: CommonJS packages bundled inside
   * (pg, the SDK's dependencies, tesseract.js, fastify's) use them. The imports are renamed so
   * no bundled module can clash with them; `__dirname` is the bundle folder, where the assets are.
   */
  esmBanner: [
    "import { createRequire as __shCreateRequire } from 'node:module';",
    "import { fileURLToPath as __shFileURLToPath } from 'node:url';",
    "import { dirname as __shDirname } from 'node:path';",
    'const require = __shCreateRequire(import.meta.url);',
    'const __filename = __shFileURLToPath(import.meta.url);',
    'const __dirname = __shDirname(__filename);',
  ].join('\n'),
} as const;
