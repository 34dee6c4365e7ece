export { FileBlobStore } from './file-blob-store.js';
export { blobPath, InvalidBlobKeyError } from './blob-key.js';
