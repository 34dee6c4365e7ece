export { sniffPdf } from './sniff-pdf.js';
export { inspectPdf, type InspectOptions, type PdfInfo } from './inspect-pdf.js';
export { parsePdf, type ParseOptions } from './parse-pdf.js';
export { parseDefaults } from './parse.defaults.js';
export { ocrDefaults, resolveOcrOptions, type OcrOptions } from './ocr/ocr.defaults.js';
export { copyOcrBundleAssets, ocrBundleAssets, type OcrBundleAssets } from './ocr/ocr-assets.js';
