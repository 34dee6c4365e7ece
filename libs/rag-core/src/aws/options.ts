import { nonEmpty } from '../adapter-support/arguments.js';

/**
 * The Region when an adapter builds its own SDK client. Required: the SDK would silently fall
 * back to `AWS_REGION` and hide a missing setting.
 */
export function requireRegion(region: string | undefined): string {
  return nonEmpty(region, 'region');
}

