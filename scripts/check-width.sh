#!/usr/bin/env bash
# check-width.sh PAGE.html WIDTH [SCREENSHOT.png]
#
# Lays PAGE out in headless Chromium in a viewport WIDTH px wide and prints
# "WIDTH SCROLLWIDTH BOXES": the page's document.documentElement.scrollWidth, and how many
# boxes inside it scroll sideways on their own (overflow-x auto or scroll with content wider
# than the box: a table in such a box shows a phone two columns and cuts its caption). A page
# that fits has SCROLLWIDTH <= WIDTH and BOXES = 0; with BOXES > 0 a last line
# "boxes: TAG.CLASS …" names them. Headless Chromium will not make a window
# narrower than 500 px, so the page is shown in an iframe of exactly WIDTH px (its own
# viewport: media queries and layout see WIDTH) inside a wrapper page that reads the
# measurement; the page's files are not changed. With SCREENSHOT, the wrapper is captured.
# Exit 2 when no Chromium is installed.
set -u
page=$1
width=$2
shot=${3:-}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "SKIP check-width: chromium not installed"
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$page" "$work/page.html"
cat > "$work/wrapper.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head>
<body><iframe id="f" src="page.html" width="$width" height="1400"></iframe>
<script>document.getElementById("f").addEventListener("load",function(){
var d=document.getElementById("f").contentDocument;var m=document.createElement("meta");
m.name="dip-lebar";m.content=String(d.documentElement.scrollWidth);document.head.appendChild(m);
var boxes=[];d.querySelectorAll("body *").forEach(function(e){var o=getComputedStyle(e).overflowX;
if((o=="auto"||o=="scroll")&&e.scrollWidth>e.clientWidth+1)boxes.push(e.tagName.toLowerCase()+"."+(e.className||"-"));});
var b=document.createElement("meta");b.name="dip-geser";b.content=boxes.length+" "+boxes.join(" ");document.head.appendChild(b);});</script>
</body></html>
HTML
window=$(( width < 500 ? 500 : width ))
run_chrome() {
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --no-default-browser-check --user-data-dir="$work/profile" --hide-scrollbars --allow-file-access-from-files \
    --virtual-time-budget=3000 --window-size="$window",1400 "$@" 2>/dev/null
}
dom=$(run_chrome --dump-dom "file://$work/wrapper.html")
measured=$(printf '%s' "$dom" | grep -o 'name="dip-lebar" content="[0-9]*"' | grep -o '[0-9]*' | head -1)
boxes=$(printf '%s' "$dom" | grep -o 'name="dip-geser" content="[^"]*"' | sed 's/.*content="//; s/"$//' | head -1)
if [ -n "$shot" ]; then
  run_chrome --screenshot="$shot" "file://$work/wrapper.html" >/dev/null
fi
if [ -z "$measured" ]; then
  echo "FAIL check-width: no measurement (page did not load?)"
  exit 1
fi
count=${boxes%% *}
echo "$width $measured ${count:-0}"
if [ "${count:-0}" != 0 ]; then echo "boxes: ${boxes#* }"; fi
