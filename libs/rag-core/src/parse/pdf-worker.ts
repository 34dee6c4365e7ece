/**
 * Entry point of the PDF worker thread (see docs/decisions: PDF parsing in a worker thread).
 * Bundlers must emit it as `pdf-worker.js` beside the bundle that calls `parsePdf`; it is
 * exported as `@student-helper/rag-core/pdf-worker` for that purpose.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PdfTask } from './pdf-worker-protocol.js';
import { runPdfTask } from './pdf-task.js';

if (!parentPort) throw new Error('pdf-worker runs only as a worker thread (new Worker(...)).');
const port = parentPort;
await runPdfTask(workerData as PdfTask, (message) => port.postMessage(message));
