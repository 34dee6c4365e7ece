import { pgVectorIndexDefaults } from './pg-vector-index.defaults.js';

/** Whether this pgvector release (`extversion`, e.g. `0.8.7`) has `hnsw.iterative_scan`. */
export function supportsIterativeScan(extversion: string): boolean {
  const [major = 0, minor = 0] = extversion.split('.').map((part) => Number.parseInt(part, 10));
  const [sinceMajor, sinceMinor] = pgVectorIndexDefaults.iterativeScanSince;
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor);
}
