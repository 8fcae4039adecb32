//! Trial monitoring (issue 21 item 6, Balkans ACT Now!): trafficking cases followed in court
//! by civil-society observers — the case (country, court, case number, charges, parties as
//! roles), hearings in the court's zone (held or adjourned, with the reason), observation
//! forms (fair-trial standards, the victim's treatment, the prosecution's and the court's
//! conduct), verdicts and sentences per defendant, and the aggregate findings
//! ([`findings`]). Parties are never named: a case has `defendants` and `victims` counts and
//! pages call them "Defendant 1", "Victim A". No I/O.

pub mod findings;
#[cfg(test)]
mod tests;

use jiff::civil::Date;

use crate::Invalid;
use crate::call::{LocalTimeError, local_instant, zone};
use crate::vocab::{COUNTRIES, Vocabulary};

/// What a defendant is charged with (criminal codes of the region name these offences).
pub const CHARGES: Vocabulary = Vocabulary {
    label_prefix: "trial-charge",
    codes: &[
        "trafficking-human-beings",
        "trafficking-children",
        "forced-labour",
        "sexual-exploitation",
        "labour-exploitation",
        "forced-begging",
        "forced-criminality",
        "forced-marriage",
        "organ-removal",
        "illegal-adoption",
        "slavery",
        "mediation-prostitution",
    ],
};

/// Why a hearing was adjourned.
pub const ADJOURNMENT_REASONS: Vocabulary = Vocabulary {
    label_prefix: "trial-reason",
    codes: &[
        "defendant-absent",
        "defence-absent",
        "victim-absent",
        "witness-absent",
        "interpreter-missing",
        "expert-missing",
        "prosecutor-absent",
        "judge-change",
        "court-schedule",
        "health",
        "procedural",
        "other",
    ],
};

/// Protection measures a court can apply to a victim who testifies.
pub const PROTECTION_MEASURES: Vocabulary = Vocabulary {
    label_prefix: "trial-measure",
    codes: &[
        "video-link",
        "closed-session",
        "identity-protected",
        "separate-waiting-room",
        "support-person",
        "no-confrontation",
        "prerecorded-testimony",
    ],
};

/// A first-instance or later verdict for one defendant.
pub const OUTCOMES: Vocabulary = Vocabulary {
    label_prefix: "trial-outcome",
    codes: &[
        "convicted",
        "convicted-lesser",
        "acquitted",
        "dismissed",
        "plea-agreement",
    ],
};

/// How a party conducted itself at a hearing, as the observer judged it.
pub const CONDUCT: Vocabulary = Vocabulary {
    label_prefix: "trial-conduct",
    codes: &["appropriate", "partly", "inappropriate", "not-observed"],
};

/// What the victim's compensation claim came to at this hearing.
pub const COMPENSATION: Vocabulary = Vocabulary {
    label_prefix: "trial-compensation",
    codes: &[
        "not-claimed",
        "claimed",
        "referred-civil",
        "awarded",
        "rejected",
    ],
};

/// The questions an observation form asks about fair-trial standards and the victim's
/// treatment; each answered yes, no or not applicable (or left unanswered).
pub const CHECKS: Vocabulary = Vocabulary {
    label_prefix: "trial-check",
    codes: &[
        "public-hearing",
        "interpretation-provided",
        "defence-present",
        "defendant-present",
        "victim-present",
        "victim-represented",
        "victim-informed",
        "secondary-victimisation",
    ],
};

/// The answers to a [`CHECKS`] question.
pub const ANSWERS: Vocabulary = Vocabulary {
    label_prefix: "trial-answer",
    codes: &["yes", "no", "na"],
};

/// A hearing is `scheduled` (ahead), `held` or `adjourned`.
pub const HEARING_STATUSES: Vocabulary = Vocabulary {
    label_prefix: "trial-hearing",
    codes: &["scheduled", "held", "adjourned"],
};

/// The countries Balkans ACT Now! monitors, with their courts' zones.
pub const COUNTRY_ZONES: &[(&str, &str)] = &[
    ("RS", "Europe/Belgrade"),
    ("BA", "Europe/Sarajevo"),
    ("HR", "Europe/Zagreb"),
    ("MK", "Europe/Skopje"),
    ("ME", "Europe/Podgorica"),
    ("XK", "Europe/Belgrade"),
    ("AL", "Europe/Tirane"),
];

