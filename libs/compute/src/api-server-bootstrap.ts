/**
 * The API instance's first-boot script (EC2 user data), rendered from plain values so it can
 * be read and tested as text. It only talks to AWS through the VPC endpoints (decision 0008):
 * packages from the AL2023 repositories (S3 gateway endpoint), the release bundle from S3,
 * logs through the CloudWatch Logs endpoint, later deploys through SSM Run Command.
 */
import { assertMatches } from '@student-helper/infra-shared';
import type { NodeMajorVersion } from './api-server.defaults.js';

/** EC2 rejects user data above 16 KiB (before base64). */
export const USER_DATA_MAX_BYTES = 16_384;

export const SERVICE_NAME = 'student-helper-api';
export const SERVICE_USER = 'student-helper';
export const APP_ROOT = '/opt/student-helper';
export const ENV_FILE = '/etc/student-helper/api.env';
export const LOG_DIR = '/var/log/student-helper';
export const DEPLOY_COMMAND = '/usr/local/bin/student-helper-deploy';
export const CLOUDWATCH_AGENT_CONFIG = '/opt/aws/amazon-cloudwatch-agent/etc/student-helper.json';

/** Set by the bootstrap; a caller cannot override them (the port is wired into Cloud Map and the security groups). */
const RESERVED_ENV = ['NODE_ENV', 'PORT', 'HOST'];

export interface BootstrapOptions {
  readonly apiPort: number;
  readonly nodeMajorVersion: NodeMajorVersion;
  readonly entrypoint: string;
  readonly logGroupName: string;
  /** Non-secret settings for the API (secret ARNs, bucket names…); secrets stay in Secrets Manager. */
  readonly environment: Readonly<Record<string, string>>;
  /** `s3://bucket/path/<version>.tar.gz` installed at first boot; later releases come through SSM. */
  readonly releaseS3Uri?: string | undefined;
}

