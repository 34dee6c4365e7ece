#!/usr/bin/env bash
# `nx run processor:deploy --configuration=<stack>`: pushes the processor image built from
# dist/apps/processor-lambda and points the stack's Lambda function at it.
#
# Needs on the operator's machine: docker, the aws CLI (credentials for the stack's account) and
# the pulumi CLI (the stack's outputs name the ECR repository and the function).
#
# The image tag is the processor's package version — the tag the infra runs by default — or
# PROCESSOR_IMAGE_TAG. The repository's tags are immutable: a version is pushed once, so a
# changed processor needs a new version (`nx release`) or its own tag, which the stack must then
# name too (`pulumi config set processor_image_tag <tag>`), or `infra:up` would roll it back.
set -euo pipefail

stack="${1:?usage: deploy-lambda.sh <stack>   (dev or prod)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
infra="$root/apps/infra"
bundle="$root/dist/apps/processor-lambda"
[[ -f "$bundle/handler.mjs" ]] || { echo "No bundle at $bundle: run nx run processor:build-lambda first." >&2; exit 1; }

version="$(node -p "require(process.argv[1]).version" "$root/apps/processor/package.json")"
tag="${PROCESSOR_IMAGE_TAG:-$version}"
repository_url="$(pulumi stack output processorRepositoryUrl --stack "$stack" --cwd "$infra")"
function_name="$(pulumi stack output processorFunctionName --stack "$stack" --cwd "$infra")"
region="$(pulumi config get aws:region --stack "$stack" --cwd "$infra")"
registry="${repository_url%%/*}"
repository="${repository_url#*/}"
image="$repository_url:$tag"

if aws ecr describe-images --region "$region" --repository-name "$repository" --image-ids "imageTag=$tag" >/dev/null 2>&1; then
  echo "$image already exists and tags are immutable: release a new processor version or set PROCESSOR_IMAGE_TAG." >&2
  exit 1
fi

aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
docker build --platform linux/amd64 --provenance=false -f "$root/apps/processor/Dockerfile" -t "$image" "$root"
docker push "$image"
aws lambda update-function-code --region "$region" --function-name "$function_name" --image-uri "$image" --publish
aws lambda wait function-updated-v2 --region "$region" --function-name "$function_name"
echo "$function_name now runs $image"
