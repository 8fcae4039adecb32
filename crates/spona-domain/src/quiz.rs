//! Awareness quizzes (issue 23): what a campaign's quiz holds, the rules it must keep, how
//! an answer is scored, the order a session sees the questions in, and the small-cell rule
//! of its results. Texts are written per language (`en`, `sr-Cyrl`, `uk`; Serbian Latin is
//! derived from the Cyrillic when shown). Pure: no database, no clock.

pub mod edit;
pub mod hotlines;
pub mod results;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// The languages a quiz is written in: every one is required for every text.
pub const LANGS: [&str; 3] = ["en", "sr-Cyrl", "uk"];

/// Question kinds.
pub const KINDS: [&str; 4] = ["single", "multiple", "truefalse", "scale"];

/// Channel kinds (where a link or a QR code was put).
pub const CHANNEL_KINDS: [&str; 5] = ["school", "tv", "partner", "social", "other"];

/// Age bands a taker may give (optional).
pub const AGE_BANDS: [&str; 6] = ["under-15", "15-17", "18-24", "25-39", "40-59", "60-plus"];

/// Countries a taker may name (optional): where the campaign runs.
pub const COUNTRIES: [&str; 8] = ["RS", "BA", "ME", "MK", "XK", "AL", "HR", "UA"];

/// At most this many questions, options per question and characters per text.
pub const MAX_QUESTIONS: usize = 40;
pub const MAX_OPTIONS: usize = 8;
pub const MAX_TEXT: usize = 2000;

/// A text in each of the quiz's languages.
pub type Texts = BTreeMap<String, String>;

