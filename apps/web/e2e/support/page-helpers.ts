import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './paths';

/** Saves a screenshot of the viewport to docs/screenshots/<name>.png (linked from the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** Letters and digits only, folded: how the viewer itself compares a quote with the page text. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Only elements inside an `ancestor` whose `nameSelector` child reads exactly `name`. */
export interface RowFilter {
  ancestor: string;
  nameSelector: string;
  name: string;
}

/**
 * Starts recording, inside the page, every distinct text the elements matching `selector`
 * show (read with `recorded(page, key)`): how the test sees statuses change and tokens arrive
 * without racing the UI with its own polling.
 */
export async function recordTexts(page: Page, key: string, selector: string, filter?: RowFilter): Promise<void> {
  await page.evaluate(
    ({ key, selector, filter }) => {
      const store = ((window as unknown as { __recorded?: Record<string, string[]> }).__recorded ??= {});
      const seen: string[] = (store[key] = []);
      const read = () => {
        for (const element of document.querySelectorAll(selector)) {
          if (filter && element.closest(filter.ancestor)?.querySelector(filter.nameSelector)?.textContent !== filter.name) continue;
          const text = element.textContent ?? '';
          if (seen[seen.length - 1] !== text) seen.push(text);
        }
      };
      read();
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { key, selector, filter },
  );
}

export function recorded(page: Page, key: string): Promise<string[]> {
  return page.evaluate((key) => (window as unknown as { __recorded: Record<string, string[]> }).__recorded[key] ?? [], key);
}
