export * from './common.js';
export * from './error.js';
export * from './document.js';
export * from './job.js';
export * from './session.js';
export * from './chat.js';
export * from './health.js';
export * from './citation-markers.js';
