#!/usr/bin/env python3
"""Parses an iCalendar text on stdin with `icalendar` and expands it with
`recurring-ical-events` between two dates given as arguments (YYYY-MM-DD); prints JSON:
{"events": [{"uid", "sequence", "status", "url"}], "occurrences": [{"uid", "start", "end"}],
"tzids": [...], "vtimezones": [...]}, instants as Unix seconds."""
import json
import sys
from datetime import date, datetime, timezone

import icalendar
import recurring_ical_events


def unix(v):
    if isinstance(v, datetime):
        if v.tzinfo is None:
            raise SystemExit(f"floating time {v}")
        return int(v.timestamp())
    return int(datetime(v.year, v.month, v.day, tzinfo=timezone.utc).timestamp())


def main():
    text = sys.stdin.read()
    cal = icalendar.Calendar.from_ical(text)
    start = date.fromisoformat(sys.argv[1])
    end = date.fromisoformat(sys.argv[2])
    events = []
    tzids = set()
    for ev in cal.walk("VEVENT"):
        events.append({
            "uid": str(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS", "")),
            "url": str(ev.get("URL", "")),
        })
        for key in ("DTSTART", "DTEND"):
            p = ev.get(key)
            if p is not None and "TZID" in p.params:
                tzids.add(str(p.params["TZID"]))
    vtimezones = [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")]
    occ = []
    for o in recurring_ical_events.of(cal).between(start, end):
        if str(o.get("STATUS", "")) == "CANCELLED":
            continue
        occ.append({
            "uid": str(o.get("UID")),
            "start": unix(o.get("DTSTART").dt),
            "end": unix(o.get("DTEND").dt),
        })
    occ.sort(key=lambda x: (x["uid"], x["start"]))
    print(json.dumps({
        "method": str(cal.get("METHOD", "")),
        "events": events,
        "occurrences": occ,
        "tzids": sorted(tzids),
        "vtimezones": sorted(vtimezones),
    }))


if __name__ == "__main__":
    main()
