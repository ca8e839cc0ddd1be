#!/usr/bin/env bash
# Runs `dip check` on every file in a folder (default: what scripts/make-hostile-files.py
# wrote) with a time limit, and prints one line per file: exit code, wall seconds, peak RSS
# (MiB, from /usr/bin/time -v), status line and the first problem's message.
# Usage: scripts/hostile-check.sh [DIP_BINARY] [DIR] [TIMEOUT_SECONDS]
set -u
DIP=${1:-.build/debug/dip}
DIR=${2:-/tmp/dip-hostile}
LIMIT=${3:-120}
for f in "$DIR"/*; do
  [ -e "$f" ] || continue
  out=$(mktemp); tv=$(mktemp)
  start=$(date +%s.%N)
  timeout -s KILL "$LIMIT" /usr/bin/time -v -o "$tv" "$DIP" check "$f" >"$out" 2>&1
  rc=$?
  end=$(date +%s.%N)
  rss=$(awk -F: '/Maximum resident/ {printf "%d", $2/1024}' "$tv")
  msg=$(head -1 "$out" | sed 's/^[^:]*: //' | cut -c1-60)
  first=$(sed -n 2p "$out" | sed 's/^ *//' | cut -c1-${WIDTH:-260})
  printf '%-45s rc=%-3s %6.1fs %5sMiB | %s | %s\n' "$(basename "$f")" "$rc" "$(echo "$end - $start" | bc)" "${rss:-?}" "$msg" "$first"
  rm -f "$out" "$tv"
done
