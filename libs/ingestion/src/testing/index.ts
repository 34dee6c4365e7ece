export { corpusPath, expectedCounts, keysFor, openHarness, sessionId, tableCounts, workspaceRoot, type Harness, type HarnessTables, type StoredKeys } from './harness.js';
export { deadLetteredDocuments } from './dead-lettered-documents.js';
