import * as pulumi from '@pulumi/pulumi';

/** Tags every taggable resource carries. */
export const REQUIRED_TAG_KEYS = ['Project', 'ManagedBy', 'Environment', 'Name'] as const;
export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];

export const MANAGED_BY = 'pulumi';

export type Tags = Readonly<Record<string, string>>;
/** The tag shape of `@pulumi/aws-native` resources. */
export type AwsNativeTag = { readonly key: string; readonly value: string };

export interface TagContext {
  readonly project: string;
  readonly environment: string;
}

/** Project, ManagedBy and Environment: the tags a stack passes to every component. */
export function baseTags(context: TagContext, extra: Tags = {}): Tags {
  return { ...extra, Project: context.project, ManagedBy: MANAGED_BY, Environment: context.environment };
}

/** The full required set for one resource (the seed's `create_tags(environment, name)`). */
export function createTags(context: TagContext, name: string, extra: Tags = {}): Tags {
  return { ...baseTags(context, extra), Name: name };
}

/** Later maps win; `undefined` maps are skipped. */
export function mergeTags(...tags: (Tags | undefined)[]): Tags {
  return Object.assign({}, ...tags.filter((t): t is Tags => t !== undefined)) as Tags;
}

/**
 * What a component puts on each child: the tags it was given plus `Name` = the child's name.
 * Accepts Outputs so callers can pass tags computed from other resources.
 */
export function withName(
  tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
  name: string,
): pulumi.Output<Record<string, string>> {
  return pulumi.output(tags ?? {}).apply((t): Record<string, string> => ({ ...t, Name: name }));
}

/** `{ Project: 'x' }` → `[{ key: 'Project', value: 'x' }]`, sorted by key for stable diffs. */
export function toAwsNativeTags(tags: Tags): AwsNativeTag[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] as string }));
}

/** `withName` for `@pulumi/aws-native` resources. */
export function withNameNative(
  tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
  name: string,
): pulumi.Output<AwsNativeTag[]> {
  return withName(tags, name).apply(toAwsNativeTags);
}
