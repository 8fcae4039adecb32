//! The evidence and testimony vault's rules: case roles, the structured, gender-sensitive
//! interview record, and informed consent.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::matching::parse_day_end;
use crate::vocab::LANGUAGES;

/// A user's role on a case team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRole {
    /// Runs the case: manages the team, exports for prosecutors, records consent.
    Lead,
    /// Adds testimonies and files, records consent, reads and downloads.
    Documenter,
    /// Reads and downloads only.
    Reviewer,
}

impl CaseRole {
    pub const ALL: [CaseRole; 3] = [CaseRole::Lead, CaseRole::Documenter, CaseRole::Reviewer];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseRole::Lead => "lead",
            CaseRole::Documenter => "documenter",
            CaseRole::Reviewer => "reviewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        CaseRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn can_add_items(self) -> bool {
        matches!(self, CaseRole::Lead | CaseRole::Documenter)
    }

    pub fn can_manage(self) -> bool {
        self == CaseRole::Lead
    }
}

/// Whether the person interviewed chose the interviewer's gender.
pub const GENDER_CHOICE: [&str; 3] = ["chosen", "not-chosen", "not-asked"];

/// A testimony as recorded through the interview form. Every field is sensitive and is
/// stored sealed, as one JSON document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Testimony {
    pub interviewer: String,
    pub interpreter: String,
    /// A code of the platform's working languages.
    pub language: String,
    pub place: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Never the person's name.
    pub pseudonym: String,
    /// One of [`GENDER_CHOICE`].
    pub gender_choice: String,
    pub safety_needs: String,
    pub referral_needs: String,
    pub narrative: String,
    pub follow_up: String,
}

fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

impl Testimony {
    /// Cleans and checks the record; the narrative may be long, the rest are short.
    pub fn validate(&self) -> Result<Testimony, Vec<Invalid>> {
        let mut errors = Vec::new();
        let short = |v: &str, field: &'static str, required: bool, errors: &mut Vec<Invalid>| {
            let v = clean(v).split_whitespace().collect::<Vec<_>>().join(" ");
            if required && v.is_empty() {
                errors.push(Invalid::new(field, "err-required"));
            } else if v.chars().count() > 300 {
                errors.push(Invalid::new(field, "err-too-long"));
            }
            v
        };
        let long = |v: &str, field: &'static str, errors: &mut Vec<Invalid>| {
            let v = clean(v);
            if v.chars().count() > 100_000 {
                errors.push(Invalid::new(field, "err-too-long"));
            }
            v
        };
        let t = Testimony {
            interviewer: short(&self.interviewer, "interviewer", true, &mut errors),
            interpreter: short(&self.interpreter, "interpreter", false, &mut errors),
            language: self.language.trim().to_owned(),
            place: short(&self.place, "place", true, &mut errors),
            date: self.date.trim().to_owned(),
            pseudonym: short(&self.pseudonym, "pseudonym", true, &mut errors),
            gender_choice: self.gender_choice.trim().to_owned(),
            safety_needs: long(&self.safety_needs, "safety_needs", &mut errors),
            referral_needs: long(&self.referral_needs, "referral_needs", &mut errors),
            narrative: long(&self.narrative, "narrative", &mut errors),
            follow_up: long(&self.follow_up, "follow_up", &mut errors),
        };
        if !LANGUAGES.contains(&t.language) {
            errors.push(Invalid::new("language", "err-unknown-language"));
        }
        if parse_day_end(&t.date).is_none() {
            errors.push(Invalid::new("date", "err-date"));
        }
        if !GENDER_CHOICE.contains(&t.gender_choice.as_str()) {
            errors.push(Invalid::new("gender_choice", "err-unknown-choice"));
        }
        if t.narrative.is_empty() {
            errors.push(Invalid::new("narrative", "err-required"));
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(errors)
        }
    }
}

/// What the person agreed their testimony may be used for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentScope {
    /// Keeping it as documentation at all: without it nothing may be stored or read.
    pub documentation: bool,
    /// Organisations (slugs) it may be shared with.
    pub share_with: Vec<String>,
    pub prosecutors: bool,
    pub publication: bool,
    /// Every consent was withdrawn.
    pub withdrawn: bool,
}

/// An action on an item that consent must cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentUse<'a> {
    /// Reading or downloading within the case team.
    Read,
    /// Giving it to a named organisation.
    Share(&'a str),
    /// Exporting it for a prosecutor.
    Prosecution,
    Publication,
}

impl ConsentScope {
    /// Whether the consent covers the use; if not, the message key explaining why.
    pub fn allows(&self, use_: &ConsentUse<'_>) -> Result<(), &'static str> {
        if self.withdrawn || !self.documentation {
            return Err("err-consent-withdrawn");
        }
        match use_ {
            ConsentUse::Read => Ok(()),
            ConsentUse::Share(org) if self.share_with.iter().any(|o| o == org) => Ok(()),
            ConsentUse::Share(_) => Err("err-consent-share"),
            ConsentUse::Prosecution if self.prosecutors => Ok(()),
            ConsentUse::Prosecution => Err("err-consent-prosecution"),
            ConsentUse::Publication if self.publication => Ok(()),
            ConsentUse::Publication => Err("err-consent-publication"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testimony() -> Testimony {
        Testimony {
            interviewer: "Interviewer A".into(),
            interpreter: String::new(),
            language: "uk".into(),
            place: "Lviv".into(),
            date: "2026-03-14".into(),
            pseudonym: "Olena".into(),
            gender_choice: "chosen".into(),
            safety_needs: "Lives with the perpetrator's family.".into(),
            referral_needs: "Psychosocial support".into(),
            narrative: "She described …".into(),
            follow_up: String::new(),
        }
    }

    #[test]
    fn a_complete_record_validates() {
        assert!(testimony().validate().is_ok());
    }

    #[test]
    fn missing_and_unknown_values_are_named() {
        let t = Testimony {
            pseudonym: " ".into(),
            language: "xx".into(),
            date: "14.03.2026".into(),
            gender_choice: "maybe".into(),
            narrative: String::new(),
            ..testimony()
        };
        let fields: Vec<_> = t
            .validate()
            .expect_err("invalid")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "pseudonym",
                "language",
                "date",
                "gender_choice",
                "narrative"
            ]
        );
    }

    #[test]
    fn consent_covers_only_what_was_agreed() {
        let c = ConsentScope {
            documentation: true,
            share_with: vec!["la-strada-ukraine".into()],
            prosecutors: false,
            publication: false,
            withdrawn: false,
        };
        assert!(c.allows(&ConsentUse::Read).is_ok());
        assert!(c.allows(&ConsentUse::Share("la-strada-ukraine")).is_ok());
        assert_eq!(
            c.allows(&ConsentUse::Share("astra")),
            Err("err-consent-share")
        );
        assert_eq!(
            c.allows(&ConsentUse::Prosecution),
            Err("err-consent-prosecution")
        );
        let withdrawn = ConsentScope {
            withdrawn: true,
            ..c
        };
        assert_eq!(
            withdrawn.allows(&ConsentUse::Read),
            Err("err-consent-withdrawn")
        );
    }
}
