//! Events: kinds, ways to attend, times in the event's own zone, recurring series. Pure
//! rules: no I/O.
//!
//! An event's start and end are kept as the organiser wrote them — a local wall-clock time
//! and an IANA zone — and as UTC instants derived from them. The local time is the truth (a
//! weekly meeting at 10:00 in Belgrade stays at 10:00 across the DST change); the instants
//! serve sorting, "upcoming", reminders and showing the time in the reader's zone. A local
//! time that does not exist (the spring gap) or exists twice (the autumn overlap) in the
//! event's zone is refused, so every stored local time names exactly one instant.

use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::Invalid;

/// The most occurrences a recurring series may have.
pub const MAX_OCCURRENCES: usize = 500;

/// The zone shown to a reader who chose none (Serbia, and Kosovo, which has no IANA zone of
/// its own and follows Europe/Belgrade).
pub const DEFAULT_ZONE: &str = "Europe/Belgrade";

/// The zones offered in forms; any other IANA zone may be typed in the API or a `?tz=`.
pub const ZONES: [&str; 10] = [
    "Europe/Belgrade",
    "Europe/Kyiv",
    "Europe/Sarajevo",
    "Europe/Podgorica",
    "Europe/Skopje",
    "Europe/Tirane",
    "Europe/Zagreb",
    "Europe/Chisinau",
    "Europe/Brussels",
    "UTC",
];

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$v),)+ _ => None } }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> { Self::parse(&s).ok_or(s) }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

text_enum!(
    /// What kind of gathering an event is.
    EventKind {
        Webinar = "webinar",
        Workshop = "workshop",
        Seminar = "seminar",
        Roundtable = "roundtable",
        StudyVisit = "study_visit",
        ReciprocalVisit = "reciprocal_visit",
        Festival = "festival",
        Conference = "conference",
        Meeting = "meeting",
    }
);

impl EventKind {
    /// Visits ask registrants about travel and visa support.
    pub fn is_visit(self) -> bool {
        matches!(self, EventKind::StudyVisit | EventKind::ReciprocalVisit)
    }
}

text_enum!(
    /// How people attend.
    Attendance {
        Online = "online",
        InPerson = "in_person",
        Hybrid = "hybrid",
    }
);

impl Attendance {
    pub fn online(self) -> bool {
        matches!(self, Attendance::Online | Attendance::Hybrid)
    }
    pub fn in_person(self) -> bool {
        matches!(self, Attendance::InPerson | Attendance::Hybrid)
    }
}

text_enum!(
    /// Where a registration stands.
    RegStatus {
        Confirmed = "confirmed",
        Waiting = "waiting",
        Pending = "pending",
        Cancelled = "cancelled",
    }
);

/// Parses an IANA zone name; the old `Europe/Kiev` is taken as `Europe/Kyiv`.
pub fn parse_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    if name == "Europe/Kiev" {
        return Some(chrono_tz::Europe::Kyiv);
    }
    Tz::from_str(name).ok()
}

/// Parses a local date-time as an `<input type="datetime-local">` sends it
/// (`2026-03-29T10:00`, seconds optional).
pub fn parse_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()
}

/// Formats a local date-time as stored (`2026-03-29T10:00`).
pub fn format_local(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// Why a local time names no single instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalProblem {
    /// The clocks jump over it (spring).
    Gap,
    /// The clocks pass it twice (autumn).
    Ambiguous,
}

/// The one instant `local` names in `tz`.
pub fn instant(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Tz>, LocalProblem> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t),
        chrono::LocalResult::None => Err(LocalProblem::Gap),
        chrono::LocalResult::Ambiguous(..) => Err(LocalProblem::Ambiguous),
    }
}

/// An instant as a local time in `tz`, for showing or for a recurring occurrence.
pub fn local_in(tz: Tz, unix: i64) -> NaiveDateTime {
    Utc.timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz)
        .naive_local()
}

