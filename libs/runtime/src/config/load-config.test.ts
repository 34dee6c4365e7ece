import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

const cwd = '/srv/app';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig defaults', () => {
  it('is the local app on embedded defaults with an empty environment', () => {
    const config = loadConfig({}, cwd);
    expect(config).toEqual({
      server: {
        port: 3000,
        host: 'localhost',
        logLevel: 'info',
        corsOrigins: [],
        trustProxy: false,
        shutdownTimeoutMs: 10_000,
        webDistDir: undefined,
      },
      dataDir: '/srv/app/.data',
      database: { kind: 'pglite', dataDir: '/srv/app/.data/db' },
      uploads: { maxBytes: 52_428_800, maxPages: 2000, ocrDpi: 300 },
      rateLimit: { max: 600, windowMs: 60_000, chatMax: 30, uploadMax: 60 },
      embeddings: { provider: 'offline', dimensions: 1024 },
      chat: { provider: 'extractive' },
      vectors: { store: 'pgvector' },
      blobs: { store: 'local', root: '/srv/app/.data/blobs' },
      queue: { kind: 'postgres', visibilityTimeoutSeconds: 1800, maxReceiveCount: 5 },
      worker: { enabled: true, concurrency: 1 },
      awsRegion: undefined,
    });
  });

  it('is deeply frozen', () => {
    const config = loadConfig({}, cwd);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.server.corsOrigins)).toBe(true);
    expect(() => {
      (config.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads process.env and the process cwd when called without arguments', () => {
    const config = loadConfig();
    expect(config.dataDir).toBe(path.resolve(process.cwd(), process.env['DATA_DIR'] || '.data'));
  });
});

