import type { GraphResource, ResourceGraph } from './graph.js';

/**
 * A rule over one resource in its graph. Returns one message per problem; an empty array
 * means the resource complies (or the rule does not apply to it).
 */
export interface Policy {
  readonly name: string;
  readonly description: string;
  check(resource: GraphResource, graph: ResourceGraph): string[];
}

export interface PolicyViolation {
  readonly policy: string;
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly message: string;
}

export function runPolicies(policies: readonly Policy[], graph: ResourceGraph): PolicyViolation[] {
  return policies.flatMap((policy) =>
    graph.resources.flatMap((resource) =>
      policy.check(resource, graph).map((message) => ({
        policy: policy.name,
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        message,
      })),
    ),
  );
}

/** One line per violation, for assertion messages and CLI output. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
  return violations.map((v) => `[${v.policy}] ${v.type} ${v.name}: ${v.message}`).join('\n');
}
