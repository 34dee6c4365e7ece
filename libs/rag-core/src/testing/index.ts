export { InMemoryChunkStore } from './in-memory-chunk-store.js';
export { InMemoryVectorIndex } from './in-memory-vector-index.js';
