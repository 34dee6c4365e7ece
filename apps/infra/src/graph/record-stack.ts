import * as pulumi from '@pulumi/pulumi';
import { loadEnvironmentConfig } from '@student-helper/infra-shared';
import { setupMockHarness, unwrap, type MockHarness, type RecordedResource } from '@student-helper/infra-testing';
import { createStack } from '../stack.js';
import { INFRA_ROOT, readStackConfig } from './stack-config.js';

export interface RecordedStack {
  readonly stack: string;
  readonly harness: MockHarness;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
}

/**
 * Runs the stack program under Pulumi mocks with the stack's own config — no CLI, no
 * credentials, no network — and returns every resource it registered plus its outputs.
 */
export async function recordStack(stack: string, root: string = INFRA_ROOT): Promise<RecordedStack> {
  const { project, config } = readStackConfig(stack, root);
  const harness = await setupMockHarness({ project, stack, config, region: config['aws:region'] });
  const outputs = createStack(loadEnvironmentConfig());
  const resolved = (await unwrap(pulumi.output(outputs))) as Record<string, unknown>;
  await harness.settle();
  return { stack, harness, resources: harness.resources, outputs: resolved };
}

/** The graph file's entries: `{ type, name, parent, inputs }` plus `urn` and `id` for references. */
export function graphEntries(resources: readonly RecordedResource[]) {
  return [...resources]
    .sort((a, b) => a.urn.localeCompare(b.urn))
    .map(({ urn, type, name, parent, id, inputs }) => ({ type, name, parent: parent ?? null, inputs, urn, id: id ?? null }));
}
