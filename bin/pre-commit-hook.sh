#!/bin/sh
# Entry of the pre-commit hook (.pre-commit-hooks.yaml, language: script). pre-commit runs it from
# its own clone of this repository with the staged model files as arguments; the first run builds
# that clone once (npm ci + build), later runs go straight to dist/.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli/main.js" ]; then
  echo "graphwarden: first run, building the hook once in $here" >&2
  (cd "$here" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >&2; } && npm run --silent build >&2)
fi
exec node "$here/dist/cli/main.js" scan --no-color "$@"
