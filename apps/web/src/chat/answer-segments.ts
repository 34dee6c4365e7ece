import { citationMarkerPattern, markerNumbers } from '@student-helper/shared-types';

/** A run of answer text, or one citation marker (`[1]`, `[1, 2]`, `[2-4]`) with the sources it names. */
export type AnswerSegment = { kind: 'text'; text: string } | { kind: 'marker'; text: string; markers: number[] };

/** Splits answer text around its citation markers, so each marker can become a button. */
export function splitAnswer(text: string): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let at = 0;
  // A fresh RegExp: the shared pattern is global, and its lastIndex must not leak between calls.
  for (const match of text.matchAll(new RegExp(citationMarkerPattern.source, citationMarkerPattern.flags))) {
    const markers = markerNumbers(match[1] ?? '');
    if (markers.length === 0) continue;
    if (match.index > at) segments.push({ kind: 'text', text: text.slice(at, match.index) });
    segments.push({ kind: 'marker', text: match[0], markers });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}
