/**
 * Citation markers as models write them: `[1]`, `[1, 2]`, `[1; 3]`, `[1-3]`, `[Source 2]`.
 * Adjacent markers (`[1][3]`) are separate matches.
 */
export const citationMarkerPattern = /\[\s*(?:sources?\s*)?(\d{1,4}(?:\s*(?:[,;]|[-–])\s*\d{1,4})*)\s*\]/gi;

// The longest a marker may get before we stop waiting for its `]` (e.g. "[Sources 12, 13, 14]").
const maxMarkerLength = 40;
const partialMarker = /^\[\s*(?:s(?:o(?:u(?:r(?:c(?:es?)?)?)?)?)?\s*)?[\d\s,;–-]*$/i;

/** The marker numbers of a marker's inner text (`"1, 2"`, `"2-4"`), ranges expanded, in order. */
export function markerNumbers(body: string): number[] {
  const numbers: number[] = [];
  for (const part of body.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      // A reversed or huge range is a typo, not a citation of dozens of sources.
      if (to < from || to - from > 20) continue;
      for (let n = from; n <= to; n++) numbers.push(n);
    } else if (/^\d+$/.test(part)) {
      numbers.push(Number(part));
    }
  }
  return numbers;
}

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
