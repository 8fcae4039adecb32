//! Referrals (issue 19): the person's data a service may ask for, consent and its checks, the
//! life cycle's states and moves, hotline intake answers, and the small-cell rule of the
//! statistics. No I/O.

use crate::Invalid;

/// The smallest count a statistics cell shows; smaller non-zero counts are suppressed.
pub const SMALL_CELL: i64 = 5;

/// How long an urgent referral may wait for an answer before the alert, by default (hours).
pub const DEFAULT_URGENT_HOURS: i64 = 24;

/// What a service may ask about the person: the services catalogue's
/// [`ReferralField`](crate::service::ReferralField) codes (each service chooses some; a
/// referral carries only those). Values are sealed; `age-band` and `gender` are also kept as
/// coarse statistics columns.
pub const FIELDS: [&str; 8] = [
    "first-name",
    "age-band",
    "gender",
    "language",
    "nationality",
    "urgency",
    "needs",
    "contact-channel",
];

/// Age bands: the catalogue's [`AgeBand`](crate::service::AgeBand) codes; statistics count a
/// referral without one as `unknown`.
pub const AGE_BANDS: [&str; 6] = ["0-11", "12-17", "18-24", "25-39", "40-59", "60-plus"];

/// Genders: the catalogue's codes, and `undisclosed` (statistics only).
pub const GENDERS: [&str; 3] = ["female", "male", "non-binary"];

/// How consent was given.
pub const CONSENT_HOW: [&str; 2] = ["verbal", "signed"];

/// The person's chosen contact channel.
pub const CHANNELS: [&str; 5] = ["phone", "sms", "email", "in-person", "through-worker"];

/// Outcomes a receiving worker may record.
pub const OUTCOMES: [&str; 5] = [
    "service-provided",
    "partly-provided",
    "not-reached",
    "person-declined",
    "other",
];

/// Answers to intake's safety questions.
pub const SAFETY: [&str; 3] = ["yes", "no", "unknown"];

/// How an intake came in.
pub const INTAKE_CHANNELS: [&str; 2] = ["call", "walk-in"];

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Sent, not yet answered.
    Sent,
    /// The receiving side asked for more information.
    MoreInfo,
    Accepted,
    Declined,
    /// Accepted and an outcome recorded.
    Closed,
    /// Consent withdrawn: nothing more is shared.
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Sent,
        Status::MoreInfo,
        Status::Accepted,
        Status::Declined,
        Status::Closed,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::MoreInfo => "more-info",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Closed => "closed",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the receiving side still owes its first answer (accept or decline).
    pub fn awaits_answer(self) -> bool {
        matches!(self, Status::Sent | Status::MoreInfo)
    }
}

impl TryFrom<String> for Status {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Status::parse(&s).ok_or(s)
    }
}

/// The receiving side's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    MoreInfo,
    Decline,
}

impl Answer {
    pub fn parse(s: &str) -> Option<Answer> {
        match s {
            "accept" => Some(Answer::Accept),
            "more-info" => Some(Answer::MoreInfo),
            "decline" => Some(Answer::Decline),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Accept => "accept",
            Answer::MoreInfo => "more-info",
            Answer::Decline => "decline",
        }
    }
}

/// The state an answer moves a referral to, or the reason it may not
/// (`err-referral-answered`: accepted or declined already; `err-referral-withdrawn`).
pub fn answer(from: Status, a: Answer) -> Result<Status, &'static str> {
    match from {
        Status::Withdrawn => Err("err-referral-withdrawn"),
        Status::Sent => Ok(match a {
            Answer::Accept => Status::Accepted,
            Answer::MoreInfo => Status::MoreInfo,
            Answer::Decline => Status::Declined,
        }),
        // After asking for more, the receiving side still accepts or declines, once.
        Status::MoreInfo => match a {
            Answer::MoreInfo => Err("err-referral-answered"),
            Answer::Accept => Ok(Status::Accepted),
            Answer::Decline => Ok(Status::Declined),
        },
        Status::Accepted | Status::Declined | Status::Closed => Err("err-referral-answered"),
    }
}

