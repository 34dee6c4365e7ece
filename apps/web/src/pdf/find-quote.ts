/** A piece of one text item to highlight: `items[item].slice(start, end)`. */
export interface ItemRange {
  item: number;
  start: number;
  end: number;
}

/** Fewest letters and digits a partial match must cover before it is trusted. */
export const minPartialMatchChars = 12;

interface MatchKey {
  /** Letters and digits only, folded (compatibility forms, case, accents). */
  key: string;
  /** For each key character: the item and the code-unit span it came from. */
  origins: ItemRange[];
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * The quote comes from the server's normalised page text (NFKC, joined lines, de-hyphenated
 * words), the text layer from pdf.js items (raw glyph runs, ligatures, hyphens at line ends,
 * spaces as separate items). Comparing only folded letters and digits makes both sides agree
 * while keeping each character's position in the items.
 */
function buildKey(items: readonly string[]): MatchKey {
  let key = '';
  const origins: ItemRange[] = [];
  items.forEach((text, item) => {
    let offset = 0;
    for (const char of text) {
      const end = offset + char.length;
      // NFKD splits ligatures (ﬁ → fi) and accents (é → e + ◌́); dropping marks then folds accents.
      for (const folded of char.normalize('NFKD').toLowerCase()) {
        if (letterOrDigit.test(folded)) {
          key += folded;
          origins.push({ item, start: offset, end });
        }
      }
      offset = end;
    }
  });
  return { key, origins };
}

/** Longest prefix (or suffix) of `needle` found in `haystack`, by binary search: containment is monotone in length. */
function longestFound(haystack: string, needle: string, from: 'start' | 'end'): { at: number; length: number } {
  let low = 0;
  let high = needle.length;
  let at = -1;
  while (low < high) {
    const length = Math.ceil((low + high) / 2);
    const part = from === 'start' ? needle.slice(0, length) : needle.slice(needle.length - length);
    const found = haystack.indexOf(part);
    if (found >= 0) {
      low = length;
      at = found;
    } else {
      high = length - 1;
    }
  }
  return { at, length: low };
}

function toItemRanges(origins: readonly ItemRange[], from: number, to: number): ItemRange[] {
  const ranges: ItemRange[] = [];
  for (let i = from; i < to; i++) {
    const origin = origins[i] as ItemRange;
    const last = ranges[ranges.length - 1];
    if (last && last.item === origin.item) last.end = Math.max(last.end, origin.end);
    else ranges.push({ ...origin });
  }
  return ranges;
}

/**
 * Where `quote` sits in the page's text items, ignoring whitespace, punctuation, case, accents
 * and ligatures. When the whole quote is not there (a passage cut by a column or a footnote),
 * the longer of its longest found prefix and suffix is used if it has at least
 * {@link minPartialMatchChars} letters and digits. Returns [] when nothing fits.
 */
export function findQuote(items: readonly string[], quote: string): ItemRange[] {
  const page = buildKey(items);
  const wanted = buildKey([quote]).key;
  if (wanted.length === 0) return [];
  const whole = page.key.indexOf(wanted);
  if (whole >= 0) return toItemRanges(page.origins, whole, whole + wanted.length);
  const prefix = longestFound(page.key, wanted, 'start');
  const suffix = longestFound(page.key, wanted, 'end');
  const best = prefix.length >= suffix.length ? prefix : suffix;
  if (best.length < Math.min(minPartialMatchChars, wanted.length)) return [];
  return toItemRanges(page.origins, best.at, best.at + best.length);
}
