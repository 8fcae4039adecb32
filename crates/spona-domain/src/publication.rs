//! Publications and stories (issue 22 item 4): their kinds, the rules a draft must keep, the
//! scheduled instant and the calendar of significant dates.
//!
//! **Times.** A publication is scheduled as events are: a local wall-clock time and an IANA
//! zone (`chrono-tz`, through [`crate::event::instant`]). A local time the clocks skip (the
//! spring gap) or pass twice (the autumn overlap) is refused, so a stored local time names
//! exactly one instant; so is an instant that has already passed.

use chrono::{Datelike, NaiveDate};

use crate::Invalid;
use crate::event::{LocalProblem, instant, parse_local, parse_zone};
use crate::resource::ContentLang;

/// What a publication is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Article,
    Story,
    Podcast,
    Video,
    PhotoEssay,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Article,
        Kind::Story,
        Kind::Podcast,
        Kind::Video,
        Kind::PhotoEssay,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Story => "story",
            Kind::Podcast => "podcast",
            Kind::Video => "video",
            Kind::PhotoEssay => "photo-essay",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A podcast or a video: a link to where it is heard or seen, and its transcript.
    pub fn is_link(self) -> bool {
        matches!(self, Kind::Podcast | Kind::Video)
    }
}

/// The longest title.
pub const MAX_TITLE: usize = 200;
/// The longest summary.
pub const MAX_SUMMARY: usize = 1_000;
/// The longest body or transcript.
pub const MAX_BODY: usize = 100_000;
/// The longest link.
pub const MAX_LINK: usize = 2_000;
/// The longest alternative text of a photo.
pub const MAX_ALT: usize = 500;

/// A publication's text in one language, as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VariantDraft {
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub transcript: String,
}

/// A new publication, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationDraft {
    pub kind: String,
    pub link: String,
    pub text: VariantDraft,
}

/// A checked variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantValues {
    pub lang: ContentLang,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub transcript: String,
}

/// A checked draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationValues {
    pub kind: Kind,
    pub link: Option<String>,
    pub text: VariantValues,
}

/// Whether `link` is an absolute `http` or `https` address with a host.
pub fn web_link(link: &str) -> bool {
    if link.len() > MAX_LINK || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match url::Url::parse(link) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

impl VariantDraft {
    /// Checks one language's text for a publication of `kind`.
    pub fn validate(&self, kind: Option<Kind>) -> Result<VariantValues, Vec<Invalid>> {
        let mut errs = Vec::new();
        let lang = ContentLang::parse(self.lang.trim());
        if lang.is_none() {
            errs.push(Invalid::new("lang", "pb-err-lang"));
        }
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > MAX_TITLE {
            errs.push(Invalid::new("title", "pb-err-title"));
        }
        let summary = self.summary.trim();
        if summary.chars().count() > MAX_SUMMARY {
            errs.push(Invalid::new("summary", "pb-err-summary"));
        }
        let body = self.body.trim();
        let transcript = self.transcript.trim();
        let needs_body = matches!(kind, Some(Kind::Article | Kind::Story));
        if (needs_body && body.is_empty()) || body.chars().count() > MAX_BODY {
            errs.push(Invalid::new("body", "pb-err-body"));
        }
        let needs_transcript = kind.is_some_and(Kind::is_link);
        if (needs_transcript && transcript.is_empty()) || transcript.chars().count() > MAX_BODY {
            errs.push(Invalid::new("transcript", "pb-err-transcript"));
        }
        match lang {
            Some(lang) if errs.is_empty() => Ok(VariantValues {
                lang,
                title: title.to_owned(),
                summary: summary.to_owned(),
                body: body.to_owned(),
                transcript: transcript.to_owned(),
            }),
            _ => Err(errs),
        }
    }
}

impl PublicationDraft {
    /// Checks the kind, the link (podcasts and videos only, `http`/`https`) and the text.
    pub fn validate(&self) -> Result<PublicationValues, Vec<Invalid>> {
        let mut errs = Vec::new();
        let kind = Kind::parse(self.kind.trim());
        if kind.is_none() {
            errs.push(Invalid::new("kind", "pb-err-kind"));
        }
        let link = self.link.trim();
        let link = match kind {
            Some(k) if k.is_link() => {
                if !web_link(link) {
                    errs.push(Invalid::new("link", "pb-err-link"));
                }
                Some(link.to_owned())
            }
            _ if !link.is_empty() => {
                errs.push(Invalid::new("link", "pb-err-link-kind"));
                None
            }
            _ => None,
        };
        let text = self.text.validate(kind);
        match (kind, text) {
            (Some(kind), Ok(text)) if errs.is_empty() => Ok(PublicationValues { kind, link, text }),
            (_, Err(mut more)) => {
                errs.append(&mut more);
                Err(errs)
            }
            _ => Err(errs),
        }
    }
}

/// A publication time: the instant and the local time and zone it was written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub at: i64,
    pub local: String,
    pub zone: String,
}

