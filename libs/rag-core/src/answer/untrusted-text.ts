/**
 * Text from documents (and document names) goes into prompts between XML-like tags. A PDF that
 * contains `</source>` must not be able to close the block and speak outside it, so the `<` of
 * any tag-like sequence naming one of our delimiters becomes `‹` (U+2039): readable to a model,
 * inert as markup.
 */
export function neutraliseDelimiters(text: string, tagNames: readonly string[]): string {
  const names = tagNames.map((name) => name.replace(/[^a-z0-9_-]/gi, '')).join('|');
  return text.replace(new RegExp(`<(?=\\s*/?\\s*(?:${names})\\b)`, 'gi'), '‹');
}

/** Escapes a value for a double-quoted attribute of a prompt tag. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n\t]+/g, ' ');
}
