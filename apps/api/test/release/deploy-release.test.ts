/**
 * `nx run api:deploy` and `api:package-release`'s scripts, on their arguments and the CLI calls
 * they make: `pulumi` and `aws` are stand-ins on PATH that record their arguments and answer
 * as the stack would. No AWS is reached.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '../harness.js';

const deployScript = path.join(workspaceRoot, 'apps/api/deploy/deploy-release.sh');
const packageScript = path.join(workspaceRoot, 'apps/api/deploy/package-release.sh');
const infra = path.join(workspaceRoot, 'apps/infra');
const bucket = 'student-helper-dev-artifacts';
const instance = 'i-0123456789abcdef0';
const region = 'ap-southeast-2';
const usage = 'usage: deploy-release.sh <stack> [<tarball>]   (stack: dev or prod; tarball: dist/apps/api-<version>.tar.gz by default)';

const fakePulumi = `#!/bin/bash
echo "pulumi $*" >> "$FAKE_LOG"
case "$1 $2 $3" in
  "stack output artifactsBucketName") echo ${bucket} ;;
  "stack output apiInstanceId") echo ${instance} ;;
  "config get aws:region") echo ${region} ;;
  *) echo "unexpected pulumi call" >&2; exit 2 ;;
esac
`;
const fakeAws = `#!/bin/bash
echo "aws $*" >> "$FAKE_LOG"
case "$1 $2" in
  "s3api head-object") exit "\${FAKE_HEAD_OBJECT_EXIT:-254}" ;;
  "s3 cp") ;;
  "ssm send-command") echo command-1 ;;
  "ssm get-command-invocation")
    if [[ "$*" == *"--query Status"* ]]; then echo "\${FAKE_STATUS:-Success}"; else printf 'student-helper-deploy: 0.1.0 is live\\t\\n'; fi ;;
  *) echo "unexpected aws call" >&2; exit 2 ;;
esac
`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  calls: string[];
}

let workDir: string;
let version: string;
let tarball: string;
/** Each holds `node`; `bin-all` also the two CLIs, `bin-pulumi` only pulumi. */
const bins = { none: '', all: '', pulumi: '' };

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'api-deploy-'));
  version = (JSON.parse(await readFile(path.join(workspaceRoot, 'apps/api/package.json'), 'utf8')) as { version: string }).version;
  tarball = path.join(workDir, `api-${version}.tar.gz`);
  await writeFile(tarball, 'release');
  for (const [name, clis] of [['none', []], ['all', ['pulumi', 'aws']], ['pulumi', ['pulumi']]] as const) {
    const bin = await mkdtemp(path.join(workDir, `bin-${name}-`));
    await symlink(process.execPath, path.join(bin, 'node'));
    for (const cli of clis) {
      await writeFile(path.join(bin, cli), cli === 'pulumi' ? fakePulumi : fakeAws);
      await chmod(path.join(bin, cli), 0o755);
    }
    bins[name] = bin;
  }
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function deploy(args: string[], options: { bin?: keyof typeof bins; env?: Record<string, string> } = {}): Promise<Outcome> {
  const log = path.join(await mkdtemp(path.join(workDir, 'log-')), 'calls');
  await writeFile(log, '');
  // The CLIs come only from the stand-ins' folder; /usr/bin and /bin hold neither.
  const env = { PATH: `${bins[options.bin ?? 'all']}:/usr/bin:/bin`, FAKE_LOG: log, ...options.env };
  const outcome = await new Promise<Omit<Outcome, 'calls'>>((resolve) => {
    execFile('/bin/bash', [deployScript, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
  return { ...outcome, calls: (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '') };
}

const stackCalls = () => [
  `pulumi stack output artifactsBucketName --stack dev --cwd ${infra}`,
  `pulumi stack output apiInstanceId --stack dev --cwd ${infra}`,
  `pulumi config get aws:region --stack dev --cwd ${infra}`,
];
const headObject = (key: string) => `aws s3api head-object --region ${region} --bucket ${bucket} --key ${key}`;
const invocation = `--region ${region} --command-id command-1 --instance-id ${instance}`;

describe('deploy-release.sh', () => {
  it('needs a stack, and at most a tarball besides', async () => {
    for (const args of [[], ['dev', tarball, 'extra']]) {
      expect(await deploy(args)).toEqual({ code: 64, stdout: '', stderr: `${usage}\n`, calls: [] });
    }
  });

  it('refuses a stack the infra has no configuration for', async () => {
    for (const stack of ['staging', '../dev']) {
      expect(await deploy([stack, tarball])).toEqual({
        code: 64,
        stdout: '',
        stderr: `deploy-release.sh: no stack '${stack}' (expected apps/infra/Pulumi.${stack}.yaml). ${usage}\n`,
        calls: [],
      });
    }
  });

  it('fails naming the CLI that is missing', async () => {
    expect(await deploy(['dev', tarball], { bin: 'none' })).toEqual({
      code: 69,
      stdout: '',
      stderr: 'deploy-release.sh: the pulumi CLI is not installed or not on PATH; it is needed to deploy (see apps/api/README.md, Deploying to EC2).\n',
      calls: [],
    });
    expect(await deploy(['prod', tarball], { bin: 'pulumi' })).toEqual({
      code: 69,
      stdout: '',
      stderr: 'deploy-release.sh: the aws CLI is not installed or not on PATH; it is needed to deploy (see apps/api/README.md, Deploying to EC2).\n',
      calls: [],
    });
  });

  it('refuses a release version that cannot name a folder on the instance', async () => {
    expect(await deploy(['dev', tarball], { env: { API_RELEASE_VERSION: '1.0/../x' } })).toEqual({
      code: 64,
      stdout: '',
      stderr: "deploy-release.sh: release version '1.0/../x' must be letters, digits, '.', '_' or '-' (it names the release folder on the instance).\n",
      calls: [],
    });
  });

  it('needs the packaged release', async () => {
    const missing = path.join(workDir, 'missing.tar.gz');
    expect(await deploy(['dev', missing])).toEqual({
      code: 66,
      stdout: '',
      stderr: `deploy-release.sh: no release at ${missing}: run nx run api:package-release first.\n`,
      calls: [],
    });
  });

  it('uploads the release under api/<version>.tar.gz and has the instance install it through SSM Run Command', async () => {
    const uri = `s3://${bucket}/api/${version}.tar.gz`;
    expect(await deploy(['dev', tarball])).toEqual({
      code: 0,
      stdout: `SSM command command-1 installs ${version} on ${instance}\nstudent-helper-deploy: 0.1.0 is live\t\n${instance} now runs ${uri}\n`,
      stderr: '',
      calls: [
        ...stackCalls(),
        headObject(`api/${version}.tar.gz`),
        `aws s3 cp --only-show-errors --region ${region} ${tarball} ${uri}`,
        `aws ssm send-command --region ${region} --instance-ids ${instance} --document-name AWS-RunShellScript --comment student-helper api ${version} --parameters {"commands":["/usr/local/bin/student-helper-deploy ${uri}"]} --query Command.CommandId --output text`,
        `aws ssm get-command-invocation ${invocation} --query Status --output text`,
        `aws ssm get-command-invocation ${invocation} --query [StandardOutputContent,StandardErrorContent] --output text`,
      ],
    });
  });

  it('releases under API_RELEASE_VERSION when it is set', async () => {
    const outcome = await deploy(['dev', tarball], { env: { API_RELEASE_VERSION: '0.1.0-hotfix.1' } });
    expect(outcome.code).toBe(0);
    expect(outcome.calls.slice(3, 5)).toEqual([
      headObject('api/0.1.0-hotfix.1.tar.gz'),
      `aws s3 cp --only-show-errors --region ${region} ${tarball} s3://${bucket}/api/0.1.0-hotfix.1.tar.gz`,
    ]);
  });

  it('uploads a version once: the instance would not install it again', async () => {
    expect(await deploy(['dev', tarball], { env: { FAKE_HEAD_OBJECT_EXIT: '0' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: `deploy-release.sh: s3://${bucket}/api/${version}.tar.gz already exists and the instance installs a version once: release a new api version or set API_RELEASE_VERSION.\n`,
      calls: [...stackCalls(), headObject(`api/${version}.tar.gz`)],
    });
  });

  it('fails with the install output when the command does not succeed on the instance', async () => {
    const outcome = await deploy(['dev', tarball], { env: { FAKE_STATUS: 'Failed' } });
    expect(outcome).toMatchObject({
      code: 1,
      stdout: `SSM command command-1 installs ${version} on ${instance}\nstudent-helper-deploy: 0.1.0 is live\t\n`,
      stderr: `deploy-release.sh: the install on ${instance} ended Failed (SSM command command-1).\n`,
    });
  });

  it('runs the deploy command the instance bootstrap installs (libs/compute)', async () => {
    const bootstrap = await readFile(path.join(workspaceRoot, 'libs/compute/src/api-server-bootstrap.ts'), 'utf8');
    const installed = /export const DEPLOY_COMMAND = '([^']+)'/.exec(bootstrap)?.[1];
    expect(await readFile(deployScript, 'utf8')).toContain(`\ndeploy_command=${installed}\n`);
  });
});

describe('package-release.sh', () => {
  it('refuses a folder that is not a built release', async () => {
    const notRelease = await mkdtemp(path.join(workDir, 'not-release-'));
    const outcome = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(packageScript, [notRelease, path.join(workDir, 'out.tar.gz')], (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
    });
    expect(outcome).toEqual({ code: 66, stderr: `package-release.sh: no API release at ${notRelease}: run nx run api:build-release first.\n` });
  });
});
