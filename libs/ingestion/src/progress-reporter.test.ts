import { describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '@student-helper/persistence';
import type { ProcessorDeps } from './processor-deps.js';
import { DocumentGoneError, ProgressReporter } from './progress-reporter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A documents repository whose progress writes wait at a gate the test opens. */
function gatedDocuments(result: () => Promise<boolean> = async () => true) {
  const started: ProgressUpdate[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const documents = {
    updateProgress: async (_id: string, update: ProgressUpdate) => {
      started.push(update);
      await gate;
      return result();
    },
  } as unknown as ProcessorDeps['documents'];
  return { documents, started, open };
}

describe('ProgressReporter', () => {
  it('writes one value at a time: the first, then only the latest of those reported meanwhile', async () => {
    const { documents, started, open } = gatedDocuments();
    const reporter = new ProgressReporter(documents, 'd');
    reporter.report('parsing', 0.4, 'page 1/100');
    await tick();
    for (let page = 2; page <= 100; page++) reporter.report('parsing', (page / 100) * 40, `page ${page}/100`);
    expect(started).toEqual([{ stage: 'parsing', progress: 0, detail: 'page 1/100' }]);
    open();
    await reporter.flush();
    expect(started).toEqual([
      { stage: 'parsing', progress: 0, detail: 'page 1/100' },
      { stage: 'parsing', progress: 40, detail: 'page 100/100' },
    ]);
  });

  it('writes only the last of a synchronous burst', async () => {
    const { documents, started, open } = gatedDocuments();
    open();
    const reporter = new ProgressReporter(documents, 'd');
    for (let i = 1; i <= 50; i++) reporter.report('embedding', 45 + i / 2);
    await reporter.flush();
    expect(started).toEqual([{ stage: 'embedding', progress: 70, detail: null }]);
  });

  it('skips a stage and percent already written, and keeps progress within 0–99', async () => {
    const { documents, started, open } = gatedDocuments();
    open();
    const reporter = new ProgressReporter(documents, 'd');
    await reporter.set('embedding', 50.7, 'batch 1/2');
    await reporter.set('embedding', 50.2, 'batch 1/2 again');
    await reporter.set('indexing', 50.2);
    await reporter.set('indexing', 140);
    await reporter.set('indexing', -3);
    expect(started).toEqual([
      { stage: 'embedding', progress: 50, detail: 'batch 1/2' },
      { stage: 'indexing', progress: 50, detail: null },
      { stage: 'indexing', progress: 99, detail: null },
      { stage: 'indexing', progress: 0, detail: null },
    ]);
  });

  it('fails the flush with DocumentGoneError once the document is gone, and writes no more', async () => {
    const { documents, started, open } = gatedDocuments(async () => false);
    open();
    const reporter = new ProgressReporter(documents, 'doc-1');
    await expect(reporter.set('parsing', 1)).rejects.toEqual(new DocumentGoneError('doc-1'));
    reporter.report('parsing', 20);
    await expect(reporter.flush()).rejects.toBeInstanceOf(DocumentGoneError);
    expect(started).toHaveLength(1);
  });

  it('surfaces a failed write at the next flush', async () => {
    const { documents, open } = gatedDocuments(async () => {
      throw new Error('connection lost');
    });
    open();
    const reporter = new ProgressReporter(documents, 'd');
    reporter.report('chunking', 41);
    await expect(reporter.flush()).rejects.toThrow('connection lost');
  });
});
