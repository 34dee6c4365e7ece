import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server';
import { launchChromium } from './support/browser';
import { corpusFile } from './support/paths';
import { foldText, recorded, recordTexts, screenshot } from './support/page-helpers';

/**
 * A student's whole visit against the real app (API + local worker + web build, offline
 * models): start a session, upload the TraceMonkey paper and a password-protected PDF, ask a
 * question and watch it stream, open a citation in the PDF viewer, stop an answer, reload.
 * Screenshots of the main states go to docs/screenshots/.
 */
describe('the student flow in Chromium', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  const pageErrors: string[] = [];

  /** Slows the page's downloads so streamed tokens arrive over seconds, as from a remote model. */
  const throttle = (bytesPerSecond: number | undefined) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: bytesPerSecond ?? -1,
      uploadThroughput: -1,
    });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts a session', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Student Helper');
    await screenshot(page, '01-start');
    await page.getByLabel('Title (optional)').fill('TraceMonkey paper');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { level: 2, name: 'TraceMonkey paper' }).waitFor();
    expect(await page.getByText('No documents yet. Add the PDFs you want to ask about.').isVisible()).toBe(true);
  });

  it('uploads a paper and shows it processing until it is ready', async () => {
    await recordTexts(page, 'tracemonkey', 'li.doc .doc__status', { ancestor: 'li.doc', nameSelector: '.doc__name', name: 'tracemonkey.pdf' });
    await page.locator('input[type=file]').setInputFiles(corpusFile('real', 'tracemonkey.pdf'));
    const row = page.locator('li.doc', { hasText: 'tracemonkey.pdf' });
    await row.getByText('Ready · 14 pages').waitFor({ timeout: 120_000 });
    const statuses = await recorded(page, 'tracemonkey');
    // Every status it went through is one the UI defines, in pipeline order, ending ready.
    expect(statuses.at(-1)).toBe('Ready · 14 pages');
    expect(statuses.some((s) => s === 'Waiting to be processed' || /^(Reading pages|Splitting into passages|Embedding passages|Indexing|Processing) · \d+%/.test(s))).toBe(true);
    for (const status of statuses) {
      expect(status).toMatch(/^(Uploading · \d+%|Waiting to be processed|(Reading pages|Splitting into passages|Embedding passages|Indexing|Processing) · \d+%( · .+)?|Ready · 14 pages)$/);
    }
  });

  it('explains why a password-protected PDF cannot be used', async () => {
    await page.locator('input[type=file]').setInputFiles(corpusFile('hostile', 'issue6010_1.pdf'));
    const row = page.locator('li.doc', { hasText: 'issue6010_1.pdf' });
    const reason = row.locator('.doc__status--error');
    await reason.waitFor({ timeout: 60_000 });
    expect(await reason.textContent()).toMatch(/^(Upload failed: )?This PDF is password-protected\.$/);
    await screenshot(page, '02-documents');
  });

  let citationPage = 0;
  let citationQuote = '';

  it('streams an answer token by token, with citations', async () => {
    await recordTexts(page, 'answer', '.turn--streaming .answer__text');
    await throttle(400);
    await page.getByLabel('Ask a question').fill('What is a trace tree?');
    await page.getByLabel('Ask a question').press('Enter');
    await page.getByText('What is a trace tree?', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.locator('.turn--streaming .answer__text').waitFor({ timeout: 60_000 });
    await screenshot(page, '03-streaming');
    const answer = page.getByRole('article', { name: 'Answer' }).last();
    await answer.getByRole('list', { name: 'Sources' }).waitFor({ timeout: 120_000 });
    await throttle(undefined);
    await page.getByRole('button', { name: 'Ask' }).waitFor();

    const finalText = (await answer.locator('.answer__text').textContent()) ?? '';
    // What the answer showed while streaming, then its final text: at least three successive
    // texts, each extending the one before.
    const states = [...(await recorded(page, 'answer')), finalText].filter((text, i, all) => text !== '' && text !== all[i - 1]);
    expect(states.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < states.length; i++) expect((states[i] as string).startsWith(states[i - 1] as string)).toBe(true);
    expect(finalText).toMatch(/\[\d+(, \d+)*\]/);

    const marker = answer.locator('button.marker__button').first();
    const label = (await marker.getAttribute('aria-label')) ?? '';
    const match = /^Source (\d+): tracemonkey\.pdf, page (\d+)$/.exec(label);
    expect(match).not.toBeNull();
    citationPage = Number(match?.[2]);
    const source = answer.locator('li.citation', { has: page.getByRole('button', { name: `Open ${label}` }) });
    citationQuote = (await source.locator('blockquote').textContent()) ?? '';
    expect(citationQuote.length).toBeGreaterThan(10);
    expect(await answer.locator('.turn__status').textContent()).toBe('Answer');
    await answer.scrollIntoViewIfNeeded();
    await screenshot(page, '04-answer');
  });

  it('opens a citation at its page with the quoted passage highlighted', async () => {
    await page.getByRole('article', { name: 'Answer' }).last().locator('button.marker__button').first().click();
    const viewer = page.getByRole('dialog', { name: 'tracemonkey.pdf' });
    await viewer.waitFor();
    await viewer.getByText(`Page ${citationPage} of 14`).waitFor({ timeout: 60_000 });
    await viewer.getByText(`The cited passage is highlighted on page ${citationPage}.`).waitFor({ timeout: 60_000 });
    const marks = await viewer.locator('.textLayer mark.quote-highlight').allTextContents();
    const highlighted = foldText(marks.join(''));
    expect(highlighted.length).toBeGreaterThanOrEqual(Math.min(12, foldText(citationQuote).length));
    expect(foldText(citationQuote)).toContain(highlighted);
    // The page itself was drawn: the canvas holds ink, not only white.
    const inked = await viewer.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 128) dark += 1;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
    await screenshot(page, '05-viewer');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'hidden' });
  });

  it('says plainly when the documents do not hold the answer', async () => {
    await page.getByLabel('Ask a question').fill('What is the recipe for a chocolate banana cake?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const notFound = page.getByRole('article', { name: 'Not in your documents' }).last();
    await notFound.waitFor({ timeout: 60_000 });
    expect(await notFound.locator('.turn__status').textContent()).toBe('∅ Not in your documents');
    expect(await notFound.getByRole('list', { name: 'Sources' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Ask' }).waitFor();
    await screenshot(page, '06-not-found');
  });

  it('stops an answer on request', async () => {
    await throttle(300);
    await page.getByLabel('Ask a question').fill('How does the tracing JIT handle nested loops?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.locator('.turn--streaming .answer__text').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    const stopped = page.getByRole('article', { name: 'Answer' }).last();
    await stopped.locator('.turn__status', { hasText: 'Stopped' }).waitFor();
    await throttle(undefined);
    await page.getByRole('button', { name: 'Ask' }).waitFor();
  });

  it('restores the conversation after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'TraceMonkey paper' }).waitFor();
    await page.getByText('What is a trace tree?', { exact: true }).waitFor();
    const first = page.getByRole('article', { name: 'Answer' }).first();
    await first.locator('button.marker__button').first().waitFor();
    expect(await first.locator('.turn__status').textContent()).toBe('Answer');
    // The password-protected file was refused at upload: nothing of it was stored, so nothing comes back.
    expect(await page.locator('li.doc', { hasText: 'issue6010_1.pdf' }).count()).toBe(0);
    expect(await page.locator('li.doc', { hasText: 'tracemonkey.pdf' }).getByText('Ready · 14 pages').count()).toBe(1);
    await screenshot(page, '07-history');
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('heading', { level: 2, name: 'TraceMonkey paper' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await screenshot(page, '08-phone');
    expect(pageErrors).toEqual([]);
  });
});