/// The longest prison sentence the region's codes give for trafficking offences (Serbia:
/// up to 40 years when a death results), in months.
pub const MAX_SENTENCE_MONTHS: i64 = 480;
/// The most defendants or victims a case may list.
pub const MAX_PARTIES: i64 = 60;
/// The longest free text a form keeps.
pub const MAX_TEXT: usize = 8000;

/// The zone a country's courts sit in, if Spona knows the country.
pub fn court_zone(country: &str) -> Option<&'static str> {
    COUNTRY_ZONES
        .iter()
        .find(|(c, _)| *c == country)
        .map(|(_, z)| *z)
}

/// Today's date in UTC, `YYYY-MM-DD` (the bound for dates a form may give).
pub fn today(now: i64) -> String {
    jiff::Timestamp::from_second(now)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
        .unwrap_or_default()
}

/// A calendar date `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let (a, b) = (date(from)?, date(to)?);
    let span = a.until((jiff::Unit::Day, b)).ok()?;
    Some(i64::from(span.get_days()))
}

/// A party's role as pages show it: defendants are numbered, victims lettered (A…Z, then
/// AA…), so a case never needs a name.
pub fn victim_letter(n: i64) -> String {
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// A new case as the monitoring organisation's member fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub country: String,
    pub court: String,
    pub case_number: String,
    pub charges: Vec<String>,
    pub defendants: String,
    pub victims: String,
    /// `YYYY-MM-DD`: when the indictment was filed (durations count from it).
    pub indicted_on: String,
}

/// A checked case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseValues {
    pub country: String,
    pub court: String,
    pub case_number: String,
    pub charges: Vec<String>,
    pub defendants: i64,
    pub victims: i64,
    pub indicted_on: String,
}

fn count(text: &str, field: &'static str, errors: &mut Vec<Invalid>) -> i64 {
    match text.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_PARTIES).contains(&n) => n,
        _ => {
            errors.push(Invalid::new(field, "err-trial-parties"));
            0
        }
    }
}

fn text(value: &str, field: &'static str, max: usize, errors: &mut Vec<Invalid>) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(Invalid::new(field, "err-trial-required"));
    } else if v.chars().count() > max {
        errors.push(Invalid::new(field, "err-trial-too-long"));
    }
    v.to_owned()
}

impl CaseDraft {
    /// Every broken rule, each naming its field; `today` (`YYYY-MM-DD`) bounds the
    /// indictment date.
    pub fn validate(&self, today: &str) -> Result<CaseValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        let country = self.country.trim();
        if !COUNTRIES.contains(country) || court_zone(country).is_none() {
            errors.push(Invalid::new("country", "err-trial-country"));
        }
        let court = text(&self.court, "court", 200, &mut errors);
        let case_number = text(&self.case_number, "case_number", 80, &mut errors);
        let charges = CHARGES.pick(&self.charges, "charges", &mut errors);
        if charges.is_empty() && !errors.iter().any(|e| e.field == "charges") {
            errors.push(Invalid::new("charges", "err-trial-charges"));
        }
        let defendants = count(&self.defendants, "defendants", &mut errors);
        let victims = count(&self.victims, "victims", &mut errors);
        let indicted_on = match date(&self.indicted_on) {
            Some(d) if d.to_string().as_str() <= today => d.to_string(),
            Some(_) => {
                errors.push(Invalid::new("indicted_on", "err-trial-future"));
                String::new()
            }
            None => {
                errors.push(Invalid::new("indicted_on", "err-trial-date"));
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CaseValues {
            country: country.to_owned(),
            court,
            case_number,
            charges,
            defendants,
            victims,
            indicted_on,
        })
    }
}

/// A hearing as the form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HearingDraft {
    /// `YYYY-MM-DDTHH:MM` in `zone`.
    pub at: String,
    pub zone: String,
    pub status: String,
    /// An [`ADJOURNMENT_REASONS`] code: required when adjourned, refused otherwise.
    pub reason: String,
    /// Free text; sealed, as it may name people.
    pub note: String,
}

/// A checked hearing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingValues {
    pub at: i64,
    pub local: String,
    pub zone: String,
    pub status: String,
    pub reason: Option<String>,
    pub note: Option<String>,
}

