#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A bounded libFuzzer run of the campaign fuzz target, as a TAP test:
#   run-libfuzzer.sh FUZZER CORPUS LOG_DIR [RUNS]
# New inputs go to a temporary folder, never into the corpus of the source
# tree; a crashing input is kept in LOG_DIR as fuzz-campaign-crash-<sha1>.
set -u
fuzzer=$1 corpus=$2 logs=$3 runs=${4:-5000}
work=$(mktemp -d "${TMPDIR:-/tmp}/dossier-libfuzzer-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$logs"
echo "1..1"
status=0
"$fuzzer" -seed=1 -runs="$runs" -max_len=1048576 -timeout=20 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="$logs/fuzz-campaign-" \
  "$work" "$corpus" >&2 || status=$?
if [ "$status" = 0 ]; then
  echo "ok 1 - libFuzzer, $runs runs from seed 1"
else
  echo "not ok 1 - libFuzzer, $runs runs from seed 1: exit status $status; the input is in $logs"
  exit 1
fi
exit 0
