//! Matching rounds: a coordinator opens a round for one programme between two groups of
//! countries; organisations opt in with what they offer and need.

use crate::Invalid;
use crate::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES};

/// What kind of pairs a round makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Programme {
    /// Organisation ↔ organisation, to share practical know-how.
    PeerExchange,
    /// Organisation ↔ organisation, one buddy each, for rapid support in a crisis.
    Buddy,
    /// Person ↔ person: experienced activists (side A, mentors, up to their capacity of
    /// mentees each) with emerging leaders (side B, mentees, one mentor each).
    Mentorship,
}

impl Programme {
    pub const ALL: [Programme; 3] = [
        Programme::PeerExchange,
        Programme::Buddy,
        Programme::Mentorship,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Programme::PeerExchange => "peer_exchange",
            Programme::Buddy => "buddy",
            Programme::Mentorship => "mentorship",
        }
    }

    /// Whether people (user accounts) take part, rather than organisations.
    pub fn is_personal(self) -> bool {
        self == Programme::Mentorship
    }

    pub fn parse(s: &str) -> Option<Self> {
        Programme::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A round as a coordinator submits it.
#[derive(Debug, Clone, Default)]
pub struct RoundDraft {
    pub programme: String,
    pub title: String,
    /// The title in other languages, `(language, title)`; empty titles are left out.
    pub titles: Vec<(String, String)>,
    pub side_a: Vec<String>,
    pub side_b: Vec<String>,
    /// `YYYY-MM-DD`; opting in closes at the end of that day (UTC).
    pub deadline: String,
}

/// A validated round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSpec {
    pub programme: Programme,
    pub title: String,
    /// The title in other languages (each a [`TEXT_LANGUAGES`] code, at most once).
    pub titles: Vec<(String, String)>,
    pub side_a: Vec<String>,
    pub side_b: Vec<String>,
    /// Unix seconds of the end of the deadline day.
    pub deadline: i64,
}

impl RoundDraft {
    /// Checks the draft; `now` (Unix seconds) decides whether the deadline is in the past.
    pub fn validate(&self, now: i64) -> Result<RoundSpec, Vec<Invalid>> {
        let mut errors = Vec::new();
        let programme = Programme::parse(&self.programme);
        if programme.is_none() {
            errors.push(Invalid::new("programme", "err-unknown-choice"));
        }
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.chars().count() < 3 || title.chars().count() > 200 {
            errors.push(Invalid::new("title", "err-title-length"));
        }
        let mut titles: Vec<(String, String)> = Vec::new();
        for (lang, text) in &self.titles {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            if !TEXT_LANGUAGES.contains(lang) || titles.iter().any(|(l, _)| l == lang) {
                errors.push(Invalid::new("titles", "err-unknown-choice"));
            } else if text.chars().count() < 3 || text.chars().count() > 200 {
                errors.push(Invalid::new("titles", "err-title-length"));
            } else {
                titles.push((lang.clone(), text));
            }
        }
        let side = |codes: &[String], field: &'static str, errors: &mut Vec<Invalid>| {
            let mut out = Vec::new();
            for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                if !COUNTRIES.contains(c) {
                    errors.push(Invalid::new(field, "err-unknown-country"));
                } else if !out.iter().any(|o: &String| o == c) {
                    out.push(c.to_owned());
                }
            }
            if out.is_empty() {
                errors.push(Invalid::new(field, "err-side-empty"));
            }
            out.sort();
            out
        };
        let side_a = side(&self.side_a, "side_a", &mut errors);
        let side_b = side(&self.side_b, "side_b", &mut errors);
        if side_a.iter().any(|c| side_b.contains(c)) {
            errors.push(Invalid::new("side_b", "err-side-overlap"));
        }
        let deadline = parse_day_end(self.deadline.trim());
        match deadline {
            None => errors.push(Invalid::new("deadline", "err-date")),
            Some(d) if d <= now => errors.push(Invalid::new("deadline", "err-deadline-past")),
            Some(_) => {}
        }
        match (programme, deadline) {
            (Some(programme), Some(deadline)) if errors.is_empty() => Ok(RoundSpec {
                programme,
                title,
                titles,
                side_a,
                side_b,
                deadline,
            }),
            _ => Err(errors),
        }
    }
}

/// The last second of a `YYYY-MM-DD` day (UTC), from the civil-from-days algorithm.
pub fn parse_day_end(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(2000..=2200).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d < 1 || d > days_in_month[(m - 1) as usize] {
        return None;
    }
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    let (y2, m2) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + 86_399)
}

/// An organisation's statement when it opts in.
#[derive(Debug, Clone, Default)]
pub struct OptInDraft {
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    pub statement: String,
    pub accepts_interpretation: bool,
    pub capacity: String,
    pub availability: String,
}

/// A validated opt-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptIn {
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    pub statement: String,
    pub accepts_interpretation: bool,
    pub capacity: u32,
    pub availability: String,
}

impl OptInDraft {
    pub fn validate(&self) -> Result<OptIn, Vec<Invalid>> {
        let mut errors = Vec::new();
        let offers = KNOWHOW.pick(&self.offers, "offers", &mut errors);
        let needs = KNOWHOW.pick(&self.needs, "needs", &mut errors);
        let themes = THEMES.pick(&self.themes, "themes", &mut errors);
        let languages = LANGUAGES.pick(&self.languages, "languages", &mut errors);
        if offers.is_empty() && needs.is_empty() {
            errors.push(Invalid::new("offers", "err-offer-or-need"));
        }
        if languages.is_empty() {
            errors.push(Invalid::new("languages", "err-language-required"));
        }
        let capacity = match self.capacity.trim().parse::<u32>() {
            Ok(c @ 1..=5) => c,
            _ => {
                errors.push(Invalid::new("capacity", "err-capacity"));
                0
            }
        };
        let statement = self
            .statement
            .trim()
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        if statement.chars().count() > 2000 {
            errors.push(Invalid::new("statement", "err-too-long"));
        }
        let availability = self
            .availability
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if availability.chars().count() > 200 {
            errors.push(Invalid::new("availability", "err-too-long"));
        }
        if errors.is_empty() {
            Ok(OptIn {
                offers,
                needs,
                themes,
                languages,
                statement,
                accepts_interpretation: self.accepts_interpretation,
                capacity,
                availability,
            })
        } else {
            Err(errors)
        }
    }
}

