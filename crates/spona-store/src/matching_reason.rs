//! Why a proposal was made, as stored in `matching_proposals.explanation`: the solver's
//! [`Explanation`] with `"pinned": false`, or `{"pinned": true}` for a pair a coordinator
//! pinned or one side already accepted. Read and written here only; a row that does not parse
//! is an error, never an empty explanation.

use serde_json::{Map, Value};
pub use spona_matching::Explanation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The solver's reasons (the score itself is the row's `score`).
    Scored(Explanation),
    /// Kept without a score of its own: pinned by a coordinator or accepted by one side.
    Pinned,
}

/// The stored explanation is not the JSON object Spona writes.
#[derive(Debug, thiserror::Error)]
#[error("stored proposal explanation: {0}")]
pub struct CorruptReason(String);

impl Reason {
    /// The solver's reasons, if any.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Reason::Scored(e) => Some(e),
            Reason::Pinned => None,
        }
    }

    pub fn pinned(&self) -> bool {
        matches!(self, Reason::Pinned)
    }

    /// The stored JSON object (also the API's `explanation`).
    pub fn to_value(&self) -> Value {
        match self {
            Reason::Scored(e) => {
                let mut v = serde_json::to_value(e).unwrap_or_else(|_| Value::Object(Map::new()));
                if let Value::Object(m) = &mut v {
                    m.insert("pinned".into(), Value::Bool(false));
                }
                v
            }
            Reason::Pinned => serde_json::json!({ "pinned": true }),
        }
    }

    /// The stored text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    pub fn parse(text: &str) -> Result<Self, CorruptReason> {
        let v: Value = serde_json::from_str(text).map_err(|e| CorruptReason(e.to_string()))?;
        let Value::Object(m) = &v else {
            return Err(CorruptReason("not an object".into()));
        };
        match m.get("pinned") {
            Some(Value::Bool(true)) => Ok(Reason::Pinned),
            None | Some(Value::Bool(false)) => serde_json::from_value(v)
                .map(Reason::Scored)
                .map_err(|e| CorruptReason(e.to_string())),
            Some(_) => Err(CorruptReason("pinned is not a boolean".into())),
        }
    }
}

impl TryFrom<String> for Reason {
    type Error = CorruptReason;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Reason::parse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored() -> Reason {
        Reason::Scored(Explanation {
            score: 0,
            a_gives: vec!["safe-houses".into()],
            b_gives: vec![],
            shared_themes: vec!["lgbtiq".into()],
            shared_languages: vec!["en".into()],
            needs_interpretation: false,
            worked_together: true,
        })
    }

    #[test]
    fn writes_what_json_macro_wrote() {
        // The text the round page wrote before the type existed (keys sorted).
        let before = serde_json::json!({
            "a_gives": ["safe-houses"], "b_gives": [], "themes": ["lgbtiq"],
            "languages": ["en"], "interpretation": false, "worked_together": true,
            "pinned": false,
        })
        .to_string();
        assert_eq!(scored().to_json(), before);
        assert_eq!(Reason::Pinned.to_json(), r#"{"pinned":true}"#);
    }

    #[test]
    fn reads_back_what_it_writes_and_old_rows() {
        for r in [scored(), Reason::Pinned] {
            assert_eq!(Reason::parse(&r.to_json()).expect("ok"), r);
        }
        // Rows written by hand or by older versions: missing fields read as empty.
        assert_eq!(
            Reason::parse("{}").expect("ok"),
            Reason::Scored(Explanation::default())
        );
        let demo = r#"{"a_gives":["x"],"pinned":false}"#;
        assert_eq!(
            Reason::parse(demo)
                .expect("ok")
                .explanation()
                .expect("ok")
                .a_gives,
            ["x"]
        );
    }

    #[test]
    fn corrupt_text_is_an_error() {
        for bad in [
            "",
            "not json",
            "[]",
            "null",
            r#"{"a_gives": 3}"#,
            r#"{"pinned": "yes"}"#,
            r#"{"interpretation": "no"}"#,
        ] {
            assert!(Reason::parse(bad).is_err(), "{bad}");
        }
    }
}
