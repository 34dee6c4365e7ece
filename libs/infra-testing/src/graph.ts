/**
 * A recorded Pulumi program: every resource with its type, logical name, parent and inputs.
 * The same shape is written to `dist/infra/graph.<stack>.json`, so policies run on a live
 * mock run and on a graph read back from disk alike.
 */
export interface GraphResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent resource (a component), if any. */
  readonly parent?: string | undefined;
  /** Physical id the (mock) provider returned; absent for components. */
  readonly id?: string | undefined;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export class ResourceGraph {
  private readonly urnIndex = new Map<string, GraphResource>();
  private readonly idIndex = new Map<string, GraphResource>();
  private readonly childIndex = new Map<string, GraphResource[]>();

  constructor(readonly resources: readonly GraphResource[]) {
    for (const r of resources) {
      this.urnIndex.set(r.urn, r);
      if (r.id) this.idIndex.set(r.id, r);
      if (r.parent) this.childIndex.set(r.parent, [...(this.childIndex.get(r.parent) ?? []), r]);
    }
  }

  byUrn(urn: string): GraphResource | undefined {
    return this.urnIndex.get(urn);
  }

  /** The resource whose physical id is `id` (ids are unique across types in AWS). */
  byId(id: unknown): GraphResource | undefined {
    return typeof id === 'string' ? this.idIndex.get(id) : undefined;
  }

  ofType(type: string): GraphResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Parent, grandparent, … nearest first. */
  ancestors(resource: GraphResource): GraphResource[] {
    const chain: GraphResource[] = [];
    let parent = resource.parent ? this.urnIndex.get(resource.parent) : undefined;
    while (parent) {
      chain.push(parent);
      parent = parent.parent ? this.urnIndex.get(parent.parent) : undefined;
    }
    return chain;
  }

  children(resource: GraphResource): GraphResource[] {
    return this.childIndex.get(resource.urn) ?? [];
  }

  descendants(resource: GraphResource): GraphResource[] {
    return this.children(resource).flatMap((c) => [c, ...this.descendants(c)]);
  }

  /** Resources of `type` whose input `key` holds `value` (e.g. the encryption config of a bucket). */
  referencing(type: string, key: string, value: unknown): GraphResource[] {
    if (value === undefined) return [];
    return this.ofType(type).filter((r) => r.inputs[key] === value);
  }
}

/** Reads a value at a dotted path such as `metadataOptions.httpTokens` or `rules.0.sseAlgorithm`. */
export function inputAt(resource: GraphResource, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === null || value === undefined) return undefined;
    return (value as Record<string, unknown>)[key];
  }, resource.inputs);
}
