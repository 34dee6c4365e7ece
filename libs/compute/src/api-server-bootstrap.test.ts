import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  USER_DATA_MAX_BYTES,
  renderApiServerUserData,
  renderCloudWatchAgentConfig,
  renderDeployScript,
  renderEnvironmentFile,
  renderSystemdUnit,
} from './api-server-bootstrap.js';

const options = {
  apiPort: 8000,
  nodeMajorVersion: 22 as const,
  entrypoint: 'apps/api/dist/main.js',
  logGroupName: '/ec2/student-helper-dev-api',
  environment: { AWS_REGION: 'ap-southeast-2', APP_CONFIG_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:student-helper/dev/app-config-AbCdEf' },
};

function bashSyntaxErrors(script: string): string {
  const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

describe('renderEnvironmentFile', () => {
  it('writes the fixed keys first, then the given ones sorted, quoted and escaped', () => {
    expect(renderEnvironmentFile(8000, { B_KEY: 'say "hi" \\ bye', A_KEY: 'plain' })).toBe(
      ['NODE_ENV="production"', 'PORT="8000"', 'HOST="0.0.0.0"', 'A_KEY="plain"', 'B_KEY="say \\"hi\\" \\\\ bye"'].join('\n'),
    );
  });

  it('refuses keys it owns, bad key names and multi-line values, naming the problem', () => {
    expect(() => renderEnvironmentFile(8000, { PORT: '9000' })).toThrow('environment must not set PORT; the API server sets NODE_ENV, PORT, HOST itself');
    expect(() => renderEnvironmentFile(8000, { '1BAD': 'x' })).toThrow(
      'environment must be keys of letters, digits and underscores not starting with a digit, got "1BAD"',
    );
    expect(() => renderEnvironmentFile(8000, { MULTI: 'a\nb' })).toThrow('environment value of MULTI must be a single line');
  });
});

describe('renderSystemdUnit', () => {
  it('runs the pinned Node major as the service user, restarts, logs to the file the agent ships, and is sandboxed', () => {
    const lines = renderSystemdUnit(22, 'apps/api/dist/main.js').split('\n');
    for (const line of [
      'ConditionPathExists=/opt/student-helper/current/apps/api/dist/main.js',
      'User=student-helper',
      'Group=student-helper',
      'WorkingDirectory=/opt/student-helper/current',
      'EnvironmentFile=/etc/student-helper/api.env',
      'ExecStart=/usr/bin/node-22 --enable-source-maps apps/api/dist/main.js',
      'Restart=always',
      'StandardOutput=append:/var/log/student-helper/api.log',
      'StandardError=append:/var/log/student-helper/api.log',
      'NoNewPrivileges=true',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/student-helper',
      'WantedBy=multi-user.target',
    ]) {
      expect(lines).toContain(line);
    }
  });
});

describe('renderCloudWatchAgentConfig', () => {
  it('ships the API and bootstrap logs into the log group, one stream per instance', () => {
    expect(JSON.parse(renderCloudWatchAgentConfig('/ec2/api'))).toEqual({
      agent: { run_as_user: 'cwagent' },
      logs: {
        logs_collected: {
          files: {
            collect_list: [
              { file_path: '/var/log/student-helper/api.log', log_group_name: '/ec2/api', log_stream_name: '{instance_id}/api', timezone: 'UTC' },
              { file_path: '/var/log/student-helper/bootstrap.log', log_group_name: '/ec2/api', log_stream_name: '{instance_id}/bootstrap', timezone: 'UTC' },
            ],
          },
        },
      },
    });
    expect(() => renderCloudWatchAgentConfig("bad'group")).toThrow('logGroupName must be a CloudWatch log group name, got "bad\'group"');
  });
});

describe('renderApiServerUserData', () => {
  it('is valid bash that installs from the AL2023 repositories and never reaches for the internet', () => {
    const script = renderApiServerUserData(options);
    expect(bashSyntaxErrors(script)).toBe('');
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script.split('\n')).toContain('dnf install -y nodejs22 amazon-cloudwatch-agent logrotate');
    expect(script).not.toMatch(/apt-get|wget|https?:\/\/(?!169\.254\.169\.254)/);
    expect(script).toContain(`cat > /etc/student-helper/api.env <<'STUDENT_HELPER_ENV'\n${renderEnvironmentFile(8000, options.environment)}\nSTUDENT_HELPER_ENV\n`);
    expect(script).toContain(`STUDENT_HELPER_UNIT'\n${renderSystemdUnit(22, 'apps/api/dist/main.js')}\nSTUDENT_HELPER_UNIT\n`);
    expect(script).toContain(`${renderCloudWatchAgentConfig('/ec2/student-helper-dev-api')}\nSTUDENT_HELPER_CWAGENT\n`);
    expect(script.trimEnd().split('\n').slice(-3)).toEqual([
      'systemctl daemon-reload',
      'systemctl enable student-helper-api.service',
      'echo "No release yet: deploy one with /usr/local/bin/student-helper-deploy (SSM Run Command)."',
    ]);
  });

  it('installs the first release when given one', () => {
    const script = renderApiServerUserData({ ...options, releaseS3Uri: 's3://student-helper-dev-artifacts/api/1.4.0.tar.gz' });
    expect(bashSyntaxErrors(script)).toBe('');
    expect(script.trimEnd().split('\n').at(-1)).toBe("/usr/local/bin/student-helper-deploy 's3://student-helper-dev-artifacts/api/1.4.0.tar.gz'");
  });

  it('rejects a release that is not an S3 tarball URI', () => {
    expect(() => renderApiServerUserData({ ...options, releaseS3Uri: "s3://bucket/api/x.tar.gz'; rm -rf /'" })).toThrow(
      'releaseS3Uri must be s3://<bucket>/<path>/<version>.tar.gz',
    );
    expect(() => renderApiServerUserData({ ...options, releaseS3Uri: 'https://example.com/api.tar.gz' })).toThrow('releaseS3Uri must be');
  });

  it('refuses user data above the 16 KiB EC2 limit', () => {
    const environment = { BIG: 'x'.repeat(USER_DATA_MAX_BYTES) };
    expect(() => renderApiServerUserData({ ...options, environment })).toThrow(/^environment makes the user data \d+ bytes; EC2 allows 16384/);
  });
});

describe('the deploy script', () => {
  let dir: string;
  let calls: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sh-deploy-'));
    calls = path.join(dir, 'calls.log');
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    // Stand-ins for IMDS, the AWS CLI and systemd; each records how it was called.
    const shim = (name: string, body: string) => {
      writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> '${calls}'\n${body}\n`);
      chmodSync(path.join(bin, name), 0o755);
    };
    shim('curl', 'if [[ "$*" == *api/token* ]]; then echo TOKEN; else echo ap-southeast-2; fi');
    // aws s3 cp --only-show-errors --region <region> <uri> <dest>: $6 is the URI, $7 the destination.
    shim('aws', `cp "${dir}/bundles/$(basename "$6")" "$7"`);
    shim('systemctl', 'true');
    mkdirSync(path.join(dir, 'bundles'));
    mkdirSync(path.join(dir, 'root', 'releases'), { recursive: true });
    writeFileSync(path.join(dir, 'deploy.sh'), renderDeployScript(), { mode: 0o755 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function bundle(version: string): void {
    const src = path.join(dir, 'src', version, 'apps/api/dist');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(src, 'main.js'), `console.log('${version}')\n`);
    execFileSync('tar', ['-czf', path.join(dir, 'bundles', `${version}.tar.gz`), '-C', path.join(dir, 'src', version), '.']);
  }

  function deploy(uri: string) {
    return spawnSync('bash', [path.join(dir, 'deploy.sh'), uri], {
      encoding: 'utf8',
      env: { PATH: `${path.join(dir, 'bin')}:${process.env['PATH'] ?? ''}`, STUDENT_HELPER_ROOT: path.join(dir, 'root') },
    });
  }

  it('unpacks a release, points current at it, restarts the service, and keeps three releases plus the live one', () => {
    for (const v of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) bundle(v);
    for (const v of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) {
      const run = deploy(`s3://artifacts/api/${v}.tar.gz`);
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(`student-helper-deploy: ${v} is live`);
      expect(run.status).toBe(0);
      // Distinct mtimes so "newest" is well defined.
      execFileSync('touch', ['-d', `2024-01-1${v.split('.')[1] as string} 00:00`, path.join(dir, 'root', 'releases', v)]);
    }
    const root = path.join(dir, 'root');
    expect(readlinkSync(path.join(root, 'current'))).toBe(path.join(root, 'releases', '1.3.0'));
    expect(readFileSync(path.join(root, 'current', 'apps/api/dist/main.js'), 'utf8')).toBe("console.log('1.3.0')\n");
    expect(readdirSync(path.join(root, 'releases')).sort()).toEqual(['1.1.0', '1.2.0', '1.3.0']);
    const log = readFileSync(calls, 'utf8').split('\n');
    expect(log.filter((l) => l.startsWith('aws s3 cp --only-show-errors --region ap-southeast-2 s3://artifacts/api/1.3.0.tar.gz /'))).toHaveLength(1);
    expect(log.filter((l) => l === 'systemctl restart student-helper-api.service')).toHaveLength(4);
  });

  it('rolls back to a release still on disk without downloading it again', () => {
    bundle('2.0.0');
    bundle('2.1.0');
    expect(deploy('s3://artifacts/api/2.0.0.tar.gz').status).toBe(0);
    expect(deploy('s3://artifacts/api/2.1.0.tar.gz').status).toBe(0);
    rmSync(path.join(dir, 'bundles', '2.0.0.tar.gz'));
    const back = deploy('s3://artifacts/api/2.0.0.tar.gz');
    expect(back.status).toBe(0);
    expect(readlinkSync(path.join(dir, 'root', 'current'))).toBe(path.join(dir, 'root', 'releases', '2.0.0'));
    expect(readFileSync(calls, 'utf8').split('\n').filter((l) => l.startsWith('aws s3 cp'))).toHaveLength(2);
  });

  it('refuses anything but an S3 tarball URI, with exit code 64 and nothing changed', () => {
    const run = deploy('https://example.com/x.tar.gz');
    expect(run.status).toBe(64);
    expect(run.stderr.trim()).toBe("student-helper-deploy: expected s3://<bucket>/<path>/<version>.tar.gz, got 'https://example.com/x.tar.gz'");
    expect(existsSync(path.join(dir, 'root', 'current'))).toBe(false);
    expect(existsSync(calls)).toBe(false);
  });

  it('fails without switching when the download fails', () => {
    const run = deploy('s3://artifacts/api/9.9.9.tar.gz');
    expect(run.status).not.toBe(0);
    expect(existsSync(path.join(dir, 'root', 'current'))).toBe(false);
    expect(readdirSync(path.join(dir, 'root', 'releases'))).toEqual([]);
  });
});
