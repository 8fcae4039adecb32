"""Reads Spona's Atom feed with feedparser and prints what the e2e test compares, as JSON.

Usage: python3 check_feeds.py FEED.atom
Fails (exit 1) when feedparser calls the feed malformed (its `bozo` flag).
"""
import json
import sys

import feedparser

feed = feedparser.parse(sys.argv[1])
if feed.bozo:
    print(f"malformed: {feed.bozo_exception!r}", file=sys.stderr)
    sys.exit(1)
print(json.dumps({
    "version": feed.version,
    "title": feed.feed.get("title"),
    "entries": [
        {
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "language": (e.get("title_detail") or {}).get("language"),
            "published": e.get("published"),
            "content": [c.get("value") for c in e.get("content", [])],
            "related": [l.get("href") for l in e.get("links", []) if l.get("rel") == "related"],
        }
        for e in feed.entries
    ],
}, ensure_ascii=False))
