#!/usr/bin/env bash
# Runs a TypeScript tool against workspace sources: tsx transpiles, and the
# @student-helper/source export condition resolves workspace packages to src/.
exec node --conditions=@student-helper/source --import tsx "$@"
