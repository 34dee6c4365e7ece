import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Whether a resource type takes tags, read from the installed provider SDK's type
 * definitions (`@pulumi/aws/ec2/vpc.d.ts` → `VpcArgs` has `tags?:`). Reading the SDK keeps
 * the answer right for every type we will ever add, instead of a hand-kept list.
 */
const require = createRequire(import.meta.url);
const cache = new Map<string, boolean>();

/** `aws:ec2/vpc:Vpc` → package `@pulumi/aws`, file `ec2/vpc.d.ts`, interface `VpcArgs`. */
export function sdkDeclaration(type: string): { packageName: string; file: string; argsInterface: string } | undefined {
  const match = /^([a-z0-9-]+):([A-Za-z0-9]+)(?:\/([A-Za-z0-9]+))?:([A-Za-z0-9]+)$/.exec(type);
  if (!match) return undefined;
  const [, pkg, module, file, resource] = match as unknown as [string, string, string, string | undefined, string];
  const fileName = file ?? resource.charAt(0).toLowerCase() + resource.slice(1);
  const dir = module === 'index' ? '' : module;
  return { packageName: `@pulumi/${pkg}`, file: path.join(dir, `${fileName}.d.ts`), argsInterface: `${resource}Args` };
}

export function isTaggable(type: string): boolean {
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  // Providers and the stack itself are engine resources, never tagged.
  const declaration = type.startsWith('pulumi:') ? undefined : sdkDeclaration(type);
  let taggable = false;
  if (declaration) {
    let root: string;
    try {
      root = path.dirname(require.resolve(`${declaration.packageName}/package.json`));
    } catch {
      throw new Error(`isTaggable: provider SDK ${declaration.packageName} is not installed (type ${type})`);
    }
    const file = path.join(root, declaration.file);
    if (!existsSync(file)) throw new Error(`isTaggable: ${file} not found for type ${type}`);
    const source = readFileSync(file, 'utf8');
    const start = source.indexOf(`export interface ${declaration.argsInterface} {`);
    if (start >= 0) {
      const end = source.indexOf('\n}', start);
      taggable = /\n\s+(readonly )?tags\?:/.test(source.slice(start, end));
    }
  }
  cache.set(type, taggable);
  return taggable;
}
