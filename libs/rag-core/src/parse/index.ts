export { sniffPdf } from './sniff-pdf.js';
export { inspectPdf, type InspectOptions, type PdfInfo } from './inspect-pdf.js';
export { parsePdf, type ParseOptions } from './parse-pdf.js';
export { parseDefaults } from './parse.defaults.js';
