/**
 * Citation markers in answer text, shared by the server (which maps them to sources) and
 * the web (which renders them as buttons). Pure string code: no schema, no runtime dependency.
 */

/**
 * Citation markers as models write them: `[1]`, `[1, 2]`, `[1; 3]`, `[1-3]`, `[Source 2]`.
 * Adjacent markers (`[1][3]`) are separate matches.
 */
export const citationMarkerPattern = /\[\s*(?:sources?\s*)?(\d{1,4}(?:\s*(?:[,;]|[-–])\s*\d{1,4})*)\s*\]/gi;

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
