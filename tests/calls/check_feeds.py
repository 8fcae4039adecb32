#!/usr/bin/env python3
"""Parses a feed Spona served with a real parser and prints what it found as JSON.

    check_feeds.py ics FILE    -> {"events": [{uid, sequence, dtstart, tzinfo, status, url, summary}]}
    check_feeds.py atom FILE   -> {"title", "entries": [{id, title, link, updated}], "bozo"}

Used by crates/spona/tests/e2e/calls.rs; needs tests/calls/requirements.txt.
"""
import json
import sys


def ics(path):
    import icalendar

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = {"method": str(cal.get("METHOD", "")), "events": [], "timezones": 0}
    for c in cal.walk():
        if c.name == "VTIMEZONE":
            out["timezones"] += 1
        if c.name != "VEVENT":
            continue
        start = c.decoded("DTSTART")
        out["events"].append(
            {
                "uid": str(c.get("UID")),
                "sequence": int(c.get("SEQUENCE", 0)),
                "dtstart": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "tzinfo": str(start.tzinfo),
                "utc_offset": start.utcoffset().total_seconds(),
                "status": str(c.get("STATUS", "")),
                "url": str(c.get("URL", "")),
                "summary": str(c.get("SUMMARY", "")),
                "description": str(c.get("DESCRIPTION", "")),
            }
        )
    return out


def atom(path):
    import feedparser

    with open(path, "rb") as f:
        d = feedparser.parse(f.read())
    return {
        "bozo": bool(d.bozo),
        "version": d.version,
        "title": d.feed.get("title", ""),
        "entries": [
            {
                "id": e.get("id", ""),
                "title": e.get("title", ""),
                "link": e.get("link", ""),
                "updated": e.get("updated", ""),
                "summary": e.get("summary", ""),
            }
            for e in d.entries
        ],
    }


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(ics(path) if kind == "ics" else atom(path)))
