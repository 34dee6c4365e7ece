import { citationMarkerPattern } from '@student-helper/shared-types';

// The pattern and its number parsing live in shared-types: the web renders the same markers.
export { citationMarkerPattern, markerNumbers } from '@student-helper/shared-types';

// The longest a marker may get before we stop waiting for its `]` (e.g. "[Sources 12, 13, 14]").
const maxMarkerLength = 40;
const partialMarker = /^\[\s*(?:s(?:o(?:u(?:r(?:c(?:es?)?)?)?)?)?\s*)?[\d\s,;–-]*$/i;

/**
 * Where an unfinished marker starts at the end of streamed text (`"... claim [1,"`), so a
 * streaming reader waits for more text before deciding; -1 when the tail cannot become one.
 */
export function partialMarkerStart(text: string): number {
  // Only the tail can hold an unfinished marker; searching just it keeps streaming linear.
  const tailStart = Math.max(0, text.length - maxMarkerLength);
  const inTail = text.slice(tailStart).lastIndexOf('[');
  if (inTail < 0) return -1;
  const open = tailStart + inTail;
  return partialMarker.test(text.slice(open)) ? open : -1;
}

/** `text` without citation markers (and the space before each), e.g. for replaying history. */
export function stripCitationMarkers(text: string): string {
  return text.replace(new RegExp(`[ \\t]*${citationMarkerPattern.source}`, 'gi'), '');
}
