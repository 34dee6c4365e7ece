import { REQUIRED_TAG_KEYS } from '@student-helper/infra-shared';
import type { GraphResource } from '../graph.js';
import type { Policy } from '../policy.js';
import { isTaggable } from '../taggable.js';

function tagsOf(resource: GraphResource): Record<string, string> {
  const tags = resource.inputs['tags'];
  if (Array.isArray(tags)) {
    // aws-native form: [{ key, value }]
    return Object.fromEntries((tags as { key?: string; value?: string }[]).map((t) => [String(t.key), String(t.value ?? '')]));
  }
  return (tags as Record<string, string> | undefined) ?? {};
}

export const requiredTags: Policy = {
  name: 'required-tags',
  description: `Every taggable resource carries ${REQUIRED_TAG_KEYS.join(', ')}.`,
  check(resource) {
    // Components have no physical id and no tags of their own.
    if (!resource.id || !isTaggable(resource.type)) return [];
    const tags = tagsOf(resource);
    const missing = REQUIRED_TAG_KEYS.filter((key) => !tags[key]);
    return missing.length === 0 ? [] : [`Missing tags: ${missing.join(', ')}`];
  },
};
