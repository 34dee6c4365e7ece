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

const IDENTITY_KEY = /(arn|id|url|name|endpoint|address|domainname|dns|ip|hex|b64url|b64std|dec)$/i;

export interface StackNaming {
  readonly project: string;
  readonly environment: string;
}

/** String leaves of a value whose key looks like an identity, with their keys. */
function identityLeaves(value: unknown, key: string, out: [string, string][]): void {
  if (typeof value === 'string') {
    if (IDENTITY_KEY.test(key)) out.push([key, value]);
  } else if (Array.isArray(value)) {
    value.forEach((v) => identityLeaves(v, key, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) identityLeaves(v, k, out);
  }
}

/**
 * Rewrites a recorded stack so two environments can be compared: the environment inside the
 * stack's names (`student-helper-dev-…`, `student-helper/dev/…`, the `Environment` tag) becomes
 * `<env>`, and every generated value (ids, ARNs, URLs, random suffixes, RDS secret ARNs)
 * becomes a symbolic reference to the resource that produced it. What remains different is
 * configuration.
 */
export function normalizeStack(resources: readonly RecordedResource[], naming: StackNaming): Map<string, Record<string, unknown>> {
  const { project, environment } = naming;
  const withoutEnv = (s: string) =>
    s === environment ? '<env>' : s.split(`${project}-${environment}`).join(`${project}-<env>`).split(`${project}/${environment}/`).join(`${project}/<env>/`);
  const keyOf = (r: RecordedResource) => `${r.type}::${withoutEnv(r.name)}`;
  // Sorted by normalized key, so a value several resources echo (a bucket name, a queue URL)
  // gets the same owner in both stacks.
  const custom = resources.filter((r) => r.custom).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const symbols = new Map<string, string>();
  for (const r of custom) {
    if (r.id && !symbols.has(r.id)) symbols.set(r.id, `<id ${keyOf(r)}>`);
    const leaves: [string, string][] = [];
    for (const [k, v] of Object.entries(r.state)) if (!(k in r.inputs)) identityLeaves(v, k, leaves);
    for (const [k, v] of leaves) if (v.length >= 8 && !symbols.has(v)) symbols.set(v, `<${k} ${keyOf(r)}>`);
  }
  // Inside longer strings (policies, user data) only values of 7+ characters are replaced (API
  // Gateway ids have 7), in one pass so a replacement is never rewritten again; longest first.
  const embedded = [...symbols.keys()].filter((v) => v.length >= 7).sort((a, b) => b.length - a.length);
  const pattern = embedded.length > 0 ? new RegExp(embedded.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : undefined;
  const normalizeString = (s: string): string => {
    const exact = symbols.get(s);
    if (exact) return exact;
    return withoutEnv(pattern ? s.replace(pattern, (m) => symbols.get(m) as string) : s);
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
