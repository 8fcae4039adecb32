//! What a referral carries when it travels to an organisation on a partner deployment
//! (issue 20), and what comes back. No I/O.
//!
//! **Data minimisation** as the local referral: only the fields the partner's service asks
//! for, each covered by the person's consent ([`person_fields`], [`consent_covers`]). Never
//! the worker's name, the consent's witness, an intake's words, or an override: a referral
//! without the person's consent does not leave the deployment (an override is a decision
//! under the sending side's law, which the receiving side cannot check). The receiving side
//! checks the same rules again against its service as it is there ([`ReferralPacket::check`]).
//!
//! Every packet of one referral is one conversation, `referral:<the sending side's id>`,
//! each way; so the answers, notes, outcome and a withdrawal arrive in the order written.

use serde::{Deserialize, Serialize};

use super::PacketKind;
use crate::Invalid;
use crate::referral::{Consent, OUTCOMES, consent_covers, person_fields};

/// Longest reason, in characters (as the local referral).
pub const MAX_REASON: usize = 2000;

/// The conversation of a referral's packets, named by the sending side's referral id.
pub fn conversation(referral: &str) -> String {
    format!("referral:{referral}")
}

/// The consent's terms as they travel: what may be shared, why, until when, how it was
/// given and how the person wants to be reached. Not the witness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentTerms {
    pub share: Vec<String>,
    pub purpose: String,
    /// Unix seconds: the end of the last valid day.
    pub until: i64,
    pub how: String,
    pub channel: String,
}

/// A referral's first packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralPacket {
    /// The referral's id on the sending side.
    pub referral: String,
    /// The service's id on the receiving side.
    pub service: String,
    /// The person's fields: only those the service asks for and the consent covers.
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub urgent: bool,
    pub consent: ConsentTerms,
}

impl ReferralPacket {
    /// The packet for a referral to a service that asks for `asks`: the person's fields
    /// checked as the local referral checks them, the reason bounded, the consent covering
    /// every field. The problems otherwise.
    pub fn build(
        referral: &str,
        service: &str,
        asks: &[String],
        person: &[(String, String)],
        reason: &str,
        urgent: bool,
        consent: &Consent,
    ) -> Result<ReferralPacket, Vec<Invalid>> {
        let person = person_fields(asks, person)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON {
            return Err(vec![Invalid::new("reason", "err-referral-reason")]);
        }
        if !consent_covers(&consent.share, &person) {
            return Err(vec![Invalid::new(
                "consent_share",
                "err-consent-not-covering",
            )]);
        }
        Ok(ReferralPacket {
            referral: referral.to_owned(),
            service: service.to_owned(),
            person,
            reason: reason.to_owned(),
            urgent,
            consent: ConsentTerms {
                share: consent.share.clone(),
                purpose: consent.purpose.clone(),
                until: consent.until,
                how: consent.how.clone(),
                channel: consent.channel.clone(),
            },
        })
    }

    /// The receiving side's check, against what its service asks for now, at `now`: the
    /// reason a packet is refused (logged; nothing stored), or `Ok`.
    pub fn check(&self, asks: &[String], now: i64) -> Result<(), &'static str> {
        let person = person_fields(asks, &self.person)
            .map_err(|_| "the person's fields are not what the service asks for")?;
        if person.len() != self.person.len() {
            return Err("the person's fields repeat or are empty");
        }
        if !consent_covers(&self.consent.share, &person) {
            return Err("the consent does not cover every field sent");
        }
        if self.consent.until < now {
            return Err("the consent has expired");
        }
        let reason = self.reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON {
            return Err("the reason is empty or too long");
        }
        if self.referral.is_empty() || self.referral.len() > 64 {
            return Err("the referral's id is not an id");
        }
        Ok(())
    }
}

/// What follows a referral, either way: the receiving side's answer and outcome, notes
/// from both, the sending side's withdrawal of consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ReferralUpdate {
    /// `accept`, `more-info` or `decline` ([`crate::referral::Answer`]).
    Answer {
        referral: String,
        answer: String,
    },
    Note {
        referral: String,
        text: String,
    },
    /// One of [`OUTCOMES`].
    Outcome {
        referral: String,
        outcome: String,
    },
    /// The person withdrew consent: the receiving side closes the referral and erases the
    /// person's data, as a local withdrawal does.
    ConsentWithdrawn {
        referral: String,
    },
}

impl ReferralUpdate {
    pub fn kind(&self) -> PacketKind {
        match self {
            ReferralUpdate::Answer { .. } => PacketKind::ReferralAnswer,
            ReferralUpdate::Note { .. } => PacketKind::ReferralNote,
            ReferralUpdate::Outcome { .. } => PacketKind::ReferralOutcome,
            ReferralUpdate::ConsentWithdrawn { .. } => PacketKind::ConsentWithdrawn,
        }
    }

