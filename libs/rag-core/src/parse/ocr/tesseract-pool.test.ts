import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusBytes } from '../../../test/parse/corpus.js';
import { openPdf } from '../open-pdf.js';
import { locateOcrAssets } from './ocr-assets.js';
import { OcrUnavailableError } from './ocr-unavailable-error.js';
import { loadPageCanvasFactory } from './page-canvas.js';
import { renderPage } from './render-page.js';
import { TesseractPool } from './tesseract-pool.js';

/** Threads of this process: each tesseract worker is one. */
const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

/** Waits until the process has at most `count` threads (a terminated worker's thread ends shortly after). */
async function threadsSettleAt(count: number): Promise<number> {
  for (let i = 0; i < 50 && threadCount() > count; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return threadCount();
}

const noSignal = new AbortController().signal;
let scan: Uint8Array;

beforeAll(async () => {
  // scan-bad.pdf's page: a 300 dpi scan showing "pdf.js" (and the sheet's left edge, a bar read as "|"), rendered at 150 dpi to keep recognition quick.
  const doc = await openPdf(corpusBytes('hostile', 'scan-bad.pdf'));
  const page = await doc.getPage(1);
  scan = (await renderPage(page, await loadPageCanvasFactory(), { dpi: 150, maxPixels: 9_000_000 }, noSignal)) as Uint8Array;
  await doc.loadingTask.destroy();
});

describe('TesseractPool', () => {
  it('recognises a page image with the English model from node_modules, and its workers end on close', async () => {
    const before = threadCount();
    const pool = new TesseractPool({ size: 1, assets: locateOcrAssets() });
    expect(await pool.recognize(scan, noSignal)).toEqual({ text: '|\npdf.js\n', confidence: 77 });
    // The worker is reused: a second page starts no other thread, and reads the same.
    const during = threadCount();
    expect(await pool.recognize(scan, noSignal)).toEqual({ text: '|\npdf.js\n', confidence: 77 });
    expect(threadCount()).toBe(during);
    await pool.close();
    expect(await threadsSettleAt(before)).toBe(before);
  }, 120_000);

  it('stops a page when its signal aborts: its worker is terminated, the call rejects with the reason, and the next page gets a fresh worker', async () => {
    const before = threadCount();
    const pool = new TesseractPool({ size: 1, assets: locateOcrAssets() });
    await pool.recognize(scan, noSignal);
    expect(threadCount()).toBe(before + 1);
    const controller = new AbortController();
    const reason = new Error('page time is up');
    const pending = pool.recognize(scan, controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    expect(await threadsSettleAt(before)).toBe(before);
    expect(await pool.recognize(scan, noSignal)).toEqual({ text: '|\npdf.js\n', confidence: 77 });
    await pool.close();
  }, 120_000);

  it('rejects for a signal that is already aborted, keeping the worker it started for the next page', async () => {
    const pool = new TesseractPool({ size: 1, assets: locateOcrAssets() });
    const reason = new Error('no time left');
    await expect(pool.recognize(scan, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect((await pool.recognize(scan, noSignal)).text).toBe('|\npdf.js\n');
    await pool.close();
  }, 120_000);

  it('queues pages beyond its size: two pages on a pool of one both finish', async () => {
    const pool = new TesseractPool({ size: 1, assets: locateOcrAssets() });
    const results = await Promise.all([pool.recognize(scan, noSignal), pool.recognize(scan, noSignal)]);
    expect(results.map((result) => result.text)).toEqual(['|\npdf.js\n', '|\npdf.js\n']);
    await pool.close();
  }, 120_000);

  describe('without the model', () => {
    let emptyDir = '';
    beforeAll(async () => {
      emptyDir = await mkdtemp(path.join(tmpdir(), 'ocr-no-model-'));
    });
    afterAll(async () => {
      await rm(emptyDir, { recursive: true, force: true });
    });

    it('rejects with OcrUnavailableError naming the missing file, and downloads nothing', async () => {
      const pool = new TesseractPool({ size: 1, assets: { ...locateOcrAssets(), langPath: emptyDir } });
      const error = await pool.recognize(scan, noSignal).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OcrUnavailableError);
      expect((error as Error).message).toBe(
        `The OCR engine could not start: Error: ENOENT: no such file or directory, open '${path.join(emptyDir, 'eng.traineddata.gz')}'`,
      );
      await pool.close();
    }, 120_000);
  });

  it('refuses pages after close', async () => {
    const pool = new TesseractPool({ size: 1, assets: locateOcrAssets() });
    await pool.close();
    await expect(pool.recognize(scan, noSignal)).rejects.toEqual(new OcrUnavailableError('The OCR engine was closed.'));
  });
});