describe('loadConfig overrides', () => {
  it('takes PORT, HOST, DATA_DIR, limits, CORS origins and the web build directory', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/sh',
        UPLOAD_MAX_BYTES: '1048576',
        UPLOAD_MAX_PAGES: '10',
        OCR_DPI: '200',
        CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_WINDOW_MS: '1000',
        CHAT_RATE_LIMIT_MAX: '2',
        UPLOAD_RATE_LIMIT_MAX: '3',
        TRUST_PROXY: 'yes',
        LOG_LEVEL: 'WARN',
        WEB_DIST_DIR: 'web',
        SHUTDOWN_TIMEOUT_MS: '0',
      },
      cwd,
    );
    expect(config.server).toEqual({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'warn',
      corsOrigins: ['https://a.example.com', 'http://localhost:5173'],
      trustProxy: true,
      shutdownTimeoutMs: 0,
      webDistDir: '/srv/app/web',
    });
    expect(config.dataDir).toBe('/var/lib/sh');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/var/lib/sh/db' });
    expect(config.blobs).toEqual({ store: 'local', root: '/var/lib/sh/blobs' });
    expect(config.uploads).toEqual({ maxBytes: 1_048_576, maxPages: 10, ocrDpi: 200 });
    expect(config.rateLimit).toEqual({ max: 5, windowMs: 1000, chatMax: 2, uploadMax: 3 });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', DATABASE_URL: '' }, cwd).server.port).toBe(3000);
    expect(loadConfig({ DATABASE_URL: '' }, cwd).database.kind).toBe('pglite');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app' }, cwd).database).toEqual({
      kind: 'pg',
      connectionString: 'postgres://u:p@db:5432/app',
    });
  });

  it('keeps PGlite in memory with PGLITE_DIR=memory://', () => {
    expect(loadConfig({ PGLITE_DIR: 'memory://' }, cwd).database).toEqual({ kind: 'pglite', dataDir: 'memory://' });
  });

  it('reaches RDS through its managed secret', () => {
    const config = loadConfig(
      {
        DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-1',
        DATABASE_HOST: 'db.internal',
        DATABASE_NAME: 'studenthelper',
        AWS_REGION: 'ap-southeast-2',
      },
      cwd,
    );
    expect(config.database).toEqual({
      kind: 'rds-secret',
      secretArn: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:rds!db-1',
      host: 'db.internal',
      port: 5432,
      name: 'studenthelper',
    });
    expect(config.awsRegion).toBe('ap-southeast-2');
  });

  it('selects every AWS adapter with its settings', () => {
    const config = loadConfig(
      {
        AWS_DEFAULT_REGION: 'us-east-1',
        EMBEDDINGS_PROVIDER: 'bedrock',
        EMBEDDINGS_DIMENSIONS: '512',
        CHAT_PROVIDER: 'bedrock',
        BEDROCK_CHAT_MODEL_ID: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
        VECTOR_STORE: 's3vectors',
        S3_VECTORS_BUCKET: 'sh-dev-vectors',
        BLOB_STORE: 's3',
        DOCUMENTS_BUCKET: 'sh-dev-documents-x1',
        QUEUE: 'sqs',
        SQS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/sh-dev-jobs',
      },
      cwd,
    );
    expect(config.embeddings).toEqual({ provider: 'bedrock', modelId: 'amazon.titan-embed-text-v2:0', dimensions: 512 });
    expect(config.chat).toEqual({ provider: 'bedrock', modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', maxTokens: 1024 });
    expect(config.vectors).toEqual({ store: 's3vectors', bucket: 'sh-dev-vectors', index: 'documents' });
    expect(config.blobs).toEqual({ store: 's3', bucket: 'sh-dev-documents-x1', kmsKeyId: undefined });
    expect(config.queue).toEqual({ kind: 'sqs', queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/sh-dev-jobs', maxReceiveCount: 5 });
    expect(config.worker).toEqual({ enabled: false, concurrency: 1 });
    expect(config.awsRegion).toBe('us-east-1');
  });

  it('takes the SQS redrive policy\'s maxReceiveCount for the processor Lambda, and rejects one SQS cannot have', () => {
    const sqs = { AWS_REGION: 'ap-southeast-2', QUEUE: 'sqs', SQS_QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/sh-dev-jobs' };
    expect(loadConfig({ ...sqs, QUEUE_MAX_RECEIVE_COUNT: '3' }, cwd).queue).toEqual({ kind: 'sqs', queueUrl: sqs.SQS_QUEUE_URL, maxReceiveCount: 3 });
    expect(configError({ ...sqs, QUEUE_MAX_RECEIVE_COUNT: '0' }).issues).toEqual([
      { key: 'QUEUE_MAX_RECEIVE_COUNT', message: 'must be an integer from 1 to 1000, got "0".' },
    ]);
  });

  it('selects the OpenAI-compatible provider for both embeddings and answers', () => {
    const config = loadConfig(
      {
        EMBEDDINGS_PROVIDER: 'openai',
        CHAT_PROVIDER: 'openai',
        OPENAI_BASE_URL: 'http://localhost:11434/v1/',
        OPENAI_EMBEDDINGS_MODEL: 'nomic-embed-text',
        EMBEDDINGS_DIMENSIONS: '768',
        OPENAI_CHAT_MODEL: 'llama3.1:8b',
        CHAT_MAX_TOKENS: '512',
      },
      cwd,
    );
    const openai = { baseUrl: 'http://localhost:11434/v1', apiKey: undefined, timeoutMs: 60_000 };
    expect(config.embeddings).toEqual({ provider: 'openai', openai, model: 'nomic-embed-text', dimensions: 768, sendDimensions: false });
    expect(config.chat).toEqual({ provider: 'openai', openai, model: 'llama3.1:8b', maxTokens: 512 });
    expect(config.awsRegion).toBeUndefined();
  });

  it('asks an OpenAI-compatible embedding model for its size on request, and rejects a non-boolean', () => {
    const env = { EMBEDDINGS_PROVIDER: 'openai', OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_API_KEY: 'sk-x', OPENAI_EMBEDDINGS_MODEL: 'text-embedding-3-large', EMBEDDINGS_DIMENSIONS: '1024' };
    expect(loadConfig({ ...env, OPENAI_EMBEDDINGS_SEND_DIMENSIONS: 'true' }, cwd).embeddings).toMatchObject({ dimensions: 1024, sendDimensions: true });
    expect(configError({ ...env, OPENAI_EMBEDDINGS_SEND_DIMENSIONS: 'maybe' }).issues).toEqual([
      { key: 'OPENAI_EMBEDDINGS_SEND_DIMENSIONS', message: 'must be true or false (also 1/0, yes/no, on/off), got "maybe".' },
    ]);
  });

  it('accepts CORS_ORIGINS=* and turns the worker off on request', () => {
    const config = loadConfig({ CORS_ORIGINS: '*', WORKER: 'off', WORKER_CONCURRENCY: '2' }, cwd);
    expect(config.server.corsOrigins).toBe('*');
    expect(config.worker).toEqual({ enabled: false, concurrency: 2 });
  });
});

describe('loadConfig failures name the bad key and what is expected', () => {
  it('rejects a non-integer or out-of-range number', () => {
    expect(configError({ PORT: 'abc' }).issues).toEqual([{ key: 'PORT', message: 'must be an integer from 0 to 65535, got "abc".' }]);
    expect(configError({ PORT: '70000' }).issues).toEqual([{ key: 'PORT', message: 'must be an integer from 0 to 65535, got "70000".' }]);
    expect(configError({ UPLOAD_MAX_PAGES: '1.5' }).keys).toEqual(['UPLOAD_MAX_PAGES']);
    expect(configError({ OCR_DPI: '1200' }).issues).toEqual([{ key: 'OCR_DPI', message: 'must be an integer from 72 to 600, got "1200".' }]);
  });

  it('rejects an unknown provider', () => {
    expect(configError({ EMBEDDINGS_PROVIDER: 'cohere' }).issues).toEqual([
      { key: 'EMBEDDINGS_PROVIDER', message: 'must be one of offline, bedrock, openai, got "cohere".' },
    ]);
    expect(configError({ VECTOR_STORE: 'faiss' }).keys).toEqual(['VECTOR_STORE']);
  });

  it('names S3_VECTORS_BUCKET when VECTOR_STORE=s3vectors has no bucket', () => {
    expect(configError({ VECTOR_STORE: 's3vectors', AWS_REGION: 'ap-southeast-2' }).issues).toEqual([
      { key: 'S3_VECTORS_BUCKET', message: 'is required when VECTOR_STORE=s3vectors.' },
    ]);
  });

  it('names every missing setting of the AWS shape at once, AWS_REGION included', () => {
    const error = configError({ EMBEDDINGS_PROVIDER: 'bedrock', CHAT_PROVIDER: 'bedrock', BLOB_STORE: 's3', QUEUE: 'sqs' });
    expect(error.keys).toEqual(['BEDROCK_CHAT_MODEL_ID', 'DOCUMENTS_BUCKET', 'SQS_QUEUE_URL', 'AWS_REGION']);
    expect(error.issues.at(-1)?.message).toBe(
      'is required when EMBEDDINGS_PROVIDER=bedrock, CHAT_PROVIDER=bedrock, BLOB_STORE=s3, QUEUE=sqs (e.g. ap-southeast-2).',
    );
    expect(error.message).toContain('  - DOCUMENTS_BUCKET: is required when BLOB_STORE=s3.');
  });

  it('rejects Titan dimensions other than 256, 512 and 1024', () => {
    expect(configError({ EMBEDDINGS_PROVIDER: 'bedrock', EMBEDDINGS_DIMENSIONS: '1536', AWS_REGION: 'us-east-1' }).issues).toEqual([
      { key: 'EMBEDDINGS_DIMENSIONS', message: 'must be 256, 512 or 1024 for Titan Text Embeddings v2, got 1536.' },
    ]);
  });

  it('requires the OpenAI base URL, models and embedding dimensions, reporting a shared key once', () => {
    const error = configError({ EMBEDDINGS_PROVIDER: 'openai', CHAT_PROVIDER: 'openai' });
    expect(error.keys).toEqual(['OPENAI_BASE_URL', 'OPENAI_EMBEDDINGS_MODEL', 'EMBEDDINGS_DIMENSIONS', 'OPENAI_CHAT_MODEL']);
    expect(configError({ CHAT_PROVIDER: 'openai', OPENAI_BASE_URL: 'localhost:11434', OPENAI_CHAT_MODEL: 'm' }).issues).toEqual([
      { key: 'OPENAI_BASE_URL', message: 'must be an absolute http:// or https:// URL, got "localhost:11434".' },
    ]);
  });

  it('rejects a malformed DATABASE_URL, both database settings at once, and an incomplete RDS secret setting', () => {
    expect(configError({ DATABASE_URL: 'mysql://x' }).keys).toEqual(['DATABASE_URL']);
    expect(configError({ DATABASE_URL: 'postgres://x/y', DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:x' }).issues[0]).toEqual({
      key: 'DATABASE_URL',
      message: 'must not be set together with DATABASE_SECRET_ARN; choose one way to reach PostgreSQL.',
    });
    expect(configError({ DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:x', AWS_REGION: 'eu-west-1' }).keys).toEqual(['DATABASE_HOST', 'DATABASE_NAME']);
  });

  it('rejects CORS origins with a path, and * mixed with origins', () => {
    expect(configError({ CORS_ORIGINS: 'https://a.example.com/app' }).keys).toEqual(['CORS_ORIGINS']);
    expect(configError({ CORS_ORIGINS: '*,https://a.example.com' }).issues).toEqual([
      { key: 'CORS_ORIGINS', message: 'must be * alone or a list of origins, not both.' },
    ]);
  });

  it('rejects the in-process worker with SQS, booleans it cannot read and malformed Regions', () => {
    expect(
      configError({ QUEUE: 'sqs', SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/q', AWS_REGION: 'eu-west-1', WORKER: 'on' }).keys,
    ).toEqual(['WORKER']);
    expect(configError({ TRUST_PROXY: 'maybe' }).issues).toEqual([
      { key: 'TRUST_PROXY', message: 'must be true or false (also 1/0, yes/no, on/off), got "maybe".' },
    ]);
    expect(configError({ QUEUE: 'sqs', SQS_QUEUE_URL: 'https://q', AWS_REGION: 'sydney' }).keys).toEqual(['AWS_REGION']);
  });

  it('is a ConfigError whose message lists every problem', () => {
    const error = configError({ PORT: '-1', LOG_LEVEL: 'loud' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'Invalid configuration:\n  - PORT: must be an integer from 0 to 65535, got "-1".\n  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud".',
    );
  });
});