/// Consent as the worker records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentDraft {
    /// The fields the person agreed to share (a subset of [`FIELDS`]).
    pub share: Vec<String>,
    pub purpose: String,
    /// Last day of validity, `YYYY-MM-DD` (UTC end of day).
    pub until: String,
    /// `verbal` or `signed`.
    pub how: String,
    /// Who witnessed it (required for verbal consent).
    pub witness: String,
    /// The person's chosen contact channel.
    pub channel: String,
}

/// Consent checked: what the referral may carry and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub share: Vec<String>,
    pub purpose: String,
    /// Unix seconds: the end of the last valid day.
    pub until: i64,
    pub how: String,
    pub witness: String,
    pub channel: String,
}

/// Unix seconds of the end (23:59:59 UTC) of `YYYY-MM-DD`.
pub fn end_of_day(date: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    Some(d.and_hms_opt(23, 59, 59)?.and_utc().timestamp())
}

impl ConsentDraft {
    /// Checks the consent as of `now`: every part given, a known way, a witness for verbal
    /// consent, a date not passed.
    pub fn validate(&self, now: i64) -> Result<Consent, Vec<Invalid>> {
        let mut errs = Vec::new();
        let mut share: Vec<String> = Vec::new();
        for f in &self.share {
            if !FIELDS.contains(&f.as_str()) {
                errs.push(Invalid::new("consent_share", "err-referral-field"));
            } else if !share.contains(f) {
                share.push(f.clone());
            }
        }
        if share.is_empty() {
            errs.push(Invalid::new("consent_share", "err-ref-consent-share"));
        }
        let purpose = self.purpose.trim().to_owned();
        if purpose.is_empty() || purpose.chars().count() > 500 {
            errs.push(Invalid::new("consent_purpose", "err-consent-purpose"));
        }
        let until = match end_of_day(&self.until) {
            None => {
                errs.push(Invalid::new("consent_until", "err-consent-until"));
                0
            }
            Some(t) if t < now => {
                errs.push(Invalid::new("consent_until", "err-consent-expired"));
                t
            }
            Some(t) => t,
        };
        if !CONSENT_HOW.contains(&self.how.as_str()) {
            errs.push(Invalid::new("consent_how", "err-consent-how"));
        }
        let witness = self.witness.trim().to_owned();
        if self.how == "verbal" && witness.is_empty() {
            errs.push(Invalid::new("consent_witness", "err-consent-witness"));
        }
        if witness.chars().count() > 200 {
            errs.push(Invalid::new("consent_witness", "err-consent-witness"));
        }
        if !CHANNELS.contains(&self.channel.as_str()) {
            errs.push(Invalid::new("consent_channel", "err-consent-channel"));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Consent {
            share,
            purpose,
            until,
            how: self.how.clone(),
            witness,
            channel: self.channel.clone(),
        })
    }
}

