//! The scoring rule. Every number in a score comes from a named reason, so a coordinator
//! can read why a pair was proposed.
//!
//! score = `offer_meets_need` × (offers of A that B needs + offers of B that A needs)
//!       + `shared_theme` × shared thematic areas
//!       − `worked_together` if the two were paired before
//!
//! A pair is a candidate only if at least one offer meets a need (in either direction) and
//! the two share a working language — unless one of them accepts interpretation, which
//! costs `interpretation`. Participants with capacity 0 take no partner.

use std::collections::BTreeSet;

/// One side's statement in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Participant {
    pub offers: BTreeSet<String>,
    pub needs: BTreeSet<String>,
    pub themes: BTreeSet<String>,
    pub languages: BTreeSet<String>,
    /// Will work through an interpreter when no language is shared.
    pub accepts_interpretation: bool,
    /// How many partners this participant can take (1 for buddies; k for a mentor).
    pub capacity: u32,
}

/// The weights of the rule (integers, so totals are exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringRule {
    pub offer_meets_need: i64,
    pub shared_theme: i64,
    pub worked_together: i64,
    pub interpretation: i64,
}

impl Default for ScoringRule {
    fn default() -> Self {
        ScoringRule {
            offer_meets_need: 10,
            shared_theme: 3,
            worked_together: 8,
            interpretation: 4,
        }
    }
}

/// Why a pair scores what it scores.
///
/// Stored with a proposal as JSON (`a_gives`, `b_gives`, `themes`, `languages`,
/// `interpretation`, `worked_together`); the score is stored beside it, not in it. Absent
/// fields read as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Explanation {
    #[serde(skip)]
    pub score: i64,
    /// What A offers that B needs.
    pub a_gives: Vec<String>,
    /// What B offers that A needs.
    pub b_gives: Vec<String>,
    #[serde(rename = "themes")]
    pub shared_themes: Vec<String>,
    /// Working languages both use; empty when they work through an interpreter.
    #[serde(rename = "languages")]
    pub shared_languages: Vec<String>,
    #[serde(rename = "interpretation")]
    pub needs_interpretation: bool,
    pub worked_together: bool,
}

impl ScoringRule {
    /// The explained score of a pair, or `None` when the two cannot be paired.
    pub fn explain(
        &self,
        a: &Participant,
        b: &Participant,
        worked_together: bool,
    ) -> Option<Explanation> {
        if a.capacity == 0 || b.capacity == 0 {
            return None;
        }
        let a_gives: Vec<String> = a.offers.intersection(&b.needs).cloned().collect();
        let b_gives: Vec<String> = b.offers.intersection(&a.needs).cloned().collect();
        if a_gives.is_empty() && b_gives.is_empty() {
            return None;
        }
        let shared_languages: Vec<String> =
            a.languages.intersection(&b.languages).cloned().collect();
        let needs_interpretation = shared_languages.is_empty();
        if needs_interpretation && !(a.accepts_interpretation || b.accepts_interpretation) {
            return None;
        }
        let shared_themes: Vec<String> = a.themes.intersection(&b.themes).cloned().collect();
        let score = self.offer_meets_need * (a_gives.len() + b_gives.len()) as i64
            + self.shared_theme * shared_themes.len() as i64
            - if worked_together {
                self.worked_together
            } else {
                0
            }
            - if needs_interpretation {
                self.interpretation
            } else {
                0
            };
        // A pair that helps neither side more than its costs is not proposed.
        (score > 0).then_some(Explanation {
            score,
            a_gives,
            b_gives,
            shared_themes,
            shared_languages,
            needs_interpretation,
            worked_together,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(offers: &[&str], needs: &[&str], themes: &[&str], langs: &[&str]) -> Participant {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Participant {
            offers: set(offers),
            needs: set(needs),
            themes: set(themes),
            languages: set(langs),
            accepts_interpretation: false,
            capacity: 1,
        }
    }

    #[test]
    fn offers_meeting_needs_both_ways_and_themes_count() {
        let rule = ScoringRule::default();
        let serbian = p(
            &["safe-houses", "trauma-care"],
            &["wartime-media"],
            &["gbv-protection"],
            &["sr", "en"],
        );
        let ukrainian = p(
            &["wartime-media"],
            &["safe-houses"],
            &["gbv-protection", "media"],
            &["uk", "en"],
        );
        let e = rule.explain(&serbian, &ukrainian, false).expect("a pair");
        assert_eq!(e.a_gives, ["safe-houses"]);
        assert_eq!(e.b_gives, ["wartime-media"]);
        assert_eq!(e.shared_languages, ["en"]);
        assert_eq!(e.score, 10 + 10 + 3);
        let again = rule
            .explain(&serbian, &ukrainian, true)
            .expect("still a pair");
        assert_eq!(again.score, 23 - 8);
    }

    #[test]
    fn language_is_a_hard_requirement_unless_interpretation_is_accepted() {
        let rule = ScoringRule::default();
        let a = p(&["safe-houses"], &[], &[], &["sr"]);
        let mut b = p(&[], &["safe-houses"], &[], &["uk"]);
        assert_eq!(rule.explain(&a, &b, false), None);
        b.accepts_interpretation = true;
        let e = rule.explain(&a, &b, false).expect("with an interpreter");
        assert!(e.needs_interpretation);
        assert_eq!(e.score, 10 - 4);
    }

    #[test]
    fn no_capacity_or_nothing_to_exchange_means_no_pair() {
        let rule = ScoringRule::default();
        let a = p(&["advocacy"], &[], &["youth"], &["en"]);
        let b = p(&["advocacy"], &[], &["youth"], &["en"]);
        assert_eq!(rule.explain(&a, &b, false), None);
        let mut c = p(&[], &["advocacy"], &[], &["en"]);
        c.capacity = 0;
        assert_eq!(rule.explain(&a, &c, false), None);
    }
}
