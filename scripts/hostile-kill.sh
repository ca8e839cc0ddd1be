#!/usr/bin/env bash
# kill -9 during `dip run` on an inbox holding the example lists and hostile files, at the
# given delays (seconds), then a run left to finish; compares the register's submissions
# (unit, file, outcome, items, problems) and the archived originals with a clean run's.
# Prints MATCH or DIFF per delay. Usage:
#   scripts/hostile-kill.sh DIP_BINARY HOSTILE_DIR "0.5 1 2 4 8"
set -u
DIP=$(readlink -f "${1:-.build/debug/dip}")
HOSTILE=${2:-/tmp/dip-hostile}
DELAYS=${3:-"0.5 1 2 4 8"}
ROOT=$(mktemp -d /tmp/dip-kill-XXXX)
REPO=$(cd "$(dirname "$0")/.." && pwd)
prepare() {
  "$DIP" init "$1" >/dev/null
  cp -r "$REPO"/examples/inbox/* "$1/inbox/"
  for f in bomb-many-merges.xlsx bomb-ratio-sheet.xlsx csv-unterminated-quote.csv really-html.xls \
           duplicate-entry-sheet.xlsx bomb-many-empty-rows.xlsx xxe-xl_styles.xml.xlsx encrypted.xlsx \
           cut-half.xlsx ods-many-spans.ods long-cell-40000.xlsx csv-utf16le-bom.csv; do
    [ -e "$HOSTILE/$f" ] && cp "$HOSTILE/$f" "$1/inbox/dinsos/"
  done
  find "$1/inbox" -type f -exec touch -d '2026-01-01 00:00' {} +
}
state() {
  sqlite3 "$1/archive/register.sqlite" \
    "select unit, file_name, outcome, item_count, problem_count from submissions order by unit, file_name, outcome" 2>/dev/null
  echo "originals: $(find "$1/archive/originals" -type f ! -name '*.json' | wc -l)"
  echo "left in inbox: $(find "$1/inbox" -type f ! -name 'TEMPLAT-DIP.xlsx' | wc -l)"
}
export SOURCE_DATE_EPOCH=1767225600
prepare "$ROOT/ref"
"$DIP" run --workspace "$ROOT/ref" --settle-seconds 0 --quiet >/dev/null 2>&1
state "$ROOT/ref" > "$ROOT/ref.state"
for d in $DELAYS; do
  w="$ROOT/k$d"
  prepare "$w"
  "$DIP" run --workspace "$w" --settle-seconds 0 --quiet >/dev/null 2>&1 &
  pid=$!
  sleep "$d"
  kill -9 "$pid" 2>/dev/null && killed=yes || killed=no
  wait "$pid" 2>/dev/null
  "$DIP" run --workspace "$w" --settle-seconds 0 --quiet >/dev/null 2>&1
  rc=$?
  state "$w" > "$w.state"
  if diff -q "$ROOT/ref.state" "$w.state" >/dev/null; then r=MATCH; else r=DIFF; fi
  echo "delay ${d}s killed=$killed next-run-rc=$rc $r ($(grep -c . "$w.state") lines)"
  [ "$r" = DIFF ] && diff "$ROOT/ref.state" "$w.state" | head -20
done
echo "workspaces in $ROOT"
