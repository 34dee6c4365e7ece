/**
 * The Region when an adapter builds its own SDK client. Required: the SDK would silently fall
 * back to `AWS_REGION` and hide a missing setting.
 */
export function requireRegion(region: string | undefined): string {
  return nonEmpty(region, 'region');
}

export function nonEmpty(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} must be a non-empty string.`);
  return value;
}
