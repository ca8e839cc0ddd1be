#!/usr/bin/env bash
# check-page.sh INDEX_HTML ARTIFACTS_DIR [KEYWORD [EXPECTED_ROWS]]
#
# Opens the published DIP page (index.html from the website output) in headless Chromium the
# way a visitor's browser would:
#   1. screenshots at desktop (1280 px) and phone (390 px) width into ARTIFACTS_DIR;
#   2. dumps the DOM after the page's script ran and checks the filter box was shown and every
#      item row is visible (data-tampil = row count);
#   3. dumps the DOM of index.html?q=KEYWORD (the script reads q and filters) and checks the
#      filter narrowed the table: 0 < visible rows < all rows, equal to EXPECTED_ROWS if given.
# Final line "OK check-page …" (exit 0) or "FAIL check-page …" (exit 1); exit 2 when no
# Chromium is installed (apt-get install -y chromium).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 INDEX_HTML ARTIFACTS_DIR [KEYWORD [EXPECTED_ROWS]]" >&2
  exit 1
fi
page=$1
art=$2
keyword=${3:-banjir}
expected=${4:-}

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "SKIP check-page: chromium not installed (apt-get install -y chromium)"
  exit 2
fi
if [ ! -f "$page" ]; then
  echo "FAIL check-page: no such file: $page"
  exit 1
fi
mkdir -p "$art"
url="file://$(readlink -f "$page")"
query=$(printf '%s' "$keyword" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g')
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
log="$art/chromium.log"
: > "$log"
start=$(date +%s.%N)

run_chrome() {
  # Private profile per run; a time budget lets the inline script finish before the dump.
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --user-data-dir="$profile" --hide-scrollbars \
    --virtual-time-budget=5000 "$@" 2>>"$log"
}

fail() {
  echo "FAIL check-page $(basename "$page"): $*"
  exit 1
}

run_chrome --window-size=1280,2400 --screenshot="$art/index-desktop.png" "$url" >>"$log" || fail "screenshot (desktop) failed, see $log"
run_chrome --window-size=390,2400 --screenshot="$art/index-phone.png" "$url" >>"$log" || fail "screenshot (phone) failed, see $log"
for png in index-desktop.png index-phone.png; do
  head -c 8 "$art/$png" 2>/dev/null | od -An -tx1 | grep -q '89 50 4e 47' || fail "$png is not a PNG"
done

run_chrome --dump-dom "$url" > "$art/dom-all.html" || fail "dump-dom failed, see $log"
run_chrome --dump-dom "$url?q=$query" > "$art/dom-filtered.html" || fail "dump-dom with ?q= failed, see $log"

rows() { grep -o '<tr class="dip-item"[^>]*>' "$1" | wc -l; }
visible() { grep -o '<tr class="dip-item"[^>]*>' "$1" | grep -vc ' hidden' ; }
shown_attr() { grep -o 'data-tampil="[0-9]*"' "$1" | head -1 | tr -dc '0-9'; }

total=$(rows "$art/dom-all.html")
all_visible=$(visible "$art/dom-all.html")
all_attr=$(shown_attr "$art/dom-all.html")
[ "$total" -gt 0 ] || fail "no item rows rendered"
grep -q '<form class="saring" id="saring" role="search" method="get">' "$art/dom-all.html" \
  || fail "the filter box was not shown (script did not run?)"
[ "$all_visible" -eq "$total" ] || fail "without a query $all_visible of $total rows are visible"
[ "$all_attr" = "$total" ] || fail "script counted '$all_attr' rows, page has $total"

f_total=$(rows "$art/dom-filtered.html")
f_visible=$(visible "$art/dom-filtered.html")
f_attr=$(shown_attr "$art/dom-filtered.html")
[ "$f_total" -eq "$total" ] || fail "filtered page has $f_total rows in the DOM, expected $total (hidden, not removed)"
[ "$f_visible" -gt 0 ] || fail "filter '$keyword' left no visible rows"
[ "$f_visible" -lt "$total" ] || fail "filter '$keyword' did not narrow the table ($f_visible of $total)"
[ "$f_attr" = "$f_visible" ] || fail "script reports '$f_attr' rows shown, DOM has $f_visible visible"
if [ -n "$expected" ] && [ "$f_visible" -ne "$expected" ]; then
  fail "filter '$keyword' shows $f_visible rows, expected $expected"
fi
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "OK check-page $(basename "$page"): $total rows rendered, filter '$keyword' shows $f_visible; screenshots in $art [${secs}s]"
