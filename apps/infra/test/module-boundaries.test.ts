import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the workspace lint rule enforces the layer boundaries of CONVENTIONS.md: infra libs
 * import no fastify, react or AWS SDK; apps and shared libs import no Pulumi. The files are
 * linted in memory at paths inside real projects, so the rule sees their real tags.
 */
const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: workspaceRoot });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(workspaceRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('@nx/enforce-module-boundaries', () => {
  it.each([
    { file: 'libs/networking/src/boundary-fixture.ts', banned: '@aws-sdk/client-s3', code: "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n" },
    { file: 'libs/security/src/boundary-fixture.ts', banned: 'fastify', code: "import fastify from 'fastify';\nexport const f = fastify;\n" },
    { file: 'apps/infra/src/boundary-fixture.ts', banned: '@aws-sdk/client-s3', code: "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n" },
    { file: 'apps/api/src/boundary-fixture.ts', banned: '@pulumi/pulumi', code: "import * as pulumi from '@pulumi/pulumi';\nexport const p = pulumi;\n" },
    { file: 'libs/rag-core/src/boundary-fixture.ts', banned: '@pulumi/aws', code: "import * as aws from '@pulumi/aws';\nexport const a = aws;\n" },
  ])('$file may not import $banned', async ({ file, code, banned }) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(banned);
  });

  it('lets infra libs import Pulumi and each other', async () => {
    expect(
      await boundaryErrors(
        'libs/networking/src/boundary-fixture.ts',
        "import * as aws from '@pulumi/aws';\nimport { withName } from '@student-helper/infra-shared';\nexport const x = [aws, withName];\n",
      ),
    ).toEqual([]);
  });
});
