"""check-feed FILE: an Atom feed (.atom/.xml) or a JSON Feed 1.1 (.json) as feed readers see it.

Atom: feedparser must parse it without a bozo error, and RFC 4287 must hold: feed id, title,
updated and a rel=self link; every entry with id, title, updated (RFC 3339), a link or
content; entry ids unique.
JSON Feed 1.1: version URL, title, items; every item with a unique string id, content_html or
content_text, RFC 3339 dates, absolute URLs.
"""
import argparse
import json
import os
import re
import sys
from urllib.parse import urlparse
from xml.etree import ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report  # noqa: E402

ATOM = "http://www.w3.org/2005/Atom"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def absolute(url):
    p = urlparse(url or "")
    return p.scheme in ("http", "https") and bool(p.netloc)


def check_atom(path, rep):
    try:
        import feedparser
    except ImportError:
        rep.error("feedparser is not installed (make checkers installs it)")
        return ""
    parsed = feedparser.parse(path)
    if parsed.bozo:
        rep.error(f"feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        rep.error(f"feedparser reads it as {parsed.version or 'no feed'}, not Atom 1.0")
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as e:
        rep.error(f"not well-formed XML: {e}")
        return ""
    a = lambda t: f"{{{ATOM}}}{t}"  # noqa: E731
    if root.tag != a("feed"):
        rep.error(f"root element is {root.tag}, not atom:feed")
        return ""
    for need in ("id", "title", "updated"):
        if root.find(a(need)) is None or not (root.find(a(need)).text or "").strip():
            rep.error(f"the feed has no {need}")
    if not any(l.get("rel") == "self" for l in root.findall(a("link"))):
        rep.error("the feed has no link rel=self")
    if root.find(a("author")) is None:
        entries_with_author = all(e.find(a("author")) is not None for e in root.findall(a("entry")))
        if not entries_with_author:
            rep.error("no author on the feed nor on every entry (RFC 4287 4.1.1)")
    ids = []
    for e in root.findall(a("entry")):
        for need in ("id", "title", "updated"):
            if e.find(a(need)) is None or not (e.find(a(need)).text or "").strip():
                rep.error(f"an entry has no {need}")
        updated = e.find(a("updated"))
        if updated is not None and not RFC3339.match((updated.text or "").strip()):
            rep.error(f"entry updated {updated.text!r} is not an RFC 3339 date")
        if e.find(a("content")) is None and not any(l.get("rel", "alternate") == "alternate" for l in e.findall(a("link"))):
            rep.error("an entry has neither content nor an alternate link")
        ids.append((e.find(a("id")).text or "") if e.find(a("id")) is not None else "")
    if len(set(ids)) != len(ids):
        rep.error("entry ids are not unique")
    rep.info(f"Atom 1.0: {len(ids)} entries (feedparser: {len(parsed.entries)})")
    return f"Atom 1.0, {len(ids)} entries"


def check_json_feed(path, rep):
    try:
        with open(path, encoding="utf-8") as fh:
            feed = json.load(fh)
    except (ValueError, UnicodeDecodeError) as e:
        rep.error(f"not JSON: {e}")
        return ""
    if not isinstance(feed, dict):
        rep.error("the top level is not an object")
        return ""
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        rep.error(f"version is {feed.get('version')!r}, not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        rep.error("no title")
    for key in ("home_page_url", "feed_url"):
        if key in feed and not absolute(feed[key]):
            rep.error(f"{key} {feed[key]!r} is not an absolute http(s) URL")
    if "feed_url" not in feed:
        rep.warn("no feed_url")
    items = feed.get("items")
    if not isinstance(items, list):
        rep.error("items is not an array")
        return ""
    ids = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            rep.error(f"item {i} is not an object")
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            rep.error(f"item {i} has no string id")
        ids.append(item.get("id"))
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            rep.error(f"item {item.get('id', i)} has neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(str(item[key])):
                rep.error(f"item {item.get('id', i)}: {key} {item[key]!r} is not an RFC 3339 date")
        for key in ("url", "external_url"):
            if key in item and not absolute(item[key]):
                rep.error(f"item {item.get('id', i)}: {key} {item[key]!r} is not an absolute URL")
        if "tags" in item and not (isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])):
            rep.error(f"item {item.get('id', i)}: tags is not an array of strings")
    if len(set(map(str, ids))) != len(ids):
        rep.error("item ids are not unique")
    rep.info(f"JSON Feed 1.1: {len(items)} items")
    return f"JSON Feed 1.1, {len(items)} items"


def main():
    ap = argparse.ArgumentParser(prog="check-feed", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    rep = Report("check-feed", args.file, args.quiet)
    if not os.path.isfile(args.file):
        rep.error("no such file")
        return rep.finish("")
    with open(args.file, "rb") as fh:
        head = fh.read(64).lstrip()
    summary = check_json_feed(args.file, rep) if head.startswith(b"{") else check_atom(args.file, rep)
    return rep.finish(summary)


if __name__ == "__main__":
    sys.exit(main())