/// A person's part in a mentorship round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorshipRole {
    /// Side A: takes 1 to 5 mentees.
    Mentor,
    /// Side B: takes one mentor.
    Mentee,
}

impl MentorshipRole {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mentor" => Some(Self::Mentor),
            "mentee" => Some(Self::Mentee),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mentor => "mentor",
            Self::Mentee => "mentee",
        }
    }

    /// The round's side: mentors are side A, mentees side B.
    pub fn side(self) -> &'static str {
        match self {
            Self::Mentor => "a",
            Self::Mentee => "b",
        }
    }
}

impl OptInDraft {
    /// Checks a person's opt-in to a mentorship round: everything [`OptInDraft::validate`]
    /// checks, plus their experience (mentor) or goals (mentee) in their own words, and one
    /// mentor per mentee.
    pub fn validate_personal(&self, role: MentorshipRole) -> Result<OptIn, Vec<Invalid>> {
        let mut errors = match self.validate() {
            Ok(o) => {
                if role == MentorshipRole::Mentee && o.capacity != 1 {
                    vec![Invalid::new("capacity", "err-mentee-capacity")]
                } else if o.statement.is_empty() {
                    Vec::new()
                } else {
                    return Ok(o);
                }
            }
            Err(e) => e,
        };
        if self.statement.trim().is_empty() {
            errors.push(Invalid::new(
                "statement",
                match role {
                    MentorshipRole::Mentor => "err-experience-required",
                    MentorshipRole::Mentee => "err-goals-required",
                },
            ));
        }
        if role == MentorshipRole::Mentee
            && self.capacity.trim() != "1"
            && !errors.iter().any(|e| e.field == "capacity")
        {
            errors.push(Invalid::new("capacity", "err-mentee-capacity"));
        }
        Err(errors)
    }
}

/// A check-in as a member of a pair writes it: the day they met or talked, and a short note.
#[derive(Debug, Clone, Default)]
pub struct CheckInDraft {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub note: String,
}

/// A validated check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    /// Unix seconds of the start of the day (UTC).
    pub day: i64,
    pub note: String,
}

/// The longest check-in note or end-of-pair feedback, in characters.
pub const NOTE_MAX: usize = 1000;

impl CheckInDraft {
    /// Checks the draft: a real day between the pair's start (`started`, Unix seconds) and
    /// today (`now`), and a note of 1 to [`NOTE_MAX`] characters.
    pub fn validate(&self, started: i64, now: i64) -> Result<CheckIn, Vec<Invalid>> {
        let mut errors = Vec::new();
        let day = parse_day_end(self.date.trim()).map(|end| end - 86_399);
        match day {
            None => errors.push(Invalid::new("date", "err-date")),
            Some(d) if d > now => errors.push(Invalid::new("date", "err-date-future")),
            Some(d) if d + 86_399 < started => {
                errors.push(Invalid::new("date", "err-date-before-start"))
            }
            Some(_) => {}
        }
        let note = match parse_note(&self.note) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        match (day, note) {
            (Some(day), Some(note)) if errors.is_empty() => Ok(CheckIn { day, note }),
            _ => Err(errors),
        }
    }
}

/// A short note (a check-in or the feedback at a pair's end): 1 to [`NOTE_MAX`] characters,
/// line breaks kept.
pub fn parse_note(s: &str) -> Result<String, Invalid> {
    let note = s.trim().replace("\r\n", "\n").replace('\r', "\n");
    if note.is_empty() {
        Err(Invalid::new("note", "err-note-required"))
    } else if note.chars().count() > NOTE_MAX {
        Err(Invalid::new("note", "err-too-long"))
    } else {
        Ok(note)
    }
}

#[cfg(test)]
mod tests;

/// Where a round stands: taking opt-ins, proposals made (seen by coordinators only),
/// published to the sides, or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundStatus {
    Open,
    Proposed,
    Published,
    Closed,
}

impl RoundStatus {
    pub const ALL: [RoundStatus; 4] = [
        RoundStatus::Open,
        RoundStatus::Proposed,
        RoundStatus::Published,
        RoundStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Proposed => "proposed",
            RoundStatus::Published => "published",
            RoundStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        RoundStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Proposals went out to the sides (published, or closed after).
    pub fn is_out(self) -> bool {
        matches!(self, RoundStatus::Published | RoundStatus::Closed)
    }
}

/// The side of a round a participant is on: A (hosts, mentors) or B (mentees).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "a" => Some(Side::A),
            "b" => Some(Side::B),
            _ => None,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// One side's answer to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Pending,
    Accepted,
    Declined,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Pending => "pending",
            Answer::Accepted => "accepted",
            Answer::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Answer::Pending, Answer::Accepted, Answer::Declined]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A coordinator's decision about a pair: always propose it, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Pin,
    Forbid,
}

impl ConstraintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintKind::Pin => "pin",
            ConstraintKind::Forbid => "forbid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pin" => Some(ConstraintKind::Pin),
            "forbid" => Some(ConstraintKind::Forbid),
            _ => None,
        }
    }
}
