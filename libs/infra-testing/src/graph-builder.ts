import { ResourceGraph, type GraphResource } from './graph.js';

/**
 * Hand-made graphs for policy tests: `node('aws:s3/bucket:Bucket', 'docs', { bucket: 'b' })`.
 * The URN follows Pulumi's layout so parents can be referenced by `urnOf(type, name)`.
 */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::test::${type}::${name}`;
}

export function node(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  options: { id?: string; parent?: GraphResource } = {},
): GraphResource {
  return { urn: urnOf(type, name), type, name, parent: options.parent?.urn, id: options.id, inputs };
}

export function graphOf(...resources: GraphResource[]): ResourceGraph {
  return new ResourceGraph(resources);
}
