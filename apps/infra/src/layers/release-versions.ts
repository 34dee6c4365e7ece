import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INFRA_ROOT } from '../graph/stack-config.js';

/**
 * The processor image tag to run when the stack does not name one (`processor_image_tag`):
 * the processor's package version, which its image build tags and pushes. `apps/infra` depends
 * implicitly on the processor, so a version bump makes the stack affected.
 */
export function defaultProcessorImageTag(root: string = INFRA_ROOT): string {
  const file = path.join(root, '../processor/package.json');
  const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') throw new Error(`${file} has no version to tag the processor image with`);
  return version;
}
