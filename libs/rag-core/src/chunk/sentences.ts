import { trim, type Span } from './spans.js';

/**
 * Words that end with a period but rarely end a sentence. Unicode sentence segmentation
 * (UAX #29, what `Intl.Segmenter` implements) breaks after "Fig. 3"-style abbreviations
 * whenever an upper-case word or a digit follows; these are merged back.
 * "etc." is left out on purpose: it ends sentences as often as not.
 */
const abbreviations = new Set([
  'al.', 'approx.', 'art.', 'cf.', 'ch.', 'co.', 'corp.', 'dept.', 'dr.', 'e.g.', 'eq.', 'eqs.', 'est.',
  'fig.', 'figs.', 'i.e.', 'inc.', 'jr.', 'ltd.', 'mr.', 'mrs.', 'ms.', 'mt.', 'no.', 'nos.', 'p.', 'pp.',
  'prof.', 'ref.', 'refs.', 'rev.', 'sec.', 'sr.', 'st.', 'tab.', 'vol.', 'vols.', 'vs.',
]);

/** "J." (an initial) or "U.S." / "e.g." (dotted letters). */
const initialism = /^(?:\p{L}\.)+$/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function endsWithAbbreviation(sentence: string): boolean {
  const lastWord = sentence.slice(sentence.search(/\S+$/u)).replace(/^[("'“‘[]+/u, '');
  return abbreviations.has(lastWord.toLowerCase()) || initialism.test(lastWord);
}

/**
 * Sentences inside `within`, trimmed, in order. Single line breaks are treated as spaces
 * (PDF text breaks lines mid-sentence; UAX #29 would end a sentence at every one), so a
 * sentence may span lines; blank lines are expected to have been split off as paragraphs.
 */
export function sentenceSpans(text: string, within: Span): Span[] {
  // Same length as the original, so segment offsets are offsets into `text`.
  const flattened = text.slice(within.start, within.end).replace(/[\r\n]/gu, ' ');
  const sentences: Span[] = [];
  let pending: Span | undefined;
  for (const { index, segment } of segmenter.segment(flattened)) {
    const span = trim(text, { start: within.start + index, end: within.start + index + segment.length });
    if (span === undefined) continue;
    const merged: Span = pending === undefined ? span : { start: pending.start, end: span.end };
    if (endsWithAbbreviation(text.slice(merged.start, merged.end))) {
      pending = merged;
    } else {
      sentences.push(merged);
      pending = undefined;
    }
  }
  if (pending !== undefined) sentences.push(pending);
  return sentences;
}
