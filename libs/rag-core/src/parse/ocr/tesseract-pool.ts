import Tesseract from 'tesseract.js';
import type { OcrAssets } from './ocr-assets.js';
import { OcrUnavailableError } from './ocr-unavailable-error.js';

/** What recognising one page image gave: its text and tesseract's mean word confidence (0–100). */
export interface Recognition {
  text: string;
  confidence: number;
}

export interface TesseractPoolOptions {
  /** Tesseract workers at most; each is a thread with its own WebAssembly instance and model. */
  size: number;
  assets: OcrAssets;
}

/**
 * Up to `size` tesseract.js workers (English, LSTM engine), started on first use and reused.
 * The model is read from `assets.langPath` with caching off: nothing is downloaded and nothing
 * written. Hand-rolled rather than tesseract.js's scheduler because a page that runs past its
 * time limit must stop: the only way to stop tesseract mid-page is to terminate its worker, and
 * the scheduler can neither cancel a job nor replace one of its workers.
 */
export class TesseractPool {
  readonly #options: TesseractPoolOptions;
  readonly #idle: Tesseract.Worker[] = [];
  /** Callers waiting for a worker to come free (or for room to start one). */
  readonly #waiting: (() => void)[] = [];
  #live = 0;
  #closed = false;

  constructor(options: TesseractPoolOptions) {
    this.#options = options;
  }

  /**
   * Recognises a page image (PNG bytes). Aborting `signal` terminates the worker that is busy
   * with it (a fresh one starts for the next page) and rejects with `signal.reason`. Rejects with
   * {@link OcrUnavailableError} when no worker can be started.
   */
  async recognize(image: Uint8Array, signal: AbortSignal): Promise<Recognition> {
    const worker = await this.#acquire();
    if (signal.aborted) {
      this.#release(worker);
      throw signal.reason;
    }
    return new Promise<Recognition>((resolve, reject) => {
      const onAbort = (): void => {
        this.#discard(worker);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.recognize(image).then(
        ({ data }) => {
          signal.removeEventListener('abort', onAbort);
          this.#release(worker);
          resolve({ text: data.text, confidence: data.confidence });
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          // Tesseract reports a failed job as a bare string; a worker that failed once is not trusted again.
          this.#discard(worker);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Terminates every worker; pages still being recognised are abandoned. */
  async close(): Promise<void> {
    this.#closed = true;
    const idle = this.#idle.splice(0);
    this.#live -= idle.length;
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  async #acquire(): Promise<Tesseract.Worker> {
    for (;;) {
      if (this.#closed) throw new OcrUnavailableError('The OCR engine was closed.');
      const idle = this.#idle.pop();
      if (idle) return idle;
      if (this.#live < this.#options.size) {
        this.#live++;
        try {
          return await this.#start();
        } catch (error) {
          this.#live--;
          this.#wakeOne();
          throw error;
        }
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #release(worker: Tesseract.Worker): void {
    if (this.#closed) {
      this.#live--;
      void worker.terminate();
      return;
    }
    this.#idle.push(worker);
    this.#wakeOne();
  }

  #discard(worker: Tesseract.Worker): void {
    this.#live--;
    void worker.terminate();
    this.#wakeOne();
  }

  #wakeOne(): void {
    this.#waiting.shift()?.();
  }

  #start(): Promise<Tesseract.Worker> {
    const { workerPath, langPath } = this.#options.assets;
    return new Promise<Tesseract.Worker>((resolve, reject) => {
      const fail = (error: unknown): void =>
        reject(new OcrUnavailableError(`The OCR engine could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
        workerPath,
        langPath,
        gzip: true,
        cacheMethod: 'none',
        // Without a handler tesseract.js throws job failures from its message listener, which
        // would take down the PDF worker thread. Failures while starting (a missing model) reach
        // only this handler: tesseract.js's createWorker then never settles.
        errorHandler: fail,
      })
        // Tesseract writes diagnostics ("Image too small to scale!!") to the process's output
        // for every odd line it meets; they say nothing the page's confidence does not.
        .then(async (worker) => {
          await worker.setParameters({ debug_file: '/dev/null' });
          return worker;
        })
        .then(resolve, fail);
    });
  }
}
