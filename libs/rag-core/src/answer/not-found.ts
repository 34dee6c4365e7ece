/**
 * The sentence an answerer says when the documents do not contain the answer. LLM answerers
 * are told to use it verbatim; the extractive answerer and the chat flow emit it themselves;
 * the citation parser recognises it to report the outcome `not_found`.
 */
export const NOT_FOUND_ANSWER = 'I could not find this in your documents.';

// Models paraphrase a prescribed sentence slightly; accept the close variants, not any denial.
const notFoundPattern =
  /\bi\s+(?:could\s+not|couldn['’]t|cannot|can\s+not|can['’]t)\s+find\s+(?:this|that|it|the\s+answer(?:\s+to\s+(?:this|that))?)\s+in\s+(?:your|the)\s+(?:documents|sources)\b/i;

/** Whether `text` says the answer is not in the documents (the {@link NOT_FOUND_ANSWER} sentence or a close variant). */
export function saysNotFound(text: string): boolean {
  return notFoundPattern.test(text);
}
