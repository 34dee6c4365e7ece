#!/usr/bin/env bash
# `nx run api:package-release`: tars the API release folder as dist/apps/api-<version>.tar.gz —
# the file `student-helper-deploy` unpacks into /opt/student-helper/releases/<version> on the
# instance. The version is the release's own (its package.json, copied from apps/api's).
#
#   package-release.sh [<release folder> [<tarball>]]
set -euo pipefail

here="$(cd "${BASH_SOURCE[0]%/*}" && pwd)"
root="$(cd "$here/../../.." && pwd)"
release="${1:-$root/dist/apps/api-release}"
if [[ ! -f "$release/package.json" || ! -f "$release/apps/api/dist/main.js" ]]; then
  echo "package-release.sh: no API release at $release: run nx run api:build-release first." >&2
  exit 66
fi
version="$(node -p "require(process.argv[1]).version" "$release/package.json")"
tarball="${2:-$root/dist/apps/api-$version.tar.gz}"
mkdir -p "$(dirname "$tarball")"
rm -f "$tarball"
tar -czf "$tarball" -C "$release" .
echo "$tarball"
