import type { RecordedResource } from '@student-helper/infra-testing';

/** Library order of the subgraphs: the stack's layers, bottom up. */
const LAYERS = ['networking', 'security', 'storage', 'messaging', 'compute', 'edge'];

/** Output keys whose values identify a resource well enough to trace wiring. */
const IDENTITY_KEY = /(arn|id|url|name|endpoint|address|domainname)$/i;

interface Component {
  readonly urn: string;
  readonly layer: string;
  readonly kind: string;
  readonly name: string;
}

export interface Wire {
  readonly from: string;
  readonly to: string;
  readonly inputs: readonly string[];
}

function componentOf(resource: RecordedResource, byUrn: Map<string, RecordedResource>): RecordedResource | undefined {
  let current: RecordedResource | undefined = resource;
  while (current?.parent) current = byUrn.get(current.parent);
  return current && !current.custom ? current : undefined;
}

function strings(value: unknown, key: string, out: [string, string][]): void {
  if (typeof value === 'string') out.push([key, value]);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, key, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, key, out));
}

/**
 * Which top-level component feeds which: a resource's input holding another component's id,
 * ARN, URL or name (exactly, or an ARN / AWS host name inside a longer string such as a JSON
 * policy or an image URI) is a wire, labelled with the input it lands in.
 */
export function traceWiring(resources: readonly RecordedResource[]): { components: Component[]; wires: Wire[] } {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const components: Component[] = resources
    .filter((r) => !r.custom && !r.parent && !r.type.startsWith('pulumi:'))
    .map((r) => {
      const [pkg = '', layer = '', kind = r.type] = r.type.split(':');
      return { urn: r.urn, layer: pkg === 'student-helper' ? layer : 'other', kind, name: r.name };
    });

  const owners = new Map<string, Set<string>>();
  for (const r of resources) {
    const owner = r.custom ? componentOf(r, byUrn) : undefined;
    if (!owner) continue;
    // Own outputs only: state also echoes inputs, and an echoed `vpcId` is not this resource's identity.
    const outputs = Object.entries(r.state).filter(([k, v]) => IDENTITY_KEY.test(k) && typeof v === 'string' && !(k in r.inputs));
    const identities = [r.id, ...outputs.map(([, v]) => v as string)];
    for (const value of identities) {
      if (typeof value !== 'string' || value.length < 8) continue;
      owners.set(value, (owners.get(value) ?? new Set()).add(owner.urn));
    }
  }
  // A value owned by several components (a Region, a shared name) identifies nothing.
  const identity = new Map([...owners].filter(([, set]) => set.size === 1).map(([value, set]) => [value, [...set][0] as string]));
  // Values distinctive enough to find inside longer strings (policies, image URIs, user data).
  const embeddable = [...identity.keys()].filter((v) => v.startsWith('arn:') || v.includes('.amazonaws.com'));

  const wires = new Map<string, Set<string>>();
  for (const r of resources) {
    const consumer = r.custom ? componentOf(r, byUrn) : undefined;
    if (!consumer) continue;
    const values: [string, string][] = [];
    for (const [key, value] of Object.entries(r.inputs)) if (key !== 'tags') strings(value, key, values);
    for (const [key, value] of values) {
      const producers = new Set<string>();
      const exact = identity.get(value);
      if (exact) producers.add(exact);
      else for (const known of embeddable) if (value.includes(known)) producers.add(identity.get(known) as string);
      for (const producer of producers) {
        if (producer === consumer.urn) continue;
        const edge = `${producer}\u0000${consumer.urn}`;
        wires.set(edge, (wires.get(edge) ?? new Set()).add(key));
      }
    }
  }
  return {
    components,
    wires: [...wires].map(([edge, keys]) => {
      const [from, to] = edge.split('\u0000') as [string, string];
      return { from, to, inputs: [...keys].sort() };
    }),
  };
}

/** A Mermaid flowchart of the stack's components grouped by library, with their wiring. */
export function mermaidDiagram(resources: readonly RecordedResource[]): string {
  const { components, wires } = traceWiring(resources);
  const order = (c: Component) => {
    const i = LAYERS.indexOf(c.layer);
    return i === -1 ? LAYERS.length : i;
  };
  const sorted = [...components].sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  const ids = new Map(sorted.map((c, i) => [c.urn, `c${i + 1}`]));
  const lines = ['flowchart LR'];
  for (const layer of [...new Set(sorted.map((c) => c.layer))]) {
    lines.push(`  subgraph ${layer}`);
    for (const c of sorted.filter((x) => x.layer === layer)) lines.push(`    ${ids.get(c.urn)}["${c.kind}<br/>${c.name}"]`);
    lines.push('  end');
  }
  const edges = wires
    .filter((w) => ids.has(w.from) && ids.has(w.to))
    .map((w) => {
      const label = w.inputs.length > 3 ? `${w.inputs.slice(0, 3).join(', ')}, …` : w.inputs.join(', ');
      return `  ${ids.get(w.from)} -->|${label}| ${ids.get(w.to)}`;
    })
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...lines, ...edges].join('\n');
}
