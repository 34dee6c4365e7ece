/**
 * Turns pdf.js text-content items into clean page text, and cleans any extracted text
 * (the text layer today, OCR output later) the same way.
 *
 * Hand-written because no maintained library turns pdf.js items into reading-order lines;
 * pdf.js's own viewer positions spans absolutely instead of producing text.
 */

/** The fields of a pdf.js `TextItem` that layout needs (a structural subset, so tests need no pdf.js). */
export interface PositionedText {
  str: string;
  /** pdf.js text matrix `[a, b, c, d, e, f]`: `e`/`f` are the baseline origin in user space. */
  transform: readonly number[];
  width: number;
  height: number;
  /** pdf.js sets it when a line ends after this item. */
  hasEOL: boolean;
}

/**
 * A gap wider than this fraction of the font size between two items of one line is a word
 * break. pdf.js inserts its own space items for most gaps; this catches items it split at a
 * font change without one. Kerning and tracking stay well below 0.2 em; a space is ~0.25 em.
 */
const wordGapEm = 0.2;
/** A baseline shift larger than this fraction of the font size starts a new line (superscripts shift ~0.35 em). */
const newLineShiftEm = 0.7;
/** A line gap this many times the page's usual line spacing (or more) separates paragraphs. */
const paragraphGapFactor = 1.5;
/** Usual line spacing (baseline to baseline, in font sizes) assumed when a page has too few lines to measure. */
const defaultLineSpacingEm = 1.2;

interface Line {
  text: string;
  /** Baseline of the line's first item. */
  y: number;
  /** Largest font size on the line. */
  size: number;
}

function fontSize(item: PositionedText): number {
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d) || item.height || 1;
}

function buildLines(items: readonly PositionedText[]): Line[] {
  const lines: Line[] = [];
  let parts: string[] = [];
  let line: Line | undefined;
  let endX = 0;
  let lastY = 0;

  const flush = (): void => {
    if (line) lines.push({ ...line, text: parts.join('') });
    line = undefined;
    parts = [];
  };

  for (const item of items) {
    if (item.str.length > 0) {
      const x = item.transform[4] ?? 0;
      const y = item.transform[5] ?? 0;
      const size = fontSize(item);
      if (line && Math.abs(y - lastY) > newLineShiftEm * Math.max(size, line.size)) flush();
      if (!line) {
        line = { text: '', y, size };
      } else {
        const previous = parts[parts.length - 1] ?? '';
        const gap = x - endX;
        if (gap > wordGapEm * Math.max(size, line.size) && !/\s$/.test(previous) && !/^\s/.test(item.str)) parts.push(' ');
        line.size = Math.max(line.size, size);
      }
      parts.push(item.str);
      endX = x + item.width;
      lastY = y;
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines.filter((l) => l.text.trim().length > 0);
}

/** Median baseline-to-baseline distance in font sizes over the lines that follow each other downwards. */
function usualLineSpacing(lines: readonly Line[]): number {
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1] as Line;
    const below = lines[i] as Line;
    const drop = above.y - below.y;
    if (drop > 0) spacings.push(drop / Math.max(above.size, below.size));
  }
  if (spacings.length < 2) return defaultLineSpacingEm;
  spacings.sort((a, b) => a - b);
  return spacings[Math.floor(spacings.length / 2)] as number;
}

function joinLines(lines: readonly Line[]): string {
  const spacing = usualLineSpacing(lines);
  let text = lines[0]?.text ?? '';
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1] as Line;
    const below = lines[i] as Line;
    const drop = (above.y - below.y) / Math.max(above.size, below.size);
    // Moving up the page means a new column or a footnote placed out of order: a new block.
    const paragraph = drop < 0 || drop > spacing * paragraphGapFactor;
    text += (paragraph ? '\n\n' : '\n') + below.text;
  }
  return text;
}

/**
 * Page text from pdf.js text items: one line per text line (from `hasEOL` and baselines),
 * a space where items of one line are apart, a blank line where the vertical gap is well
 * above the page's usual line spacing; then {@link normalizeText}.
 */
export function textFromItems(items: readonly PositionedText[]): string {
  return normalizeText(joinLines(buildLines(items)));
}

/**
 * C0 controls except \n (\t and \r are handled before), DEL and C1 controls. They become a space,
 * not nothing: subset fonts without a usable character map often map the space glyph to a
 * control code (TAMReview.pdf: `Limitations\u0002in\u0002the\u0002methodology`), so a space keeps
 * the words that are readable apart; runs of debris collapse to one space.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]+/g;
/** Zero-width spaces and joiners and the BOM: formatting inside words, removed. */
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;
/** A word broken at a line end with a hyphen and continued in lower case on the next line. */
const brokenWord = /(\p{L})[-\u2010]\n(?=\p{Ll})/gu;

/**
 * Cleans extracted text for chunking and search:
 * - NFKC, so ligatures and presentation forms become plain letters (`ﬁ` → `fi`, NBSP → space);
 * - `\r\n`/`\r` → `\n`; tabs, NUL and other control characters → spaces; zero-width characters removed;
 * - soft hyphens removed, and a word hyphenated across a line break joined (`exam-\nple` →
 *   `example`). A compound that happens to break at its own hyphen loses it (`well-\nknown` →
 *   `wellknown`): without a dictionary the two cannot be told apart, typeset hyphenation is far
 *   more common in books and papers, and pdftotext joins the same way;
 * - runs of spaces collapsed, lines trimmed, at most one blank line in a row, ends trimmed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controls, ' ')
    .replace(zeroWidth, '')
    .replace(/\u00AD\n?/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(brokenWord, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
