/**
 * Character and word statistics of a page's extracted text, from which {@link assessPageText}
 * decides whether the text layer can be used or the page needs OCR.
 *
 * Two views of the same page are measured: the raw strings pdf.js produced (before
 * normalisation maps control characters to spaces, so glyphs a font could not map are still
 * visible) and the normalised page text (what would be chunked and searched).
 */
export interface TextQuality {
  /** Non-whitespace characters of the raw text. */
  rawChars: number;
  /**
   * Share of {@link rawChars} that stand for glyphs the font could not map to Unicode: control
   * characters (except a lone one between letters or digits, which broken fonts use for the
   * space glyph), U+FFFD replacement characters and private-use code points.
   */
  unmappedShare: number;
  /** Non-whitespace characters of the normalised text. */
  textChars: number;
  /**
   * Share of {@link textChars} inside tokens that read as words (letters, with a vowel when the
   * word is in Latin script) or as numbers (digits with separators, currency, percent).
   */
  readableShare: number;
  /** Letters in word tokens; the basis of {@link meanWordLength}. */
  wordLetters: number;
  /** Mean length in letters of the word tokens; implausibly long when a font lost its spaces. */
  meanWordLength: number;
}

/** C0 and C1 control characters except the whitespace ones (\t, \n, \r); the set normalisation turns into spaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const letterOrDigit = /[\p{L}\p{N}]/u;
const whitespace = /\s/u;
const privateUse = /\p{Co}/u;
/** A token without its leading and trailing punctuation and symbols. */
const tokenEdges = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** Letters, possibly joined by apostrophes, dots or hyphens (`don't`, `e.g`, `state-of-the-art`). */
const wordShape = /^\p{L}[\p{L}\p{M}'’.-]*$/u;
const latinOnly = /^[\p{Script=Latin}\p{M}'’.-]+$/u;
/** Vowels after NFD has split off the accents; `y` counts (`rhythm`, `by`). */
const latinVowel = /[aeiouy]/iu;
/** Digits with the separators, signs, brackets, currency and percent that tables wrap them in (`(1,234.5)`, `$12`, `-3%`, `2019/20`). */
const numberShape = /^[\p{Sc}(+\-−]*\d[\d.,:/%\-–]*[)%]?$/u;

function isWord(core: string): boolean {
  if ([...core].length < 2 || !wordShape.test(core)) return false;
  return !latinOnly.test(core) || latinVowel.test(core.normalize('NFD'));
}

/** Measures `rawText` (pdf.js item strings joined by spaces) and `text` (the normalised page text). */
export function measureTextQuality(rawText: string, text: string): TextQuality {
  const raw = [...rawText];
  let rawChars = 0;
  let unmapped = 0;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (control.test(char)) {
      rawChars++;
      const spaceLike = letterOrDigit.test(raw[i - 1] ?? '') && letterOrDigit.test(raw[i + 1] ?? '');
      if (!spaceLike) unmapped++;
    } else if (!whitespace.test(char)) {
      rawChars++;
      if (char === '\uFFFD' || privateUse.test(char)) unmapped++;
    }
  }

  let textChars = 0;
  let readableChars = 0;
  let words = 0;
  let wordLetters = 0;
  for (const token of text.split(/\s+/u)) {
    if (token.length === 0) continue;
    const length = [...token].length;
    textChars += length;
    const core = token.replace(tokenEdges, '');
    if (isWord(core)) {
      readableChars += length;
      words++;
      wordLetters += core.match(/\p{L}/gu)?.length ?? 0;
    } else if (numberShape.test(token)) {
      readableChars += length;
    }
  }

  return {
    rawChars,
    unmappedShare: rawChars === 0 ? 0 : unmapped / rawChars,
    textChars,
    readableShare: textChars === 0 ? 0 : readableChars / textChars,
    wordLetters,
    meanWordLength: words === 0 ? 0 : wordLetters / words,
  };
}
