export * from './model.js';
export * from './errors.js';
export type * from './ports/index.js';
export { chunkPages } from './chunk/chunk.js';
export { chunkDefaults, resolveChunkOptions, type ChunkOptions } from './chunk/chunk.defaults.js';
export { countTokens } from './chunk/count-tokens.js';
export * from './answer/index.js';
export * from './parse/index.js';
export * from './rewrite/index.js';