/// The person's data for a referral: only the fields the service asks for, each non-empty
/// value bounded; fields the service does not ask for are refused, never dropped silently.
pub fn person_fields(
    asked: &[String],
    given: &[(String, String)],
) -> Result<Vec<(String, String)>, Vec<Invalid>> {
    let mut errs = Vec::new();
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in given {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        if !FIELDS.contains(&k.as_str()) || !asked.contains(k) {
            errs.push(Invalid::new("person", "err-referral-not-asked"));
            continue;
        }
        let ok = match k.as_str() {
            "age-band" => AGE_BANDS.contains(&v),
            "gender" => GENDERS.contains(&v),
            "nationality" => crate::service::NATIONALITY_STATUSES.contains(v),
            "urgency" => v == "urgent" || v == "routine",
            "contact-channel" => CHANNELS.contains(&v),
            _ => v.chars().count() <= 1000,
        };
        if !ok {
            errs.push(Invalid::new("person", "err-referral-field"));
            continue;
        }
        if !out.iter().any(|(x, _)| x == k) {
            out.push((k.clone(), v.to_owned()));
        }
    }
    if out.is_empty() && errs.is_empty() {
        errs.push(Invalid::new("person", "err-referral-person"));
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// Whether consent covers every field sent (a field not consented to may not be shared).
pub fn consent_covers(consent: &[String], fields: &[(String, String)]) -> bool {
    fields.iter().all(|(k, _)| consent.contains(k))
}

/// A statistics cell as shown: the count, or `None` when it is 1–4 (suppressed).
pub fn shown(count: i64) -> Option<i64> {
    if count > 0 && count < SMALL_CELL {
        None
    } else {
        Some(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ConsentDraft {
        ConsentDraft {
            share: vec!["first-name".into(), "age-band".into()],
            purpose: "Safe accommodation".into(),
            until: "2099-01-01".into(),
            how: "verbal".into(),
            witness: "Colleague".into(),
            channel: "phone".into(),
        }
    }

    #[test]
    fn consent_needs_every_part_and_a_future_date() {
        assert!(draft().validate(0).is_ok());
        let mut d = draft();
        d.witness.clear();
        assert_eq!(
            d.validate(0).expect_err("refused"),
            vec![Invalid::new("consent_witness", "err-consent-witness")]
        );
        d.how = "signed".into();
        assert!(d.validate(0).is_ok());
        let mut d = draft();
        d.until = "2000-01-01".into();
        assert_eq!(
            d.validate(spona_now()).expect_err("expired"),
            vec![Invalid::new("consent_until", "err-consent-expired")]
        );
        let mut d = draft();
        d.share.clear();
        assert!(d.validate(0).is_err());
        let mut d = draft();
        d.channel = "pigeon".into();
        assert!(d.validate(0).is_err());
    }

    fn spona_now() -> i64 {
        1_800_000_000
    }

    #[test]
    fn only_asked_fields_are_taken() {
        let asked = vec!["first-name".to_string(), "age-band".to_string()];
        let ok = person_fields(
            &asked,
            &[
                ("first-name".into(), " Maple ".into()),
                ("age-band".into(), "18-24".into()),
            ],
        )
        .expect("asked fields");
        assert_eq!(ok[0], ("first-name".into(), "Maple".into()));
        assert!(person_fields(&asked, &[("first_name".into(), "Ana".into())]).is_err());
        assert!(person_fields(&asked, &[("age-band".into(), "old".into())]).is_err());
        assert!(person_fields(&asked, &[]).is_err());
    }

    #[test]
    fn answers_move_once() {
        assert_eq!(answer(Status::Sent, Answer::Accept), Ok(Status::Accepted));
        assert_eq!(answer(Status::Sent, Answer::MoreInfo), Ok(Status::MoreInfo));
        assert_eq!(
            answer(Status::MoreInfo, Answer::Decline),
            Ok(Status::Declined)
        );
        assert!(answer(Status::MoreInfo, Answer::MoreInfo).is_err());
        assert!(answer(Status::Accepted, Answer::Decline).is_err());
        assert!(answer(Status::Declined, Answer::Accept).is_err());
        assert_eq!(
            answer(Status::Withdrawn, Answer::Accept),
            Err("err-referral-withdrawn")
        );
    }

    #[test]
    fn fields_are_the_catalogues() {
        let codes: Vec<&str> = crate::service::ReferralField::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(codes, FIELDS);
        let bands: Vec<&str> = crate::service::AgeBand::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(bands, AGE_BANDS);
        assert_eq!(crate::service::GENDERS.codes, GENDERS);
    }

    #[test]
    fn small_cells_are_suppressed() {
        assert_eq!(shown(0), Some(0));
        assert_eq!(shown(1), None);
        assert_eq!(shown(4), None);
        assert_eq!(shown(5), Some(5));
    }

    #[test]
    fn statuses_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
