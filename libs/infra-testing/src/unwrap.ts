import * as pulumi from '@pulumi/pulumi';

/**
 * Parts of the Pulumi SDK that are public at runtime but typed `@internal`. They are the only
 * way to await an Output's value (including its failure) and to drain pending registrations,
 * which is exactly what a test harness must do; kept in this one file.
 */
interface OutputInternals<T> {
  promise(): Promise<T>;
  isKnown: Promise<boolean>;
  isSecret: Promise<boolean>;
  allResources(): Promise<unknown>;
}
interface RuntimeInternals {
  waitForRPCs(): Promise<void>;
}

/** The value inside an Input; rejects if the Output failed or is unknown (a preview). */
export async function unwrap<T>(input: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  const output = pulumi.output(input) as unknown as OutputInternals<pulumi.Unwrap<T>>;
  // A failed Output rejects all of its derived promises; the value's rejection is reported,
  // the siblings are marked handled so the test sees one error, not unhandled rejections.
  output.isSecret.catch(() => undefined);
  output.allResources().catch(() => undefined);
  const [known, value] = await Promise.all([output.isKnown, output.promise()]);
  if (!known) throw new Error('unwrap: the output is unknown (the harness runs in preview mode?)');
  return value;
}

/** Waits until every resource registration and `registerOutputs` started so far has finished. */
export async function settle(): Promise<void> {
  const runtime = pulumi.runtime as unknown as Partial<RuntimeInternals>;
  if (typeof runtime.waitForRPCs !== 'function') {
    throw new Error('settle: this @pulumi/pulumi version no longer exposes runtime.waitForRPCs');
  }
  await runtime.waitForRPCs();
}
