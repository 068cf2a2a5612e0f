#!/usr/bin/env bash
# action.yml step 2: scan, write SARIF, print the text verdict to the log, set outputs, and fail the
# job when asked. Inputs arrive as environment variables (GW_*), never spliced into the script.
#   GW_PATHS      files or folders, separated by spaces or new lines (no globbing)
#   GW_FAIL_ON    critical|high|medium|low|info|none
#   GW_SARIF      where the SARIF goes
#   GW_FAIL_JOB   "true": exit 1 on findings at GW_FAIL_ON; an incomplete scan (2) always fails
#   GW_ARGS       extra scan options, split on spaces
set -euo pipefail
cli="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}/dist/cli/main.js"
set -f
# shellcheck disable=SC2206
paths=(${GW_PATHS:-.})
# shellcheck disable=SC2206
extra=(${GW_ARGS:-})
set +f
sarif="${GW_SARIF:-graphwarden.sarif}"
fail_on="${GW_FAIL_ON:-medium}"
code=0
node "$cli" scan "${paths[@]}" "${extra[@]}" --fail-on "$fail_on" -f sarif -o "$sarif" || code=$?
node "$cli" scan "${paths[@]}" "${extra[@]}" --fail-on "$fail_on" -q --no-color || true
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "sarif-file=$sarif"; echo "exit-code=$code"; } >> "$GITHUB_OUTPUT"
fi
if [ "$code" -ge 2 ]; then
  echo "::error::graphwarden could not scan everything (exit $code); see the log above"
  exit "$code"
fi
if [ "$code" -eq 1 ] && [ "${GW_FAIL_JOB:-true}" = "true" ]; then
  echo "::error::graphwarden found model content at or above $fail_on"
  exit 1
fi
exit 0
