/**
 * Entity tags for numbered versions (RFC 9110 §8.8.3): version 3 is the strong tag `"v3"`. A
 * client sends back the tag it read in `If-Match`, so a change based on an old version is refused.
 */
export function versionEtag(version: number): string {
  return `"v${version}"`;
}

/** One entity tag: optional weakness prefix, then a quoted string without quotes inside. */
const ENTITY_TAG = /^(W\/)?"([^"]*)"$/;
const VERSION_TAG = /^v([1-9]\d*)$/;

/**
 * The versions an `If-Match` value names: `any` for `*`, else the versions of its strong tags.
 * If-Match compares strongly (RFC 9110 §13.1.1), so weak tags and tags that are not a version
 * of ours match nothing; undefined when the value is not `*` or a list of entity tags.
 */
export function versionsOfIfMatch(value: string): 'any' | number[] | undefined {
  if (value.trim() === '*') return 'any';
  const versions: number[] = [];
  for (const item of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const tag = ENTITY_TAG.exec(item);
    if (!tag) return undefined;
    const version = tag[1] ? undefined : VERSION_TAG.exec(tag[2]!);
    if (version) versions.push(Number(version[1]));
  }
  return value.trim() ? versions : undefined;
}
