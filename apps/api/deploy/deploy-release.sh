#!/usr/bin/env bash
# `nx run api:deploy --configuration=<stack>`: uploads the packaged API release to the stack's
# artifacts bucket (s3://<bucket>/api/<version>.tar.gz, the prefix the instance role may read)
# and has the API instance install it through SSM Run Command (AWS-RunShellScript running
# student-helper-deploy, which the instance's first boot wrote; decision 0029).
#
# Needs on the operator's machine: the pulumi CLI (the stack's outputs name the bucket and the
# instance) and the aws CLI with credentials allowed s3:PutObject and s3:GetObject on the
# artifacts bucket's api/ prefix, ssm:SendCommand on the instance and AWS-RunShellScript, and
# ssm:GetCommandInvocation.
#
# The version is apps/api's package version, or API_RELEASE_VERSION. The instance installs a
# version once (a second deploy of it only switches back to it), so a version is uploaded once:
# a changed API needs a new version (`nx release`) or its own API_RELEASE_VERSION.
#
#   deploy-release.sh <stack> [<tarball>]
set -euo pipefail

usage="usage: deploy-release.sh <stack> [<tarball>]   (stack: dev or prod; tarball: dist/apps/api-<version>.tar.gz by default)"
deploy_command=/usr/local/bin/student-helper-deploy
here="$(cd "${BASH_SOURCE[0]%/*}" && pwd)"
root="$(cd "$here/../../.." && pwd)"
infra="$root/apps/infra"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "$usage" >&2
  exit 64
fi
stack="$1"
if [[ ! "$stack" =~ ^[A-Za-z0-9._-]+$ || ! -f "$infra/Pulumi.$stack.yaml" ]]; then
  echo "deploy-release.sh: no stack '$stack' (expected apps/infra/Pulumi.$stack.yaml). $usage" >&2
  exit 64
fi
for cli in pulumi aws; do
  if ! command -v "$cli" >/dev/null 2>&1; then
    echo "deploy-release.sh: the $cli CLI is not installed or not on PATH; it is needed to deploy (see apps/api/README.md, Deploying to EC2)." >&2
    exit 69
  fi
done

package_version="$(node -p "require(process.argv[1]).version" "$root/apps/api/package.json")"
version="${API_RELEASE_VERSION:-$package_version}"
if [[ ! "$version" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "deploy-release.sh: release version '$version' must be letters, digits, '.', '_' or '-' (it names the release folder on the instance)." >&2
  exit 64
fi
tarball="${2:-$root/dist/apps/api-$package_version.tar.gz}"
if [[ ! -f "$tarball" ]]; then
  echo "deploy-release.sh: no release at $tarball: run nx run api:package-release first." >&2
  exit 66
fi

bucket="$(pulumi stack output artifactsBucketName --stack "$stack" --cwd "$infra")"
instance="$(pulumi stack output apiInstanceId --stack "$stack" --cwd "$infra")"
region="$(pulumi config get aws:region --stack "$stack" --cwd "$infra")"
key="api/$version.tar.gz"
uri="s3://$bucket/$key"

if aws s3api head-object --region "$region" --bucket "$bucket" --key "$key" >/dev/null 2>&1; then
  echo "deploy-release.sh: $uri already exists and the instance installs a version once: release a new api version or set API_RELEASE_VERSION." >&2
  exit 1
fi
aws s3 cp --only-show-errors --region "$region" "$tarball" "$uri"

command_id="$(aws ssm send-command --region "$region" --instance-ids "$instance" --document-name AWS-RunShellScript \
  --comment "student-helper api $version" --parameters "{\"commands\":[\"$deploy_command $uri\"]}" \
  --query Command.CommandId --output text)"
echo "SSM command $command_id installs $version on $instance"
# Polled rather than `aws ssm wait command-executed`, which gives up after 100 s. Until the agent
# has the command, the invocation does not exist yet: that counts as pending. At most 10 minutes.
status=Pending
for ((attempt = 0; attempt < 120; attempt++)); do
  status="$(aws ssm get-command-invocation --region "$region" --command-id "$command_id" --instance-id "$instance" --query Status --output text 2>/dev/null || echo Pending)"
  case "$status" in
    Pending | InProgress | Delayed) sleep 5 ;;
    *) break ;;
  esac
done
aws ssm get-command-invocation --region "$region" --command-id "$command_id" --instance-id "$instance" \
  --query '[StandardOutputContent,StandardErrorContent]' --output text
if [[ "$status" != "Success" ]]; then
  echo "deploy-release.sh: the install on $instance ended $status (SSM command $command_id)." >&2
  exit 1
fi
echo "$instance now runs $uri"