/// The zone's abbreviation or offset at `unix` (`CET`, `EEST`, `+03`).
pub fn zone_abbrev(tz: Tz, unix: i64) -> String {
    Utc.timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%Z")
        .to_string()
}

/// One occurrence of an event: its local start in the event's zone and its UTC instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub local: NaiveDateTime,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Checks a recurrence rule (the RRULE value, e.g. `FREQ=WEEKLY;COUNT=10`) and expands it
/// from `start` in `tz`, leaving out `except` (local starts). A rule must end (COUNT or
/// UNTIL) and yield at most [`MAX_OCCURRENCES`]; `duration` is each occurrence's length in
/// seconds. Occurrences keep the local wall-clock time of the first across DST changes.
pub fn expand(
    tz: Tz,
    start: NaiveDateTime,
    rule: &str,
    duration: i64,
    except: &[NaiveDateTime],
) -> Result<Vec<Occurrence>, &'static str> {
    let rule = rule
        .trim()
        .trim_start_matches("RRULE:")
        .to_ascii_uppercase();
    if rule.contains('\n') || rule.contains('\r') {
        return Err("err-event-rrule");
    }
    let parts: Vec<&str> = rule.split(';').collect();
    if !parts
        .iter()
        .any(|p| p.starts_with("COUNT=") || p.starts_with("UNTIL="))
    {
        return Err("err-event-rrule-unbounded");
    }
    let first = instant(tz, start).map_err(|_| "err-event-time-gap")?;
    let text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        tz.name(),
        start.format("%Y%m%dT%H%M%S"),
        rule
    );
    let set = rrule::RRuleSet::from_str(&text).map_err(|_| "err-event-rrule")?;
    let result = set.all((MAX_OCCURRENCES + 1) as u16);
    if result.dates.len() > MAX_OCCURRENCES {
        return Err("err-event-rrule-too-many");
    }
    let _ = first;
    Ok(result
        .dates
        .into_iter()
        .map(|d| {
            let local = d.naive_local();
            let at = d.timestamp();
            (local, at)
        })
        .filter(|(local, _)| !except.contains(local))
        .map(|(local, at)| Occurrence {
            local,
            starts_at: at,
            ends_at: at + duration,
        })
        .collect())
}

/// What a person submits to create or change an event, as text.
#[derive(Debug, Clone, Default)]
pub struct EventDraft {
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub agenda: String,
    pub speakers: String,
    pub languages: Vec<String>,
    pub interpretation: String,
    pub attendance: String,
    pub join_url: String,
    pub dial_in: String,
    pub low_bandwidth: String,
    pub place: String,
    pub address: String,
    pub zone: String,
    pub starts: String,
    pub ends: String,
    pub rrule: String,
    /// Local starts left out of the series, one per line.
    pub exceptions: String,
    /// Empty for no limit.
    pub capacity: String,
    pub approval: bool,
    pub report: String,
}

