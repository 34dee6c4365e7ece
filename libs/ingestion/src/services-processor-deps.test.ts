import { loadConfig, type Services } from '@student-helper/runtime';
import { describe, expect, it } from 'vitest';
import { servicesProcessorDeps } from './services-processor-deps.js';

describe('servicesProcessorDeps', () => {
  it('bounds parsing by the upload page limit and renders OCR at the configured resolution', () => {
    const config = loadConfig({ UPLOAD_MAX_PAGES: '10', OCR_DPI: '200' }, '/srv/app');
    const ports = { blobs: {}, documents: {}, jobs: {}, chunks: {}, vectors: {}, embedder: {} };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const deps = servicesProcessorDeps({ config, ...ports } as unknown as Services, log);
    expect(deps.options).toEqual({ parse: { maxPages: 10, ocr: { dpi: 200 } } });
    expect(deps.embedder).toBe(ports.embedder);
    expect(deps.log).toBe(log);
  });
});
