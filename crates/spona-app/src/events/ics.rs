//! iCalendar (RFC 5545) for events: one event (`METHOD:PUBLISH`) or a feed. Times are
//! written in the event's own zone (`TZID`) with a VTIMEZONE for every zone used, built from
//! the zone's rules (chrono-tz data) for the years the events cover; the `icalendar` crate
//! writes no VTIMEZONE, so Spona writes the whole text itself.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};
use spona_domain::event::{parse_local, parse_zone};
use spona_store::events::{Event, Exdate, Material};

/// Writes a calendar of `events`; `url_of` gives each event's page address. Each event's
/// `materials` are listed as `ATTACH` by address (under the page's, no file inlined).
pub fn calendar(
    name: &str,
    events: &[Event],
    exdates: &[Exdate],
    materials: &[Material],
    url_of: &dyn Fn(&Event) -> String,
) -> String {
    calendar_with(name, events, exdates, materials, url_of, &|e| {
        format!("{}@spona", e.id)
    })
}

/// [`calendar`] with each event's UID given by `uid_of` (a private feed gives each single
/// date a person registered for its own).
pub fn calendar_with(
    name: &str,
    events: &[Event],
    exdates: &[Exdate],
    materials: &[Material],
    url_of: &dyn Fn(&Event) -> String,
    uid_of: &dyn Fn(&Event) -> String,
) -> String {
    let mut out = String::with_capacity(events.len() * 700 + 2048);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Spona//Events//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    // Zones used, with the years each covers.
    let mut zones: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for e in events {
        let (a, b) = (year(e.starts_at), year(e.last_ends_at));
        let span = zones.entry(e.zone.as_str()).or_insert((a, b));
        span.0 = span.0.min(a);
        span.1 = span.1.max(b);
    }
    for (zone, (from, to)) in &zones {
        if let Some(tz) = parse_zone(zone) {
            vtimezone(&mut out, tz, *from, *to);
        }
    }
    let mut by_event: BTreeMap<&str, Vec<&Exdate>> = BTreeMap::new();
    for x in exdates {
        by_event.entry(x.event_id.as_str()).or_default().push(x);
    }
    let mut files: BTreeMap<&str, Vec<&Material>> = BTreeMap::new();
    for m in materials {
        files.entry(m.event_id.as_str()).or_default().push(m);
    }
    for e in events {
        vevent(
            &mut out,
            e,
            by_event.get(e.id.as_str()).map_or(&[][..], Vec::as_slice),
            files.get(e.id.as_str()).map_or(&[][..], Vec::as_slice),
            &url_of(e),
            &uid_of(e),
        );
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn year(unix: i64) -> i32 {
    Utc.timestamp_opt(unix, 0)
        .single()
        .map_or(1970, |t| t.year())
        .clamp(1970, 2200)
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(unix: i64) -> String {
    Utc.timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

fn vevent(
    out: &mut String,
    e: &Event,
    exdates: &[&Exdate],
    files: &[&Material],
    url: &str,
    uid: &str,
) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{uid}"));
    line(out, &format!("DTSTAMP:{}", utc_stamp(e.updated_at)));
    line(out, &format!("LAST-MODIFIED:{}", utc_stamp(e.updated_at)));
    line(out, &format!("SEQUENCE:{}", e.sequence));
    let tz = parse_zone(&e.zone);
    let (start, end) = (parse_local(&e.starts_local), parse_local(&e.ends_local));
    match (tz, start, end) {
        (Some(tz), Some(s), Some(en)) if tz != chrono_tz::UTC => {
            let name = tz.name();
            line(out, &format!("DTSTART;TZID={name}:{}", local_stamp(s)));
            line(out, &format!("DTEND;TZID={name}:{}", local_stamp(en)));
        }
        _ => {
            line(out, &format!("DTSTART:{}", utc_stamp(e.starts_at)));
            line(out, &format!("DTEND:{}", utc_stamp(e.ends_at)));
        }
    }
    if let Some(rule) = &e.rrule {
        line(out, &format!("RRULE:{rule}"));
        let stamps: Vec<String> = exdates
            .iter()
            .filter_map(|x| parse_local(&x.occurrence_local))
            .map(|t| match tz {
                Some(tz) if tz != chrono_tz::UTC => local_stamp(t),
                _ => format!("{}Z", local_stamp(t)),
            })
            .collect();
        if !stamps.is_empty() {
            match tz {
                Some(tz) if tz != chrono_tz::UTC => line(
                    out,
                    &format!("EXDATE;TZID={}:{}", tz.name(), stamps.join(",")),
                ),
                _ => line(out, &format!("EXDATE:{}", stamps.join(","))),
            }
        }
    }
    line(out, &format!("SUMMARY:{}", escape(&e.title)));
    let mut desc = e.summary.clone();
    if !e.agenda.is_empty() {
        desc.push_str("\n\n");
        desc.push_str(&e.agenda);
    }
    if !desc.trim().is_empty() {
        line(out, &format!("DESCRIPTION:{}", escape(desc.trim())));
    }
    let place: Vec<&str> = [e.place.as_deref(), e.address.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        line(out, &format!("LOCATION:{}", escape(&place.join(", "))));
    }
    line(out, &format!("URL:{url}"));
    for m in files {
        line(
            out,
            &format!("ATTACH;FMTTYPE={}:{url}/materials/{}", m.media_type, m.id),
        );
    }
    line(
        out,
        if e.cancelled != 0 {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        },
    );
    line(out, "END:VEVENT");
}

/// A VTIMEZONE with one STANDARD or DAYLIGHT block per transition in `from..=to` (a year
/// either side), so that every time written in the zone is read as Spona means it.
pub fn vtimezone(out: &mut String, tz: Tz, from: i32, to: i32) {
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", tz.name()));
    let start = Utc
        .with_ymd_and_hms(from - 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let end = Utc
        .with_ymd_and_hms(to + 2, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    // The zone as it is at the start of the range.
    let first = offset(start);
    let mut blocks = 0;
    let mut t = start;
    let day = chrono::Duration::days(1);
    while t < end {
        let next = t + day;
        let (a, b) = (offset(t), offset(next));
        if a.fix() != b.fix() {
            // Find the exact second of the change.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                let m = Utc.timestamp_opt(mid, 0).single().unwrap_or_default();
                if offset(m).fix() == a.fix() {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let at = Utc.timestamp_opt(hi, 0).single().unwrap_or_default();
            let before = a.fix().local_minus_utc();
            let after = b.fix().local_minus_utc();
            let local_before = at.naive_utc() + chrono::Duration::seconds(i64::from(before));
            let kind = if b.dst_offset().num_seconds() != 0 {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            line(out, &format!("BEGIN:{kind}"));
            line(out, &format!("DTSTART:{}", local_stamp(local_before)));
            line(out, &format!("TZOFFSETFROM:{}", fmt_offset(before)));
            line(out, &format!("TZOFFSETTO:{}", fmt_offset(after)));
            line(
                out,
                &format!("TZNAME:{}", at.with_timezone(&tz).format("%Z")),
            );
            line(out, &format!("END:{kind}"));
            blocks += 1;
        }
        t = next;
    }
    if blocks == 0 {
        let off = first.fix().local_minus_utc();
        line(out, "BEGIN:STANDARD");
        line(out, "DTSTART:19700101T000000");
        line(out, &format!("TZOFFSETFROM:{}", fmt_offset(off)));
        line(out, &format!("TZOFFSETTO:{}", fmt_offset(off)));
        line(out, "END:STANDARD");
    }
    line(out, "END:VTIMEZONE");
}

fn fmt_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// Escapes a TEXT value.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// Appends a content line folded at 75 octets (never inside a UTF-8 character), CRLF-ended.
fn line(out: &mut String, text: &str) {
    let mut used = 0;
    for c in text.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_fold_on_character_boundaries() {
        let mut out = String::new();
        super::line(&mut out, &"ж".repeat(100));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{}", l.len());
        }
    }

    #[test]
    fn belgrade_has_both_changes() {
        let mut out = String::new();
        super::vtimezone(&mut out, chrono_tz::Europe::Belgrade, 2026, 2026);
        assert!(out.contains("DTSTART:20260329T020000"), "{out}");
        assert!(out.contains("DTSTART:20261025T030000"), "{out}");
    }
}
