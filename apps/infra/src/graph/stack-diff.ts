import type { RecordedResource } from '@student-helper/infra-testing';

/** A difference between two stacks at one input of one resource. */
export interface InputDifference {
  /** `type::name` with the environment replaced by `<env>`. */
  readonly resource: string;
  /** Dotted input path, e.g. `instanceClass` or `tags.Environment`. */
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

const IDENTITY_KEY = /(arn|id|url|name|endpoint|address|domainname|hex|b64url|b64std|dec)$/i;

/**
 * Rewrites a recorded stack so two environments can be compared: the environment name becomes
 * `<env>`, and every generated value (ids, ARNs, URLs, random suffixes) becomes a symbolic
 * reference to the resource that produced it. What remains different is configuration.
 */
export function normalizeStack(resources: readonly RecordedResource[], environment: string): Map<string, Record<string, unknown>> {
  const env = new RegExp(`\\b${environment}\\b`, 'g');
  const keyOf = (r: RecordedResource) => `${r.type}::${r.name.replace(env, '<env>')}`;
  const symbols = new Map<string, string>();
  for (const r of resources) {
    if (!r.custom) continue;
    if (r.id) symbols.set(r.id, `<id ${keyOf(r)}>`);
    for (const [k, v] of Object.entries(r.state)) {
      if (typeof v === 'string' && v.length >= 4 && IDENTITY_KEY.test(k) && !(k in r.inputs) && !symbols.has(v)) symbols.set(v, `<${k} ${keyOf(r)}>`);
    }
  }
  const byLength = [...symbols.keys()].sort((a, b) => b.length - a.length);
  const normalizeString = (s: string): string => {
    const exact = symbols.get(s);
    if (exact) return exact;
    let out = s;
    for (const value of byLength) if (value.length >= 8 && out.includes(value)) out = out.split(value).join(symbols.get(value) as string);
    return out.replace(env, '<env>');
  };
  const normalize = (value: unknown): unknown => {
    if (typeof value === 'string') return normalizeString(value);
    if (Array.isArray(value)) return value.map(normalize);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
    return value;
  };
  return new Map(resources.map((r) => [keyOf(r), normalize(r.inputs) as Record<string, unknown>]));
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  } else {
    out.set(prefix, value);
  }
}

/** Every input that differs between two normalized stacks, plus resources only one side has. */
export function diffStacks(left: Map<string, Record<string, unknown>>, right: Map<string, Record<string, unknown>>): InputDifference[] {
  const differences: InputDifference[] = [];
  for (const key of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const a = left.get(key);
    const b = right.get(key);
    if (!a || !b) {
      differences.push({ resource: key, path: '', left: a ? 'present' : 'absent', right: b ? 'present' : 'absent' });
      continue;
    }
    const fa = new Map<string, unknown>();
    const fb = new Map<string, unknown>();
    flatten(a, '', fa);
    flatten(b, '', fb);
    for (const path of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
      if (JSON.stringify(fa.get(path)) !== JSON.stringify(fb.get(path))) differences.push({ resource: key, path, left: fa.get(path), right: fb.get(path) });
    }
  }
  return differences;
}
