//! Regular weekly hours, stored in HSDS 3.0's `schedule` shape: one `WEEKLY` row per day and
//! opening (RRULEs beyond this are deliberately not offered, openreferral/specification#598).

use crate::Invalid;

/// A day of the week, as HSDS's `byday` (RFC 5545) names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mo,
    Tu,
    We,
    Th,
    Fr,
    Sa,
    Su,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mo,
        Weekday::Tu,
        Weekday::We,
        Weekday::Th,
        Weekday::Fr,
        Weekday::Sa,
        Weekday::Su,
    ];

    /// `MO`, `TU`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Mo => "MO",
            Weekday::Tu => "TU",
            Weekday::We => "WE",
            Weekday::Th => "TH",
            Weekday::Fr => "FR",
            Weekday::Sa => "SA",
            Weekday::Su => "SU",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Weekday::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The Fluent id of its label: `weekday-MO`, …
    pub fn label_key(self) -> String {
        format!("weekday-{}", self.as_str())
    }
}

/// One regular opening: a day, and the times it opens and closes (minutes after midnight;
/// a close of 1440 is midnight at the end of the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Opening {
    pub day: Weekday,
    pub opens: u16,
    pub closes: u16,
}

impl Opening {
    /// `HH:MM`.
    pub fn opens_at(&self) -> String {
        hhmm(self.opens)
    }

    /// `HH:MM` (`23:59` for the end of the day, as HSDS wants a time of day).
    pub fn closes_at(&self) -> String {
        hhmm(self.closes.min(23 * 60 + 59))
    }
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Reads `HH:MM` (or `H:MM`, `HH.MM`); `24:00` is the end of the day.
pub fn parse_time(text: &str) -> Option<u16> {
    let t = text.trim();
    let (h, m) = t.split_once(':').or_else(|| t.split_once('.'))?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// An opening as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpeningDraft {
    pub day: String,
    pub opens: String,
    pub closes: String,
}

/// Validates weekly hours: every day known, every time `HH:MM`, each end after its start,
/// no two openings of a day overlapping. Rows left wholly blank are skipped. The result is
/// sorted by day and time.
pub fn validate_hours(rows: &[OpeningDraft], errors: &mut Vec<Invalid>) -> Vec<Opening> {
    let mut out: Vec<Opening> = Vec::new();
    for r in rows {
        if r.day.trim().is_empty() && r.opens.trim().is_empty() && r.closes.trim().is_empty() {
            continue;
        }
        let Some(day) = Weekday::parse(r.day.trim()) else {
            errors.push(Invalid::new("hours", "err-service-hours-day"));
            continue;
        };
        let (Some(opens), Some(closes)) = (parse_time(&r.opens), parse_time(&r.closes)) else {
            errors.push(Invalid::new("hours", "err-service-hours-time"));
            continue;
        };
        if closes <= opens {
            errors.push(Invalid::new("hours", "err-service-hours-order"));
            continue;
        }
        out.push(Opening { day, opens, closes });
    }
    out.sort();
    if out
        .windows(2)
        .any(|w| w[0].day == w[1].day && w[1].opens < w[0].closes)
    {
        errors.push(Invalid::new("hours", "err-service-hours-overlap"));
    }
    out.dedup();
    out
}
