/** A configured adapter that this build (or this installation) cannot load. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
  constructor(
    /** The setting that selected it, e.g. `VECTOR_STORE=s3vectors`. */
    readonly setting: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting} is not available in this build: ${reason}`, options);
  }
}
