import type { Services } from '@student-helper/runtime';
import type { ProcessorDeps, ProcessorLogger } from './processor-deps.js';

/**
 * The processor's dependencies out of the wired services, as the configuration chose them: the
 * same for the local worker loop (inside the API) and the Lambda entry. Parsing is bounded by
 * the upload page limit, so a document the API accepted is never refused by the processor, and
 * OCR renders at the configured resolution.
 */
export function servicesProcessorDeps(services: Services, log: ProcessorLogger): ProcessorDeps {
  return {
    blobs: services.blobs,
    documents: services.documents,
    jobs: services.jobs,
    chunks: services.chunks,
    vectors: services.vectors,
    embedder: services.embedder,
    options: { parse: { maxPages: services.config.uploads.maxPages, ocr: { dpi: services.config.uploads.ocrDpi } } },
    log,
  };
}