    pub fn referral(&self) -> &str {
        match self {
            ReferralUpdate::Answer { referral, .. }
            | ReferralUpdate::Note { referral, .. }
            | ReferralUpdate::Outcome { referral, .. }
            | ReferralUpdate::ConsentWithdrawn { referral } => referral,
        }
    }

    /// Whether the update is well formed: a known answer or outcome, a note's text bounded.
    pub fn check(&self) -> Result<(), &'static str> {
        match self {
            ReferralUpdate::Answer { answer, .. } => crate::referral::Answer::parse(answer)
                .map(|_| ())
                .ok_or("an unknown answer"),
            ReferralUpdate::Note { text, .. } => super::note_text(text)
                .map(|_| ())
                .map_err(|_| "a note is empty or too long"),
            ReferralUpdate::Outcome { outcome, .. } => OUTCOMES
                .contains(&outcome.as_str())
                .then_some(())
                .ok_or("an unknown outcome"),
            ReferralUpdate::ConsentWithdrawn { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(share: &[&str], until: i64) -> Consent {
        Consent {
            share: share.iter().map(|s| (*s).to_owned()).collect(),
            purpose: "shelter".into(),
            until,
            how: "verbal".into(),
            witness: "A. Worker".into(),
            channel: "phone".into(),
        }
    }

    fn asks(f: &[&str]) -> Vec<String> {
        f.iter().map(|s| (*s).to_owned()).collect()
    }

    fn person(f: &[(&str, &str)]) -> Vec<(String, String)> {
        f.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_packet_carries_only_what_is_asked_and_consented_and_never_the_witness() {
        let p = ReferralPacket::build(
            "r1",
            "s1",
            &asks(&["first-name", "age-band"]),
            &person(&[("first-name", "Ana"), ("age-band", "25-39")]),
            "  needs a bed ",
            false,
            &consent(&["first-name", "age-band"], 100),
        )
        .expect("built");
        assert_eq!(p.reason, "needs a bed");
        let json = serde_json::to_string(&p).expect("json");
        assert!(!json.contains("A. Worker"), "{json}");
        assert_eq!(p.check(&asks(&["first-name", "age-band"]), 50), Ok(()));
        // A field the service does not ask for: refused, not dropped.
        assert!(
            ReferralPacket::build(
                "r1",
                "s1",
                &asks(&["age-band"]),
                &person(&[("first-name", "Ana")]),
                "x",
                false,
                &consent(&["first-name"], 100),
            )
            .is_err()
        );
        // Not covered by the consent.
        assert!(
            ReferralPacket::build(
                "r1",
                "s1",
                &asks(&["first-name", "age-band"]),
                &person(&[("first-name", "Ana"), ("age-band", "25-39")]),
                "x",
                false,
                &consent(&["age-band"], 100),
            )
            .is_err()
        );
    }

    #[test]
    fn the_receiving_side_checks_again() {
        let p = ReferralPacket::build(
            "r1",
            "s1",
            &asks(&["first-name", "age-band"]),
            &person(&[("first-name", "Ana"), ("age-band", "25-39")]),
            "needs a bed",
            true,
            &consent(&["first-name", "age-band"], 100),
        )
        .expect("built");
        // The service there asks for less now.
        assert!(p.check(&asks(&["age-band"]), 50).is_err());
        // The consent ran out on the way.
        assert_eq!(
            p.check(&asks(&["first-name", "age-band"]), 101),
            Err("the consent has expired")
        );
        let mut widened = p.clone();
        widened.consent.share = asks(&["age-band"]);
        assert!(
            widened
                .check(&asks(&["first-name", "age-band"]), 50)
                .is_err()
        );
        let mut repeated = p.clone();
        repeated.person.push(("first-name".into(), "Ana".into()));
        assert!(
            repeated
                .check(&asks(&["first-name", "age-band"]), 50)
                .is_err()
        );
    }

    #[test]
    fn updates_are_tagged_and_checked() {
        let u = ReferralUpdate::Answer {
            referral: "r1".into(),
            answer: "accept".into(),
        };
        let json = serde_json::to_string(&u).expect("json");
        assert_eq!(
            json,
            r#"{"type":"answer","referral":"r1","answer":"accept"}"#
        );
        assert_eq!(
            serde_json::from_str::<ReferralUpdate>(&json).expect("back"),
            u
        );
        assert_eq!(u.kind(), PacketKind::ReferralAnswer);
        assert_eq!(u.check(), Ok(()));
        let bad = ReferralUpdate::Outcome {
            referral: "r1".into(),
            outcome: "nope".into(),
        };
        assert!(bad.check().is_err());
        let w = ReferralUpdate::ConsentWithdrawn {
            referral: "r9".into(),
        };
        assert_eq!(w.kind(), PacketKind::ConsentWithdrawn);
        assert_eq!(w.referral(), "r9");
        assert_eq!(conversation("r9"), "referral:r9");
    }
}
