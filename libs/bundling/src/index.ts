export { buildNodeBundle, type NodeBundle, type NodeBundleOptions } from './build-node-bundle.js';
export { copyEmbeddedDatabaseAssets, embeddedDatabaseAssets } from './embedded-database-assets.js';
export { listFiles, totalBytes, type BundleFile } from './list-files.js';
export { nodeBundleDefaults } from './node-bundle.defaults.js';
