import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** apps/infra, where Pulumi.yaml and the stack files live. */
export const INFRA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  /** Fully qualified keys (`aws:region`, `student-helper-infra:environment`) to string values. */
  readonly config: Readonly<Record<string, string>>;
}

/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi engine hands config to a
 * program: every value as a string, structured values as JSON. Encrypted values cannot be read
 * offline and are refused.
 */
export function readStackConfig(stack: string, root: string = INFRA_ROOT): StackConfig {
  if (!/^[a-z][a-z0-9-]*$/.test(stack)) throw new Error(`Invalid stack name '${stack}'`);
  const project = (parse(readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as { name?: unknown }).name;
  if (typeof project !== 'string' || project === '') throw new Error(`${path.join(root, 'Pulumi.yaml')} has no project name`);
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  const document = (parse(readFileSync(file, 'utf8')) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(document.config ?? {})) {
    if (!/^[^:]+:[^:]+$/.test(key)) throw new Error(`${file}: config key '${key}' must be namespaced (<namespace>:<name>)`);
    if (value && typeof value === 'object' && 'secure' in value) {
      throw new Error(`${file}: '${key}' is encrypted; offline runs cannot decrypt it`);
    }
    config[key] = value === null ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return { project, stack, config };
}
