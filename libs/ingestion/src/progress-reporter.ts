import type { ProcessingStage } from '@student-helper/shared-types';
import type { ProcessorDeps } from './processor-deps.js';

/** The document's row is gone: it was deleted while its job ran. */
export class DocumentGoneError extends Error {
  override readonly name = 'DocumentGoneError';
  constructor(readonly documentId: string) {
    super(`Document ${documentId} was deleted while it was being processed.`);
  }
}

/**
 * Writes a document's stage and progress without holding the pipeline up: `report` may be
 * called from a synchronous callback (the parser's per-page progress) and only records the
 * latest value; one write runs at a time and writes whatever is latest when it starts, and a
 * value whose stage and percent were already written is skipped. `flush` waits for the writes
 * and surfaces their failure — a database error, or DocumentGoneError when the row is gone.
 */
export class ProgressReporter {
  readonly #documents: ProcessorDeps['documents'];
  readonly #documentId: string;
  #pending: { stage: ProcessingStage; progress: number; detail: string | null } | undefined;
  #written: string | undefined;
  #writing: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(documents: ProcessorDeps['documents'], documentId: string) {
    this.#documents = documents;
    this.#documentId = documentId;
  }

  report(stage: ProcessingStage, progress: number, detail: string | null = null): void {
    if (this.#failure !== undefined) return;
    const rounded = Math.min(99, Math.max(0, Math.floor(progress)));
    if (`${stage}:${rounded}` === this.#written && this.#pending === undefined) return;
    const alreadyQueued = this.#pending !== undefined;
    this.#pending = { stage, progress: rounded, detail };
    if (!alreadyQueued) this.#writing = this.#writing.then(() => this.#writeLatest());
  }

  /** Reports and waits until it is written. */
  async set(stage: ProcessingStage, progress: number, detail: string | null = null): Promise<void> {
    this.report(stage, progress, detail);
    await this.flush();
  }

  async flush(): Promise<void> {
    await this.#writing;
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #writeLatest(): Promise<void> {
    const update = this.#pending;
    this.#pending = undefined;
    if (update === undefined || this.#failure !== undefined) return;
    const key = `${update.stage}:${update.progress}`;
    if (key === this.#written) return;
    try {
      const exists = await this.#documents.updateProgress(this.#documentId, update);
      if (!exists) this.#failure = new DocumentGoneError(this.#documentId);
      this.#written = key;
    } catch (error) {
      this.#failure = error;
    }
  }
}