export function assertReleaseS3Uri(uri: string): void {
  assertMatches('releaseS3Uri', uri, /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/([A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+\.(tar\.gz|tgz)$/, 's3://<bucket>/<path>/<version>.tar.gz');
}

/** systemd `EnvironmentFile` lines: `KEY="value"` with `\` and `"` escaped; no newlines. */
export function renderEnvironmentFile(apiPort: number, environment: Readonly<Record<string, string>>): string {
  const lines = [`NODE_ENV="production"`, `PORT="${apiPort}"`, `HOST="0.0.0.0"`];
  for (const [key, value] of Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))) {
    assertMatches('environment', key, /^[A-Za-z_][A-Za-z0-9_]*$/, 'keys of letters, digits and underscores not starting with a digit');
    if (RESERVED_ENV.includes(key)) throw new Error(`environment must not set ${key}; the API server sets ${RESERVED_ENV.join(', ')} itself`);
    if (/[\r\n\0]/.test(value)) throw new Error(`environment value of ${key} must be a single line`);
    lines.push(`${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  }
  return lines.join('\n');
}

export function renderSystemdUnit(nodeMajorVersion: NodeMajorVersion, entrypoint: string): string {
  return `[Unit]
Description=Student Helper API
Wants=network-online.target
After=network-online.target
# Nothing to run until ${DEPLOY_COMMAND} has installed a release.
ConditionPathExists=${APP_ROOT}/current/${entrypoint}

[Service]
Type=simple
User=${SERVICE_USER}
Group=${SERVICE_USER}
WorkingDirectory=${APP_ROOT}/current
EnvironmentFile=${ENV_FILE}
# The namespaced binary pins the major version whatever 'alternatives' points node at; the
# release ships source maps, so stack traces in the log name TypeScript files and lines.
ExecStart=/usr/bin/node-${nodeMajorVersion} --enable-source-maps ${entrypoint}
Restart=always
RestartSec=5
StandardOutput=append:${LOG_DIR}/api.log
StandardError=append:${LOG_DIR}/api.log
NoNewPrivileges=true
PrivateTmp=true
ProtectSystem=strict
ProtectHome=true
ProtectKernelTunables=true
ProtectControlGroups=true
RestrictSUIDSGID=true
ReadWritePaths=/var/lib/student-helper
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target`;
}

/** Installs one release; shared by the first boot and SSM Run Command, idempotent per version. */
export function renderDeployScript(): string {
  return `#!/bin/bash
# usage: student-helper-deploy s3://<bucket>/<path>/<version>.tar.gz
set -euo pipefail
uri="\${1:-}"
file="\${uri##*/}"
version="\${file%.tar.gz}"
version="\${version%.tgz}"
if [[ ! "$uri" =~ ^s3://[a-z0-9.-]+/.+\\.(tar\\.gz|tgz)$ || ! "$version" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "student-helper-deploy: expected s3://<bucket>/<path>/<version>.tar.gz, got '$uri'" >&2
  exit 64
fi
# STUDENT_HELPER_ROOT only exists so the script can be exercised outside an instance.
root="\${STUDENT_HELPER_ROOT:-${APP_ROOT}}"
target="$root/releases/$version"
# The Region comes from IMDSv2, so the CLI uses the regional S3 endpoint behind the gateway endpoint.
token="$(curl -sSf -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)"
region="$(curl -sSf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/region)"
if [[ ! -d "$target" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  aws s3 cp --only-show-errors --region "$region" "$uri" "$work/release.tar.gz"
  mkdir "$work/release"
  tar -xzf "$work/release.tar.gz" -C "$work/release" --no-same-owner
  chmod -R u=rwX,go=rX "$work/release"
  mv "$work/release" "$target"
fi
ln -sfn "$target" "$root/current.next"
mv -Tf "$root/current.next" "$root/current"
systemctl restart ${SERVICE_NAME}.service
# Keep the three newest releases, and whichever one is live.
live="$(readlink -f "$root/current")"
ls -1dt "$root"/releases/*/ | sed 's:/$::' | tail -n +4 | while read -r old; do
  if [[ "$old" != "$live" ]]; then rm -rf -- "$old"; fi
done
echo "student-helper-deploy: $version is live"`;
}

export function renderCloudWatchAgentConfig(logGroupName: string): string {
  assertMatches('logGroupName', logGroupName, /^[.\-_/#A-Za-z0-9]{1,512}$/, 'a CloudWatch log group name');
  const file = (path: string, stream: string) => ({ file_path: path, log_group_name: logGroupName, log_stream_name: `{instance_id}/${stream}`, timezone: 'UTC' });
  return JSON.stringify(
    {
      agent: { run_as_user: 'cwagent' },
      logs: { logs_collected: { files: { collect_list: [file(`${LOG_DIR}/api.log`, 'api'), file(`${LOG_DIR}/bootstrap.log`, 'bootstrap')] } } },
    },
    null,
    2,
  );
}

const LOGROTATE = `${LOG_DIR}/*.log {
  daily
  rotate 7
  maxsize 100M
  compress
  missingok
  notifempty
  copytruncate
}`;

/** The whole user-data script. Throws naming the arg for bad values, or when it exceeds 16 KiB. */
export function renderApiServerUserData(options: BootstrapOptions): string {
  const environment = renderEnvironmentFile(options.apiPort, options.environment);
  if (options.releaseS3Uri !== undefined) assertReleaseS3Uri(options.releaseS3Uri);
  const install = options.releaseS3Uri === undefined ? `echo "No release yet: deploy one with ${DEPLOY_COMMAND} (SSM Run Command)."` : `${DEPLOY_COMMAND} '${options.releaseS3Uri}'`;
  const script = `#!/bin/bash
# Student Helper API server bootstrap (Amazon Linux 2023, no internet route).
set -euo pipefail
install -d -m 0755 ${LOG_DIR}
exec > >(tee -a ${LOG_DIR}/bootstrap.log) 2>&1

# Packages come from the AL2023 repositories in S3, through the S3 gateway endpoint.
dnf install -y nodejs${options.nodeMajorVersion} amazon-cloudwatch-agent logrotate

id -u ${SERVICE_USER} >/dev/null 2>&1 || useradd --system --home-dir ${APP_ROOT} --shell /sbin/nologin ${SERVICE_USER}
install -d -m 0755 ${APP_ROOT} ${APP_ROOT}/releases /etc/student-helper
install -d -m 0750 -o ${SERVICE_USER} -g ${SERVICE_USER} /var/lib/student-helper

cat > ${ENV_FILE} <<'STUDENT_HELPER_ENV'
${environment}
STUDENT_HELPER_ENV
chown root:${SERVICE_USER} ${ENV_FILE}
chmod 0640 ${ENV_FILE}

cat > ${DEPLOY_COMMAND} <<'STUDENT_HELPER_DEPLOY'
${renderDeployScript()}
STUDENT_HELPER_DEPLOY
chmod 0755 ${DEPLOY_COMMAND}

cat > /etc/systemd/system/${SERVICE_NAME}.service <<'STUDENT_HELPER_UNIT'
${renderSystemdUnit(options.nodeMajorVersion, options.entrypoint)}
STUDENT_HELPER_UNIT

cat > /etc/logrotate.d/student-helper <<'STUDENT_HELPER_LOGROTATE'
${LOGROTATE}
STUDENT_HELPER_LOGROTATE
systemctl enable --now logrotate.timer

cat > ${CLOUDWATCH_AGENT_CONFIG} <<'STUDENT_HELPER_CWAGENT'
${renderCloudWatchAgentConfig(options.logGroupName)}
STUDENT_HELPER_CWAGENT
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${CLOUDWATCH_AGENT_CONFIG}

systemctl daemon-reload
systemctl enable ${SERVICE_NAME}.service
${install}
`;
  const bytes = Buffer.byteLength(script, 'utf8');
  if (bytes > USER_DATA_MAX_BYTES) {
    throw new Error(`environment makes the user data ${bytes} bytes; EC2 allows ${USER_DATA_MAX_BYTES} — move large values to the app-config secret`);
  }
  return script;
}