/// Checks a publication time written as `local` in `zone`: an unknown zone, an unreadable
/// time, a time in the spring gap or the autumn overlap, and an instant not after `now` are
/// each refused naming the field.
pub fn schedule(local: &str, zone: &str, now: i64) -> Result<Schedule, Vec<Invalid>> {
    let Some(tz) = parse_zone(zone) else {
        return Err(vec![Invalid::new("zone", "pb-err-zone")]);
    };
    let Some(naive) = parse_local(local) else {
        return Err(vec![Invalid::new("at", "pb-err-when")]);
    };
    let at = match instant(tz, naive) {
        Ok(t) => t.timestamp(),
        Err(LocalProblem::Gap) => return Err(vec![Invalid::new("at", "pb-err-time-gap")]),
        Err(LocalProblem::Ambiguous) => {
            return Err(vec![Invalid::new("at", "pb-err-time-ambiguous")]);
        }
    };
    if at <= now {
        return Err(vec![Invalid::new("at", "pb-err-past")]);
    }
    let local = if naive.and_utc().timestamp() % 60 == 0 {
        naive.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        naive.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    Ok(Schedule {
        at,
        local,
        zone: tz.name().to_owned(),
    })
}

/// The platform's significant dates: `(month, day, code)`; the code names the Fluent
/// message `pb-date-<code>`.
pub const SIGNIFICANT_DATES: [(u32, u32, &str); 4] = [
    (3, 8, "women"),
    (7, 30, "trafficking"),
    (10, 31, "unscr1325"),
    (11, 25, "violence"),
];

/// The next day on or after `today` that is `month`/`day` (29 February: only in leap years).
pub fn next_on(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (0..9)
        .find_map(|i| NaiveDate::from_ymd_opt(today.year() + i, month, day).filter(|d| *d >= today))
}

/// Whether `month`/`day` is a day of some year.
pub fn valid_day(month: i64, day: i64) -> bool {
    (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && NaiveDate::from_ymd_opt(2024, month as u32, day as u32).is_some()
}

/// How many days either side of a significant date a publication counts as "near" it.
pub const NEAR_DAYS: i64 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(r: Result<Schedule, Vec<Invalid>>) -> Vec<&'static str> {
        r.err().unwrap_or_default().iter().map(|i| i.key).collect()
    }

    #[test]
    fn a_schedule_in_the_gap_the_overlap_or_the_past_is_refused() {
        let now = 1_700_000_000; // 2023-11-14
        assert_eq!(
            keys(schedule("2030-03-31T02:30", "Europe/Belgrade", now)),
            ["pb-err-time-gap"]
        );
        assert_eq!(
            keys(schedule("2030-10-27T03:30", "Europe/Kyiv", now)),
            ["pb-err-time-ambiguous"]
        );
        assert_eq!(
            keys(schedule("2020-01-01T10:00", "Europe/Belgrade", now)),
            ["pb-err-past"]
        );
        assert_eq!(
            keys(schedule("2030-01-01T10:00", "Mars/Olympus", now)),
            ["pb-err-zone"]
        );
        assert_eq!(
            keys(schedule("tomorrow", "Europe/Belgrade", now)),
            ["pb-err-when"]
        );
        let ok = schedule("2030-03-08T09:00", "Europe/Kiev", now).expect("ok");
        assert_eq!(ok.zone, "Europe/Kyiv");
        assert_eq!(ok.local, "2030-03-08T09:00");
        assert_eq!(ok.at, 1_899_183_600); // 07:00 UTC
    }

    #[test]
    fn links_and_kinds() {
        assert!(web_link("https://example.org/ep/1"));
        assert!(!web_link("javascript:alert(1)"));
        assert!(!web_link("ftp://example.org/a.mp3"));
        assert!(!web_link("https:// spaced.org"));
        let draft = PublicationDraft {
            kind: "podcast".into(),
            link: "data:text/html,hi".into(),
            text: VariantDraft {
                lang: "en".into(),
                title: "T".into(),
                transcript: "words".into(),
                ..Default::default()
            },
        };
        let errs = draft.validate().expect_err("refused");
        assert_eq!(errs, [Invalid::new("link", "pb-err-link")]);
        let mut unknown = draft.clone();
        unknown.kind = "hologram".into();
        assert_eq!(
            unknown.validate().expect_err("refused")[0],
            Invalid::new("kind", "pb-err-kind")
        );
    }

    #[test]
    fn next_significant_date() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 6).expect("d");
        assert_eq!(next_on(d, 3, 8), NaiveDate::from_ymd_opt(2027, 3, 8));
        assert_eq!(next_on(d, 12, 6), Some(d));
        assert_eq!(next_on(d, 2, 29), NaiveDate::from_ymd_opt(2028, 2, 29));
        assert!(valid_day(2, 29) && !valid_day(4, 31) && !valid_day(13, 1));
    }
}