impl HearingDraft {
    /// Checks the hearing against its case's indictment date: a hearing before the
    /// indictment is refused (`at`); a held or adjourned one may not lie in the future.
    pub fn validate(&self, indicted_on: &str, now: i64) -> Result<HearingValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        let tz_name = self.zone.trim();
        let tz = zone(tz_name);
        if tz.is_none() {
            errors.push(Invalid::new("zone", "err-trial-zone"));
        }
        let status = self.status.trim();
        if !HEARING_STATUSES.contains(status) {
            errors.push(Invalid::new("status", "err-trial-choice"));
        }
        let mut at = (0, String::new());
        if let Some(tz) = &tz {
            match local_instant(&self.at, tz) {
                Ok(v) => at = v,
                Err(LocalTimeError::Malformed) => {
                    errors.push(Invalid::new("at", "err-trial-datetime"))
                }
                Err(_) => errors.push(Invalid::new("at", "err-trial-datetime-change")),
            }
        }
        if !at.1.is_empty() {
            if at.1.get(..10).is_some_and(|d| d < indicted_on) {
                errors.push(Invalid::new("at", "err-trial-before-indictment"));
            } else if status != "scheduled" && at.0 > now {
                errors.push(Invalid::new("at", "err-trial-future"));
            }
        }
        let reason = self.reason.trim();
        let reason = match (status, reason) {
            ("adjourned", "") => {
                errors.push(Invalid::new("reason", "err-trial-reason"));
                None
            }
            ("adjourned", r) if !ADJOURNMENT_REASONS.contains(r) => {
                errors.push(Invalid::new("reason", "err-unknown-term"));
                None
            }
            ("adjourned", r) => Some(r.to_owned()),
            (_, "") => None,
            _ => {
                errors.push(Invalid::new("reason", "err-trial-reason-not-adjourned"));
                None
            }
        };
        let note = self.note.trim();
        if note.chars().count() > MAX_TEXT {
            errors.push(Invalid::new("note", "err-trial-too-long"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HearingValues {
            at: at.0,
            local: at.1,
            zone: tz_name.to_owned(),
            status: status.to_owned(),
            reason,
            note: (!note.is_empty()).then(|| note.to_owned()),
        })
    }
}

/// The free-text parts of an observation: all sealed together, as any may name people.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ObservationNotes {
    #[serde(default)]
    pub fair_trial: String,
    #[serde(default)]
    pub victim: String,
    #[serde(default)]
    pub prosecution: String,
    #[serde(default)]
    pub court: String,
    #[serde(default)]
    pub general: String,
}

impl ObservationNotes {
    pub fn is_empty(&self) -> bool {
        [
            &self.fair_trial,
            &self.victim,
            &self.prosecution,
            &self.court,
            &self.general,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
    }
}

/// An observation form as the observer fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObservationDraft {
    /// The observer's user id (checked against the monitoring organisations elsewhere).
    pub observer: String,
    /// `(check, answer)`: a [`CHECKS`] question and an [`ANSWERS`] code; blank answers are
    /// left out.
    pub checks: Vec<(String, String)>,
    pub measures: Vec<String>,
    pub compensation: String,
    pub prosecution: String,
    pub court: String,
    pub notes: ObservationNotes,
}

/// A checked observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationValues {
    pub observer: String,
    pub checks: Vec<(String, String)>,
    pub measures: Vec<String>,
    pub compensation: Option<String>,
    pub prosecution: Option<String>,
    pub court: Option<String>,
    pub notes: ObservationNotes,
}

fn optional(
    v: &Vocabulary,
    value: &str,
    field: &'static str,
    errors: &mut Vec<Invalid>,
) -> Option<String> {
    match value.trim() {
        "" => None,
        c if v.contains(c) => Some(c.to_owned()),
        _ => {
            errors.push(Invalid::new(field, "err-unknown-term"));
            None
        }
    }
}

