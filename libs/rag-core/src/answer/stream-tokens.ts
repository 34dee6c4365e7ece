/**
 * Cuts text into the pieces a streaming UI receives: each word with the whitespace after it,
 * so joining the pieces gives the text back exactly.
 */
export function streamTokens(text: string): string[] {
  const leading = /^\s+/u.exec(text)?.[0] ?? '';
  const pieces = text.slice(leading.length).match(/\S+\s*/gu) ?? [];
  if (leading !== '') {
    if (pieces.length === 0) return [leading];
    pieces[0] = leading + pieces[0];
  }
  return pieces;
}
