#!/usr/bin/env bash
# A mutation campaign in chunks that each finish (issue #12): Stryker writes its incremental file only
# when a run ends, and a run cut short keeps nothing, so on this shared machine a long campaign runs as
# several short ones. Each argument is one chunk (comma-separated --mutate patterns). Stryker keeps the
# results of files outside a run's --mutate in its incremental file, so the chunks add up. KEEP (default
# /work/stryker-keep, outside git) holds incremental.json and mutation.json between sessions: copied in
# before the first chunk, copied out after each one.
#   test/mutationCampaign.sh 'src/runbook/report/**/*.ts' 'src/runbook/run.ts,src/runbook/armed.ts'
set -euo pipefail
KEEP=${KEEP:-/work/stryker-keep}
mkdir -p .stryker "$KEEP"
for f in incremental.json mutation.json; do [ -f "$KEEP/$f" ] && cp "$KEEP/$f" ".stryker/$f"; done
for chunk in "$@"; do
  echo "== $(date -u +%H:%M:%S) chunk $chunk"
  start=$(date +%s)
  nice -n 19 npx stryker run test/stryker.config.mjs --concurrency 1 --mutate "$chunk"
  cp .stryker/incremental.json .stryker/mutation.json "$KEEP/"
  echo "== $(date -u +%H:%M:%S) chunk $chunk done in $(( $(date +%s) - start )) s; kept in $KEEP"
done
