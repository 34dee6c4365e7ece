/**
 * The application's whole configuration, parsed once from the environment by `loadConfig`.
 * Provider choices are discriminated unions: a branch carries exactly the settings its adapter
 * needs, so an incomplete combination cannot be represented.
 */
export interface AppConfig {
  readonly server: ServerConfig;
  /** Absolute directory for local state (PGlite files, local blobs). */
  readonly dataDir: string;
  readonly database: DatabaseSettings;
  readonly uploads: UploadConfig;
  readonly rateLimit: RateLimitConfig;
  readonly embeddings: EmbeddingsConfig;
  readonly chat: ChatConfig;
  readonly vectors: VectorStoreConfig;
  readonly blobs: BlobStoreConfig;
  readonly queue: QueueConfig;
  readonly worker: WorkerConfig;
  /** The AWS Region every AWS adapter uses; set when any AWS adapter is selected. */
  readonly awsRegion: string | undefined;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** Origins allowed by CORS; empty = same origin only; `'*'` = any origin. */
  readonly corsOrigins: readonly string[] | '*';
  /** Trust `X-Forwarded-*` from a proxy in front (CloudFront, API Gateway). */
  readonly trustProxy: boolean;
  /** How long shutdown waits for uploads, chat streams and the current job before forcing. */
  readonly shutdownTimeoutMs: number;
  /** The built web app to serve; undefined = the app's default location. */
  readonly webDistDir: string | undefined;
}

export type DatabaseSettings =
  /** Embedded PGlite, file-backed under `dataDir` (`memory://` keeps it in memory). */
  | { readonly kind: 'pglite'; readonly dataDir: string }
  /** A PostgreSQL server by URL. */
  | { readonly kind: 'pg'; readonly connectionString: string }
  /** RDS with its managed master-user secret (credentials from Secrets Manager, TLS verified). */
  | {
      readonly kind: 'rds-secret';
      readonly secretArn: string;
      readonly host: string;
      readonly port: number;
      readonly name: string;
    };

export interface UploadConfig {
  readonly maxBytes: number;
  readonly maxPages: number;
  /** Resolution pages without a usable text layer are rendered at for OCR (tesseract's memory grows with it). */
  readonly ocrDpi: number;
}

export interface RateLimitConfig {
  /** Requests per window per client address, every route. */
  readonly max: number;
  readonly windowMs: number;
  /** Chat questions per window per client address. */
  readonly chatMax: number;
  /** Uploads per window per client address. */
  readonly uploadMax: number;
}

export type EmbeddingsConfig =
  | { readonly provider: 'offline'; readonly dimensions: number }
  | { readonly provider: 'bedrock'; readonly modelId: string; readonly dimensions: 256 | 512 | 1024 }
  | {
      readonly provider: 'openai';
      readonly openai: OpenAiEndpoint;
      readonly model: string;
      readonly dimensions: number;
      /** Ask the model for `dimensions` (models with shortenable output, e.g. OpenAI text-embedding-3); otherwise only checked. */
      readonly sendDimensions: boolean;
    };

export type ChatConfig =
  | { readonly provider: 'extractive' }
  | { readonly provider: 'bedrock'; readonly modelId: string; readonly maxTokens: number }
  | { readonly provider: 'openai'; readonly openai: OpenAiEndpoint; readonly model: string; readonly maxTokens: number };

/** An OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenAI). */
export interface OpenAiEndpoint {
  /** Up to and including `/v1`, e.g. `http://localhost:11434/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
}

export type VectorStoreConfig =
  | { readonly store: 'pgvector' }
  | { readonly store: 's3vectors'; readonly bucket: string; readonly index: string };

export type BlobStoreConfig =
  | { readonly store: 'local'; readonly root: string }
  | { readonly store: 's3'; readonly bucket: string; readonly kmsKeyId: string | undefined };

export type QueueConfig =
  | { readonly kind: 'postgres'; readonly visibilityTimeoutSeconds: number; readonly maxReceiveCount: number }
  /**
   * `maxReceiveCount` must equal the SQS redrive policy's: the processor Lambda marks a document
   * failed on that receive (the infra passes the queue's value).
   */
  | { readonly kind: 'sqs'; readonly queueUrl: string; readonly maxReceiveCount: number };

export interface WorkerConfig {
  /** Run the processor's worker loop in this process (the local Postgres queue only). */
  readonly enabled: boolean;
  readonly concurrency: number;
}
