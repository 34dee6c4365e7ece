/** What every setting is when its variable is unset (README "Configuration" lists them). */
export const configDefaults = {
  port: 3000,
  /** `localhost` binds the loopback addresses only (IPv4 and IPv6); servers set `0.0.0.0`. */
  host: 'localhost',
  logLevel: 'info',
  dataDir: '.data',
  shutdownTimeoutMs: 10_000,
  /** SPEC §4: 50 MB. */
  uploadMaxBytes: 50 * 1024 * 1024,
  /** SPEC §4: 2,000 pages. */
  uploadMaxPages: 2000,
  /** Tesseract reads best at ~300 dpi; a 512 MB Lambda needs less (docs/benchmarks.md, OCR). */
  ocrDpi: 300,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  chatRateLimitMax: 30,
  uploadRateLimitMax: 60,
  embeddingsProvider: 'offline',
  /** The offline embedder's and Titan v2's default (SPEC correction 1: Titan v2 is 1024, not 1536). */
  embeddingDimensions: 1024,
  bedrockEmbeddingsModelId: 'amazon.titan-embed-text-v2:0',
  chatProvider: 'extractive',
  chatMaxTokens: 1024,
  openAiTimeoutMs: 60_000,
  /** Most embedding models reject or ignore `dimensions`; the size is checked on every vector anyway. */
  openAiSendDimensions: false,
  vectorStore: 'pgvector',
  s3VectorsIndex: 'documents',
  blobStore: 'local',
  queue: 'postgres',
  /** SPEC correction 4: at least 6× the processor's 300 s timeout. */
  queueVisibilityTimeoutSeconds: 1800,
  /** SPEC correction 4: AWS guidance is maxReceiveCount ≥ 5. */
  queueMaxReceiveCount: 5,
  workerConcurrency: 1,
} as const;

export const embeddingsProviders = ['offline', 'bedrock', 'openai'] as const;
export const chatProviders = ['extractive', 'bedrock', 'openai'] as const;
export const vectorStores = ['pgvector', 's3vectors'] as const;
export const blobStores = ['local', 's3'] as const;
export const queues = ['postgres', 'sqs'] as const;
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const titanDimensionChoices = [256, 512, 1024] as const;
