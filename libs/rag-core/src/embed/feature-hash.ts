/**
 * 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche step so that
 * near-identical strings ("flow", "flows") land in unrelated buckets. Hand-written because it
 * is ten lines, needs to be bit-for-bit identical on every platform and runs once per feature
 * (hundreds of thousands of times per document): a library call would add a dependency for
 * nothing.
 */
export function hashFeature(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i += 1) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