impl ObservationDraft {
    pub fn validate(&self) -> Result<ObservationValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        if self.observer.trim().is_empty() {
            errors.push(Invalid::new("observer", "err-trial-observer"));
        }
        let mut checks: Vec<(String, String)> = Vec::new();
        for (check, answer) in &self.checks {
            let (check, answer) = (check.trim(), answer.trim());
            if answer.is_empty() {
                continue;
            }
            if !CHECKS.contains(check) || !ANSWERS.contains(answer) {
                errors.push(Invalid::new("checks", "err-unknown-term"));
            } else if !checks.iter().any(|(c, _)| c == check) {
                checks.push((check.to_owned(), answer.to_owned()));
            }
        }
        checks.sort();
        let measures = PROTECTION_MEASURES.pick(&self.measures, "measures", &mut errors);
        let compensation = optional(
            &COMPENSATION,
            &self.compensation,
            "compensation",
            &mut errors,
        );
        let prosecution = optional(&CONDUCT, &self.prosecution, "prosecution", &mut errors);
        let court = optional(&CONDUCT, &self.court, "court", &mut errors);
        let n = &self.notes;
        for (field, t) in [
            ("notes_fair_trial", &n.fair_trial),
            ("notes_victim", &n.victim),
            ("notes_prosecution", &n.prosecution),
            ("notes_court", &n.court),
            ("notes_general", &n.general),
        ] {
            if t.chars().count() > MAX_TEXT {
                errors.push(Invalid::new(field, "err-trial-too-long"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ObservationValues {
            observer: self.observer.trim().to_owned(),
            checks,
            measures,
            compensation,
            prosecution,
            court,
            notes: ObservationNotes {
                fair_trial: n.fair_trial.trim().to_owned(),
                victim: n.victim.trim().to_owned(),
                prosecution: n.prosecution.trim().to_owned(),
                court: n.court.trim().to_owned(),
                general: n.general.trim().to_owned(),
            },
        })
    }
}

/// A verdict for one defendant as the form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictDraft {
    pub defendant: String,
    pub outcome: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    /// Months of prison; only with a conviction (empty: none or suspended).
    pub sentence_months: String,
    pub is_final: bool,
}

/// A checked verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictValues {
    pub defendant: i64,
    pub outcome: String,
    pub decided_on: String,
    pub sentence_months: Option<i64>,
    pub is_final: bool,
}

/// Whether an outcome is a conviction (only those carry a sentence).
pub fn is_conviction(outcome: &str) -> bool {
    matches!(outcome, "convicted" | "convicted-lesser" | "plea-agreement")
}

impl VerdictDraft {
    /// Checks a verdict against its case: the defendant exists, the date lies between the
    /// indictment and `today`, a sentence is 1–[`MAX_SENTENCE_MONTHS`] months and only
    /// given with a conviction.
    pub fn validate(
        &self,
        defendants: i64,
        indicted_on: &str,
        today: &str,
    ) -> Result<VerdictValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        let defendant = match self.defendant.trim().parse::<i64>() {
            Ok(n) if (1..=defendants).contains(&n) => n,
            _ => {
                errors.push(Invalid::new("defendant", "err-trial-defendant"));
                0
            }
        };
        let outcome = self.outcome.trim();
        if !OUTCOMES.contains(outcome) {
            errors.push(Invalid::new("outcome", "err-unknown-term"));
        }
        let decided_on = match date(&self.decided_on).map(|d| d.to_string()) {
            Some(d) if d.as_str() < indicted_on => {
                errors.push(Invalid::new("decided_on", "err-trial-before-indictment"));
                d
            }
            Some(d) if d.as_str() > today => {
                errors.push(Invalid::new("decided_on", "err-trial-future"));
                d
            }
            Some(d) => d,
            None => {
                errors.push(Invalid::new("decided_on", "err-trial-date"));
                String::new()
            }
        };
        let sentence_months = match self.sentence_months.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(m) if (1..=MAX_SENTENCE_MONTHS).contains(&m) => {
                    if OUTCOMES.contains(outcome) && !is_conviction(outcome) {
                        errors.push(Invalid::new(
                            "sentence_months",
                            "err-trial-sentence-no-conviction",
                        ));
                    }
                    Some(m)
                }
                _ => {
                    errors.push(Invalid::new("sentence_months", "err-trial-sentence"));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(VerdictValues {
            defendant,
            outcome: outcome.to_owned(),
            decided_on,
            sentence_months,
            is_final: self.is_final,
        })
    }
}