/// One version of a campaign's quiz, as the coordinator wrote it (stored as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct QuizDoc {
    pub title: Texts,
    #[serde(default)]
    pub intro: Texts,
    /// What to remember, shown with the score at the end.
    #[serde(default)]
    pub remember: Texts,
    /// Whether right answers are counted into a score.
    #[serde(default)]
    pub scored: bool,
    /// Whether each session sees the questions in its own order.
    #[serde(default)]
    pub shuffle: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Question {
    /// `single`, `multiple`, `truefalse` or `scale`.
    pub kind: String,
    pub text: Texts,
    /// The choices (`single`, `multiple`, `truefalse`: two); none for a scale.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// A scale's lowest and highest value (1…10).
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Why the right answer is right, shown after every answer.
    #[serde(default)]
    pub explain: Texts,
    /// A hub resource (`/resources/{id}`), a web address or a phone number (`tel:+…`).
    #[serde(default)]
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Choice {
    pub text: Texts,
    #[serde(default)]
    pub correct: bool,
    /// Why choosing this is right or wrong (optional).
    #[serde(default)]
    pub feedback: Texts,
}

pub(crate) fn text_ok(t: &Texts, required: bool) -> bool {
    if t.keys().any(|k| !LANGS.contains(&k.as_str())) {
        return false;
    }
    if t.values().any(|v| v.chars().count() > MAX_TEXT) {
        return false;
    }
    let filled = LANGS
        .iter()
        .filter(|l| t.get(**l).is_some_and(|v| !v.trim().is_empty()))
        .count();
    if required {
        filled == LANGS.len()
    } else {
        filled == 0 || filled == LANGS.len()
    }
}

/// Whether a link is one a quiz may show: a hub resource's path, an https address or a
/// phone number.
pub fn link_ok(link: &str) -> bool {
    let rest_ok = |r: &str| {
        !r.is_empty()
            && r.len() <= 300
            && !r
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<')
    };
    if let Some(id) = link.strip_prefix("/resources/") {
        return rest_ok(id) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    }
    if let Some(n) = link.strip_prefix("tel:") {
        return n.len() <= 20
            && n.chars()
                .enumerate()
                .all(|(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'))
            && n.chars().any(|c| c.is_ascii_digit());
    }
    link.strip_prefix("https://").is_some_and(rest_ok)
}

impl QuizDoc {
    /// Every broken rule, each naming its field (`doc` for the document's own structure,
    /// `q{n}` for question n counted from 1).
    pub fn check(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        if !text_ok(&self.title, true) {
            errors.push(Invalid::new("doc", "qz-err-title"));
        }
        if !text_ok(&self.intro, false) || !text_ok(&self.remember, false) {
            errors.push(Invalid::new("doc", "qz-err-languages"));
        }
        if self.questions.is_empty() || self.questions.len() > MAX_QUESTIONS {
            errors.push(Invalid::new("doc", "qz-err-question-count"));
        }
        for q in &self.questions {
            if let Some(key) = q.problem(self.scored) {
                errors.push(Invalid::new("doc", key));
                break;
            }
        }
        errors
    }
}

impl Question {
    /// The first rule this question breaks, as a message id.
    pub fn problem(&self, scored: bool) -> Option<&'static str> {
        if !KINDS.contains(&self.kind.as_str()) {
            return Some("qz-err-kind");
        }
        if !text_ok(&self.text, true) || !text_ok(&self.explain, false) {
            return Some("qz-err-languages");
        }
        if self.link.as_deref().is_some_and(|l| !link_ok(l)) {
            return Some("qz-err-link");
        }
        let right = self.options.iter().filter(|o| o.correct).count();
        if self
            .options
            .iter()
            .any(|o| !text_ok(&o.text, true) || !text_ok(&o.feedback, false))
        {
            return Some("qz-err-languages");
        }
        match self.kind.as_str() {
            "scale" => {
                let (Some(min), Some(max)) = (self.min, self.max) else {
                    return Some("qz-err-scale");
                };
                if !self.options.is_empty() || min < 0 || max > 10 || max <= min {
                    return Some("qz-err-scale");
                }
            }
            "truefalse" if self.options.len() != 2 => return Some("qz-err-options"),
            _ if self.options.len() < 2 || self.options.len() > MAX_OPTIONS => {
                return Some("qz-err-options");
            }
            "multiple" if scored && right == 0 => return Some("qz-err-correct"),
            "single" | "truefalse" if scored && right != 1 => return Some("qz-err-correct"),
            _ => {}
        }
        None
    }

    /// The values an answer may hold: option indexes, or the scale's values.
    pub fn accepts(&self, choice: i64) -> bool {
        match self.kind.as_str() {
            "scale" => self
                .min
                .zip(self.max)
                .is_some_and(|(lo, hi)| (lo..=hi).contains(&choice)),
            _ => choice >= 0 && (choice as usize) < self.options.len(),
        }
    }

    /// Checks an answer's choices (distinct, sorted) and says whether it is right: `None`
    /// for a question that is not scored (a scale, or a quiz without a score).
    pub fn judge(&self, choices: &[i64], scored: bool) -> Result<Option<bool>, Invalid> {
        let bad = || Invalid::new("choice", "qz-err-choice");
        if choices.is_empty() {
            return Err(Invalid::new("choice", "qz-err-no-choice"));
        }
        if choices.iter().any(|c| !self.accepts(*c)) || choices.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad());
        }
        if self.kind != "multiple" && choices.len() != 1 {
            return Err(bad());
        }
        if !scored || self.kind == "scale" {
            return Ok(None);
        }
        let right: Vec<i64> = (0..self.options.len() as i64)
            .filter(|i| self.options[*i as usize].correct)
            .collect();
        Ok(Some(right == choices))
    }
}

/// The order a session sees the questions in: position → question index. Without
/// shuffling the written order; with it a permutation drawn from the session's id, the
/// same on every page of that session.
pub fn order(count: usize, shuffle: bool, session_id: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    if !shuffle {
        return order;
    }
    // FNV-1a over the id seeds a xorshift; Fisher–Yates.
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for b in session_id.bytes() {
        seed ^= u64::from(b);
        seed = seed.wrapping_mul(0x0100_0000_01b3);
    }
    if seed == 0 {
        seed = 1;
    }
    for i in (1..count).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let j = (seed % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Parses a channel's code: 1–32 lower-case letters, digits and hyphens.
pub fn channel_code_ok(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Parses a campaign's short address: 2–40 lower-case letters, digits and hyphens, not
/// starting or ending with a hyphen.
pub fn slug_ok(slug: &str) -> bool {
    (2..=40).contains(&slug.len())
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A region (area) a taker may type: at most 60 characters of letters, spaces and `-.'`.
pub fn region_ok(region: &str) -> bool {
    region.chars().count() <= 60
        && region
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.' || c == '\'')
}
