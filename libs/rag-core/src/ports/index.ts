export type * from './blob-store.js';
export type * from './chat-model.js';
export type * from './chunk-store.js';
export type * from './embedder.js';
export type * from './job-queue.js';
export type * from './retriever.js';
export type * from './vector-index.js';