/// A checked event.
#[derive(Debug, Clone)]
pub struct EventSpec {
    pub kind: EventKind,
    pub title: String,
    pub summary: String,
    pub agenda: String,
    pub speakers: String,
    pub languages: Vec<String>,
    pub interpretation: String,
    pub attendance: Attendance,
    pub join_url: Option<String>,
    pub dial_in: Option<String>,
    pub low_bandwidth: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
    pub zone: Tz,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub starts_at: i64,
    pub ends_at: i64,
    pub rrule: Option<String>,
    pub exceptions: Vec<NaiveDateTime>,
    /// When the last occurrence ends (the event's end for a single event).
    pub last_ends_at: i64,
    pub capacity: Option<i64>,
    pub approval: bool,
    pub report: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl EventDraft {
    /// Checks every field; all problems at once.
    pub fn validate(&self) -> Result<EventSpec, Vec<Invalid>> {
        let mut errs = Vec::new();
        let kind = EventKind::parse(self.kind.trim());
        if kind.is_none() {
            errs.push(Invalid::new("kind", "err-unknown-choice"));
        }
        let title = self.title.trim();
        if title.is_empty() {
            errs.push(Invalid::new("title", "err-required"));
        } else if title.chars().count() > 200 {
            errs.push(Invalid::new("title", "err-too-long"));
        }
        let attendance = Attendance::parse(self.attendance.trim());
        if attendance.is_none() {
            errs.push(Invalid::new("attendance", "err-unknown-choice"));
        }
        let join_url = opt(&self.join_url);
        if let Some(u) = &join_url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            errs.push(Invalid::new("join_url", "err-event-link"));
        }
        if attendance.is_some_and(Attendance::in_person)
            && opt(&self.place).is_none()
            && opt(&self.address).is_none()
        {
            errs.push(Invalid::new("place", "err-event-place"));
        }
        for l in &self.languages {
            if !crate::vocab::LANGUAGES.contains(l) {
                errs.push(Invalid::new("languages", "err-unknown-choice"));
                break;
            }
        }
        let zone = parse_zone(&self.zone);
        if zone.is_none() {
            errs.push(Invalid::new("zone", "err-event-zone"));
        }
        let starts = parse_local(&self.starts);
        if starts.is_none() {
            errs.push(Invalid::new("starts", "err-event-time"));
        }
        let ends = parse_local(&self.ends);
        if ends.is_none() {
            errs.push(Invalid::new("ends", "err-event-time"));
        }
        let mut at = None;
        if let (Some(tz), Some(s), Some(e)) = (zone, starts, ends) {
            let si = instant(tz, s);
            let ei = instant(tz, e);
            for (field, r) in [("starts", &si), ("ends", &ei)] {
                match r {
                    Err(LocalProblem::Gap) => errs.push(Invalid::new(field, "err-event-time-gap")),
                    Err(LocalProblem::Ambiguous) => {
                        errs.push(Invalid::new(field, "err-event-time-ambiguous"))
                    }
                    Ok(_) => {}
                }
            }
            if let (Ok(si), Ok(ei)) = (si, ei) {
                if ei.timestamp() <= si.timestamp() {
                    errs.push(Invalid::new("ends", "err-event-end-before-start"));
                } else if ei.timestamp() - si.timestamp() > 31 * 86_400 {
                    errs.push(Invalid::new("ends", "err-event-too-long"));
                } else {
                    at = Some((si.timestamp(), ei.timestamp()));
                }
            }
        }
        let capacity = match self.capacity.trim() {
            "" => None,
            c => match c.parse::<i64>() {
                Ok(n) if (1..=100_000).contains(&n) => Some(n),
                _ => {
                    errs.push(Invalid::new("capacity", "err-event-capacity"));
                    None
                }
            },
        };
        let mut exceptions = Vec::new();
        for line in self
            .exceptions
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match parse_local(line) {
                Some(t) => exceptions.push(t),
                None => {
                    errs.push(Invalid::new("exceptions", "err-event-time"));
                    break;
                }
            }
        }
        let rrule = opt(&self.rrule);
        let mut last_ends_at = at.map(|a| a.1);
        if let (Some(rule), Some(tz), Some(s), Some((a, b))) = (&rrule, zone, starts, at) {
            match expand(tz, s, rule, b - a, &exceptions) {
                Ok(list) => last_ends_at = list.last().map(|o| o.ends_at).or(Some(b)),
                Err(key) => errs.push(Invalid::new("rrule", key)),
            }
        }
        if rrule.is_none() && !exceptions.is_empty() {
            errs.push(Invalid::new("exceptions", "err-event-exceptions-single"));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let (Some(kind), Some(attendance), Some(zone), Some(s), Some(e), Some((a, b))) =
            (kind, attendance, zone, starts, ends, at)
        else {
            return Err(vec![Invalid::new("starts", "err-event-time")]);
        };
        Ok(EventSpec {
            kind,
            title: title.to_owned(),
            summary: self.summary.trim().to_owned(),
            agenda: self.agenda.trim().to_owned(),
            speakers: self.speakers.trim().to_owned(),
            languages: self.languages.clone(),
            interpretation: self.interpretation.trim().to_owned(),
            attendance,
            join_url,
            dial_in: opt(&self.dial_in),
            low_bandwidth: opt(&self.low_bandwidth),
            place: opt(&self.place),
            address: opt(&self.address),
            zone,
            starts_local: s,
            ends_local: e,
            starts_at: a,
            ends_at: b,
            rrule: rrule.map(|r| r.trim_start_matches("RRULE:").to_ascii_uppercase()),
            exceptions,
            last_ends_at: last_ends_at.unwrap_or(b),
            capacity,
            approval: self.approval,
            report: self.report.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> EventDraft {
        EventDraft {
            kind: "webinar".into(),
            title: "Safe shelters".into(),
            attendance: "online".into(),
            zone: "Europe/Belgrade".into(),
            starts: "2026-03-20T10:00".into(),
            ends: "2026-03-20T11:30".into(),
            ..Default::default()
        }
    }

    fn keys(d: &EventDraft) -> Vec<&'static str> {
        d.validate()
            .err()
            .unwrap_or_default()
            .iter()
            .map(|i| i.key)
            .collect()
    }

    #[test]
    fn a_good_draft_passes() {
        let s = draft().validate().expect("valid");
        assert_eq!(s.ends_at - s.starts_at, 5400);
    }

    #[test]
    fn dst_gap_and_overlap_are_refused() {
        let mut d = draft();
        d.starts = "2026-03-29T02:30".into();
        d.ends = "2026-03-29T04:00".into();
        assert_eq!(keys(&d), ["err-event-time-gap"]);
        d.zone = "Europe/Kyiv".into();
        d.starts = "2026-10-25T03:30".into();
        d.ends = "2026-10-25T05:00".into();
        assert_eq!(keys(&d), ["err-event-time-ambiguous"]);
    }

    #[test]
    fn bad_input_is_named() {
        let mut d = draft();
        d.ends = "2026-03-20T09:00".into();
        assert_eq!(keys(&d), ["err-event-end-before-start"]);
        let mut d = draft();
        d.capacity = "0".into();
        assert_eq!(keys(&d), ["err-event-capacity"]);
        d.capacity = "-3".into();
        assert_eq!(keys(&d), ["err-event-capacity"]);
        let mut d = draft();
        d.zone = "Mars/Olympus".into();
        assert_eq!(keys(&d), ["err-event-zone"]);
        let mut d = draft();
        d.rrule = "FREQ=WEEKLY".into();
        assert_eq!(keys(&d), ["err-event-rrule-unbounded"]);
        d.rrule = "FREQ=DAILY;COUNT=5000".into();
        assert_eq!(keys(&d), ["err-event-rrule-too-many"]);
    }

    #[test]
    fn weekly_series_keeps_local_time_across_dst() {
        let tz = parse_zone("Europe/Belgrade").expect("zone");
        let start = parse_local("2026-03-20T10:00").expect("t");
        let occ = expand(tz, start, "FREQ=WEEKLY;COUNT=3", 3600, &[]).expect("expand");
        assert_eq!(occ.len(), 3);
        assert!(
            occ.iter()
                .all(|o| o.local.format("%H:%M").to_string() == "10:00")
        );
        // A week later across the change is one hour less of elapsed time.
        assert_eq!(occ[2].starts_at - occ[1].starts_at, 7 * 86_400 - 3600);
        let skip = [parse_local("2026-03-27T10:00").expect("t")];
        assert_eq!(
            expand(tz, start, "FREQ=WEEKLY;COUNT=3", 3600, &skip)
                .expect("x")
                .len(),
            2
        );
    }

    #[test]
    fn kiev_is_kyiv() {
        assert_eq!(parse_zone("Europe/Kiev"), Some(chrono_tz::Europe::Kyiv));
    }
}
