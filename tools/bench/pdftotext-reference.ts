/**
 * poppler's pdftotext as the reference extractor of the parse benchmark: its timing, and its
 * text per page — of the whole page, and of the visible page (the CropBox, what a reader shows).
 * Books printed from imposition files carry printer's marks outside the CropBox (freeculture.pdf:
 * a slug line, line numbers 1–33, "4TH PASS PAGES" on every page) that pdftotext reports and
 * pdf.js does not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const maxBuffer = 1 << 28;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageBoxes {
  pageNumber: number;
  rotation: number;
  mediaBox: Box;
  cropBox: Box;
}

/** The pages' MediaBox, CropBox and rotation from `pdfinfo -box -f 1 -l N` output. */
export function parsePageBoxes(pdfinfoOutput: string): PageBoxes[] {
  const pages = new Map<number, Partial<PageBoxes>>();
  const page = (pageNumber: number): Partial<PageBoxes> => {
    const existing = pages.get(pageNumber) ?? { pageNumber };
    pages.set(pageNumber, existing);
    return existing;
  };
  for (const line of pdfinfoOutput.split('\n')) {
    const rotation = /^Page\s+(\d+) rot:\s+(-?\d+)/.exec(line);
    if (rotation) page(Number(rotation[1])).rotation = Number(rotation[2]);
    const box = /^Page\s+(\d+) (MediaBox|CropBox):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
    if (box) {
      const [x1, y1, x2, y2] = box.slice(3, 7).map(Number) as [number, number, number, number];
      page(Number(box[1]))[box[2] === 'MediaBox' ? 'mediaBox' : 'cropBox'] = { x1, y1, x2, y2 };
    }
  }
  return [...pages.values()]
    .map((entry) => {
      if (entry.rotation === undefined || !entry.mediaBox || !entry.cropBox) throw new Error(`pdfinfo gave no rotation or boxes for page ${entry.pageNumber}`);
      return entry as PageBoxes;
    })
    .sort((a, b) => a.pageNumber - b.pageNumber);
}

/** A pdftotext crop area (`-x -y -W -H`, points from the MediaBox's top-left) for a run of pages. */
export interface CropRun {
  first: number;
  last: number;
  /** Undefined for rotated pages: pdftotext's crop area follows the rotated page, so they are read whole. */
  area?: { x: number; y: number; width: number; height: number };
}

/** Consecutive pages with the same crop area, so pdftotext runs once per run instead of per page. */
export function cropRuns(pages: readonly PageBoxes[]): CropRun[] {
  const runs: CropRun[] = [];
  for (const page of pages) {
    const { mediaBox: media, cropBox: crop } = page;
    // Rounded outwards so glyphs on the edge stay in.
    const area =
      page.rotation === 0
        ? {
            x: Math.floor(crop.x1 - media.x1),
            y: Math.floor(media.y2 - crop.y2),
            width: Math.ceil(crop.x2 - crop.x1) + 1,
            height: Math.ceil(crop.y2 - crop.y1) + 1,
          }
        : undefined;
    const previous = runs[runs.length - 1];
    if (previous && previous.last === page.pageNumber - 1 && JSON.stringify(previous.area) === JSON.stringify(area)) previous.last = page.pageNumber;
    else runs.push({ first: page.pageNumber, last: page.pageNumber, ...(area ? { area } : {}) });
  }
  return runs;
}

/** pdftotext ends every page with a form feed: the text of each of `count` pages. */
export function splitPages(text: string, count: number): string[] {
  const pages = text.split('\f');
  if (pages.length !== count + 1 || pages[count] !== '') throw new Error(`expected ${count} form-feed-terminated pages, got ${pages.length - 1}`);
  return pages.slice(0, count);
}

/** Text of every page as plain `pdftotext file -` gives it (the whole MediaBox). */
export async function pdftotextPages(file: string, pageCount: number): Promise<string[]> {
  const { stdout } = await run('pdftotext', [file, '-'], { maxBuffer });
  return splitPages(stdout, pageCount);
}

/** Text of every page inside its CropBox. */
export async function pdftotextVisiblePages(file: string): Promise<string[]> {
  const { stdout: info } = await run('pdfinfo', ['-box', '-f', '1', '-l', '1000000', file], { maxBuffer });
  const pages: string[] = [];
  for (const range of cropRuns(parsePageBoxes(info))) {
    const area = range.area ? ['-x', range.area.x, '-y', range.area.y, '-W', range.area.width, '-H', range.area.height].map(String) : [];
    const { stdout } = await run('pdftotext', ['-f', String(range.first), '-l', String(range.last), ...area, file, '-'], { maxBuffer });
    pages.push(...splitPages(stdout, range.last - range.first + 1));
  }
  return pages;
}
