#!/usr/bin/env bash
# action.yml step 1: install and build graphwarden from the action's own checkout (GITHUB_ACTION_PATH).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -f dist/cli/main.js ] || npm run --silent build
node dist/cli/main.js --version
