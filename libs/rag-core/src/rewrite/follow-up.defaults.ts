/**
 * Words that point back at something said before. Without a topic word ahead of them in the
 * question ("what are its drawbacks?") the question depends on the conversation.
 */
export const referringWords: ReadonlySet<string> = new Set([
  'it', 'its', 'itself', 'they', 'them', 'their', 'theirs', 'themselves', 'this', 'that', 'these', 'those',
  'he', 'him', 'his', 'she', 'her', 'hers', 'former', 'latter', 'aforementioned',
]);

/**
 * Words of a request that say what kind of answer is wanted, not what it is about
 * ("give me an example", "explain in more detail"): a question made only of these and stop
 * words has no topic of its own.
 */
export const requestWords: ReadonlySet<string> = new Set([
  'again', 'another', 'answer', 'briefly', 'continue', 'define', 'definition', 'describe', 'detail', 'details',
  'difference', 'differences', 'elaborate', 'else', 'example', 'examples', 'expand', 'explain', 'explanation',
  'give', 'go', 'instance', 'instances', 'list', 'mean', 'meaning', 'means', 'more', 'question', 'say', 'says',
  'show', 'simpler', 'simply', 'summarise', 'summarize', 'summary', 'tell', 'thing', 'things', 'way', 'ways',
]);

/** Openers that continue the previous question: "what about …", "and …?", "how about …". */
export const followUpOpeners = /^\s*(?:(?:what|how)\s+about|and|also|but|so|or|what\s+else|anything\s+else)\b/i;

/** Previous user questions whose topic a follow-up borrows, most recent first. */
export const defaultMaxContextQuestions = 2;

/** Words added to a follow-up at most, so retrieval stays focused on the new question. */
export const defaultMaxContextWords = 8;
