//! Joint texts (issue 22 items 1, 2 and 5): policy briefs, declarations, recommendations,
//! statements, shadow-report chapters and agendas written together by several
//! organisations, versioned per language, frozen as a final and co-signed.
//!
//! What is pure lives here: the kinds, the limits, what a body's paragraphs are (comments
//! and amendments point at a paragraph by its number), replacing one paragraph, and the
//! canonical serialisation of the frozen texts whose SHA-256 a signature covers.

use crate::Invalid;

/// The kinds of joint text, as stored.
pub const KINDS: [&str; 6] = [
    "policy-brief",
    "declaration",
    "recommendations",
    "statement",
    "shadow-report-chapter",
    "agenda",
];

/// The languages a variant may be written in (the hub's content languages).
pub const LANGS: [&str; 8] = ["en", "sr", "uk", "sq", "mk", "bs", "hr", "cnr"];

pub const MAX_TITLE: usize = 300;
pub const MAX_BODY: usize = 200_000;
pub const MAX_COMMENT: usize = 4_000;
pub const MAX_REPLACEMENT: usize = 20_000;
pub const MAX_NOTE: usize = 500;

/// One saved variant as a person typed it.
#[derive(Debug, Clone, Default)]
pub struct VariantDraft {
    pub lang: String,
    pub title: String,
    pub body: String,
    /// What changed, in a line (optional).
    pub note: String,
}

/// A variant that passed [`VariantDraft::validate`]: the body in its normal form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub lang: String,
    pub title: String,
    pub body: String,
    pub note: String,
}

impl VariantDraft {
    /// Checks every field; the errors name the fields in the form's order.
    pub fn validate(&self) -> Result<Variant, Vec<Invalid>> {
        let mut errors = Vec::new();
        if !LANGS.contains(&self.lang.as_str()) {
            errors.push(Invalid::new("lang", "jt-err-lang"));
        }
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(Invalid::new("title", "jt-err-title"));
        } else if title.chars().count() > MAX_TITLE {
            errors.push(Invalid::new("title", "jt-err-too-long"));
        }
        let body = normalise(&self.body);
        if body.is_empty() {
            errors.push(Invalid::new("body", "jt-err-body"));
        } else if body.chars().count() > MAX_BODY {
            errors.push(Invalid::new("body", "jt-err-too-long"));
        }
        let note = self.note.trim();
        if note.chars().count() > MAX_NOTE {
            errors.push(Invalid::new("note", "jt-err-too-long"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Variant {
            lang: self.lang.clone(),
            title: title.to_owned(),
            body,
            note: note.to_owned(),
        })
    }
}

/// A body in its normal form: line ends `\n`, spaces at line ends dropped, paragraphs
/// separated by exactly one empty line, nothing before the first or after the last.
pub fn normalise(body: &str) -> String {
    paragraphs(body).join("\n\n")
}

/// The paragraphs of a body: blocks separated by one or more empty lines, each with its
/// lines' trailing spaces dropped. Paragraph numbers (1, 2, …) index this list.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// The body with paragraph `number` (from 1) replaced by `replacement`; none when the body
/// has no such paragraph or the replacement is empty.
pub fn replace_paragraph(body: &str, number: i64, replacement: &str) -> Option<String> {
    let mut ps = paragraphs(body);
    let index = usize::try_from(number).ok()?.checked_sub(1)?;
    let new = normalise(replacement);
    if new.is_empty() || index >= ps.len() {
        return None;
    }
    ps[index] = new;
    Some(ps.join("\n\n"))
}

/// One frozen variant as the signature's hash covers it.
#[derive(Debug, Clone, Copy)]
pub struct Frozen<'a> {
    pub lang: &'a str,
    pub number: i64,
    pub title: &'a str,
    pub body: &'a str,
}

/// The canonical serialisation of a text's frozen variants, whose SHA-256 a co-signature
/// covers: the line `spona-joint-text/1`, then `name length:value` lines (the length in
/// bytes of the UTF-8 value, so no value can pass for another's) for the text's id and
/// kind and the number of variants, then per variant in the order `en`, `sr`, `uk`: its
/// language, version number, title and body (in normal form, see [`normalise`]). Every
/// line ends with `\n`.
pub fn canonical(text_id: &str, kind: &str, frozen: &[Frozen<'_>]) -> String {
    let mut sorted: Vec<&Frozen<'_>> = frozen.iter().collect();
    sorted.sort_by_key(|f| {
        LANGS
            .iter()
            .position(|l| *l == f.lang)
            .unwrap_or(LANGS.len())
    });
    let mut out = String::from("spona-joint-text/1\n");
    let mut field = |name: &str, value: &str| {
        out.push_str(&format!("{name} {}:{value}\n", value.len()));
    };
    field("text", text_id);
    field("kind", kind);
    field("variants", &sorted.len().to_string());
    for f in sorted {
        field("lang", f.lang);
        field("version", &f.number.to_string());
        field("title", f.title);
        field("body", &normalise(f.body));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_empty_lines_and_normalise() {
        let body = "  \r\nFirst line\r\nsame para  \n\n\n \nSecond\n\nThird\n";
        let body = body.replace('\r', "");
        assert_eq!(
            paragraphs(&body),
            vec!["First line\nsame para", "Second", "Third"]
        );
        assert_eq!(normalise(&body), "First line\nsame para\n\nSecond\n\nThird");
    }

    #[test]
    fn replacing_a_paragraph_that_does_not_exist_is_none() {
        let body = "One\n\nTwo";
        assert_eq!(
            replace_paragraph(body, 2, "Deux").as_deref(),
            Some("One\n\nDeux")
        );
        assert_eq!(replace_paragraph(body, 3, "x"), None);
        assert_eq!(replace_paragraph(body, 0, "x"), None);
        assert_eq!(replace_paragraph(body, 1, "  \n "), None);
    }

    #[test]
    fn the_canonical_text_orders_languages_and_frames_values() {
        let uk = Frozen {
            lang: "uk",
            number: 4,
            title: "Т",
            body: "Б",
        };
        let en = Frozen {
            lang: "en",
            number: 3,
            title: "T",
            body: "B\n\n\nC",
        };
        let c = canonical("t1", "declaration", &[uk, en]);
        assert_eq!(
            c,
            "spona-joint-text/1\ntext 2:t1\nkind 11:declaration\nvariants 1:2\n\
             lang 2:en\nversion 1:3\ntitle 1:T\nbody 4:B\n\nC\n\
             lang 2:uk\nversion 1:4\ntitle 2:Т\nbody 2:Б\n"
        );
    }

    #[test]
    fn a_draft_names_each_bad_field() {
        let bad = VariantDraft {
            lang: "de".into(),
            title: " ".into(),
            body: "\n\n".into(),
            note: String::new(),
        };
        let fields: Vec<_> = bad
            .validate()
            .expect_err("refused")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["lang", "title", "body"]);
    }
}
