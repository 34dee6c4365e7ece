import { isContentWord, termOf, words } from '../answer/terms.js';
import { followUpOpeners, referringWords, requestWords } from './follow-up.defaults.js';

/** A word that names a topic: not a stop word, not a request word ("explain", "example"). */
function isTopical(word: string): boolean {
  return isContentWord(word) && !requestWords.has(word);
}

/**
 * Whether a question needs the conversation to be understood: it opens like a continuation
 * ("what about …", "and …"), has no topic word at all ("why?", "give me an example"), or
 * uses a referring word ("it", "this", "their") before any topic word it could refer to.
 */
export function isFollowUp(question: string): boolean {
  if (followUpOpeners.test(question)) return true;
  const spans = words(question);
  if (!spans.some(({ word }) => isTopical(word))) return true;
  for (const { word } of spans) {
    if (isTopical(word)) return false;
    if (referringWords.has(word)) return true;
  }
  return false;
}

/**
 * The topic of a question as phrases in its own spelling: runs of adjacent topic words
 * ("light reactions", "Calvin cycle"), in order.
 */
export function topicPhrases(text: string): string[][] {
  const phrases: string[][] = [];
  let current: string[] = [];
  let lastEnd = -1;
  for (const span of words(text)) {
    const adjacent = lastEnd >= 0 && /^[\s-]*$/u.test(text.slice(lastEnd, span.start));
    if (!isTopical(span.word) || !adjacent) {
      if (current.length > 0) phrases.push(current);
      current = [];
    }
    if (isTopical(span.word)) current.push(text.slice(span.start, span.end).replace(/['’]s$/u, ''));
    lastEnd = span.end;
  }
  if (current.length > 0) phrases.push(current);
  return phrases;
}

/** Stemmed topic terms of a text, to tell whether a word is already present. */
export function topicTerms(text: string): Set<string> {
  return new Set(words(text).filter(({ word }) => isTopical(word)).map(({ word }) => termOf(word)));
}
