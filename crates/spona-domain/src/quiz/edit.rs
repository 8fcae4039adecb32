//! Writing a quiz question by question, with forms and no JavaScript: a question from its
//! form's fields (and back, to fill the form), the quiz's own settings, and the question
//! list's changes (add, replace, move, remove). Every field name is that of the form:
//! `kind`, `text-{lang}`, `explain-{lang}`, `link`, `min`, `max`, and per choice row `i`
//! `o{i}-text-{lang}`, `o{i}-feedback-{lang}`, `o{i}-correct` (`yes`).

use std::collections::HashMap;

use super::{Choice, KINDS, LANGS, MAX_OPTIONS, MAX_QUESTIONS, Question, QuizDoc, Texts, text_ok};
use crate::Invalid;

/// A form's fields by name.
pub type Fields = HashMap<String, String>;

/// How many choice rows a question's form shows: its choices and two empty rows, at least
/// four, at most [`MAX_OPTIONS`].
pub fn option_rows(filled: usize) -> usize {
    (filled + 2).clamp(4, MAX_OPTIONS)
}

fn texts(f: &Fields, prefix: &str) -> Texts {
    LANGS
        .iter()
        .filter_map(|l| {
            let v = f.get(&format!("{prefix}-{l}"))?.trim();
            (!v.is_empty()).then(|| ((*l).to_owned(), v.to_owned()))
        })
        .collect()
}

fn put_texts(f: &mut Fields, prefix: &str, t: &Texts) {
    for (l, v) in t {
        f.insert(format!("{prefix}-{l}"), v.clone());
    }
}

fn yes(f: &Fields, name: &str) -> bool {
    f.get(name).is_some_and(|v| v == "yes")
}

/// The two choices of a true/false question whose form left them empty.
pub fn true_false(first_right: bool, second_right: bool) -> Vec<Choice> {
    let t = |en: &str, sr: &str, uk: &str| -> Texts {
        [("en", en), ("sr-Cyrl", sr), ("uk", uk)]
            .into_iter()
            .map(|(l, v)| (l.to_owned(), v.to_owned()))
            .collect()
    };
    vec![
        Choice {
            text: t("True", "Тачно", "Правда"),
            correct: first_right,
            feedback: Texts::new(),
        },
        Choice {
            text: t("False", "Нетачно", "Неправда"),
            correct: second_right,
            feedback: Texts::new(),
        },
    ]
}

/// A question from its form, or every broken rule with the field to fix (the first
/// input of the part that is wrong, so that the error summary's link lands on it).
pub fn question_from(f: &Fields, scored: bool) -> Result<Question, Vec<Invalid>> {
    let mut errors = Vec::new();
    let kind = f.get("kind").map(|k| k.trim()).unwrap_or("single");
    let kind = if kind.is_empty() { "single" } else { kind };
    if !KINDS.contains(&kind) {
        errors.push(Invalid::new("kind", "qz-err-kind"));
    }
    let text = texts(f, "text");
    if !text_ok(&text, true) {
        errors.push(Invalid::new("text-en", "qzm-err-text"));
    }
    let explain = texts(f, "explain");
    if !text_ok(&explain, false) {
        errors.push(Invalid::new("explain-en", "qzm-err-explain"));
    }
    let link = f
        .get("link")
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    if link.as_deref().is_some_and(|l| !super::link_ok(l)) {
        errors.push(Invalid::new("link", "qz-err-link"));
    }
    let mut options = Vec::new();
    let mut unnamed_right = false;
    for i in 0..MAX_OPTIONS {
        let text = texts(f, &format!("o{i}-text"));
        let feedback = texts(f, &format!("o{i}-feedback"));
        let correct = yes(f, &format!("o{i}-correct"));
        if text.is_empty() && feedback.is_empty() {
            unnamed_right |= correct;
            continue;
        }
        options.push(Choice {
            text,
            correct,
            feedback,
        });
    }
    let number = |name: &str| f.get(name).and_then(|v| v.trim().parse::<i64>().ok());
    let (mut min, mut max) = (None, None);
    match kind {
        "scale" => {
            options.clear();
            min = number("min");
            max = number("max");
            if !matches!((min, max), (Some(lo), Some(hi)) if lo >= 0 && hi <= 10 && lo < hi) {
                errors.push(Invalid::new("min", "qz-err-scale"));
            }
        }
        "truefalse" if options.is_empty() => {
            options = true_false(yes(f, "o0-correct"), yes(f, "o1-correct"));
        }
        _ => {
            if unnamed_right {
                errors.push(Invalid::new("options", "qzm-err-right-unnamed"));
            }
            if options
                .iter()
                .any(|o| !text_ok(&o.text, true) || !text_ok(&o.feedback, false))
            {
                errors.push(Invalid::new("options", "qzm-err-option-languages"));
            }
        }
    }
    let q = Question {
        kind: kind.to_owned(),
        text,
        options,
        min,
        max,
        explain,
        link,
    };
    if errors.is_empty()
        && let Some(key) = q.problem(scored)
    {
        errors.push(Invalid::new("options", key));
    }
    if errors.is_empty() {
        Ok(q)
    } else {
        Err(errors)
    }
}

/// A question's form fields, to fill its form for a change.
pub fn fields_of(q: &Question) -> Fields {
    let mut f = Fields::new();
    f.insert("kind".into(), q.kind.clone());
    put_texts(&mut f, "text", &q.text);
    put_texts(&mut f, "explain", &q.explain);
    if let Some(l) = &q.link {
        f.insert("link".into(), l.clone());
    }
    if let Some(v) = q.min {
        f.insert("min".into(), v.to_string());
    }
    if let Some(v) = q.max {
        f.insert("max".into(), v.to_string());
    }
    for (i, o) in q.options.iter().enumerate() {
        put_texts(&mut f, &format!("o{i}-text"), &o.text);
        put_texts(&mut f, &format!("o{i}-feedback"), &o.feedback);
        if o.correct {
            f.insert(format!("o{i}-correct"), "yes".into());
        }
    }
    f
}

/// The quiz's own settings from their form (`title-{lang}`, `intro-{lang}`,
/// `remember-{lang}`, `scored`, `shuffle`), written over `doc`'s.
pub fn settings_from(f: &Fields, doc: &mut QuizDoc) -> Vec<Invalid> {
    let mut errors = Vec::new();
    doc.title = texts(f, "title");
    doc.intro = texts(f, "intro");
    doc.remember = texts(f, "remember");
    doc.scored = yes(f, "scored");
    doc.shuffle = yes(f, "shuffle");
    if !text_ok(&doc.title, true) {
        errors.push(Invalid::new("title-en", "qzm-err-title"));
    }
    if !text_ok(&doc.intro, false) {
        errors.push(Invalid::new("intro-en", "qzm-err-intro"));
    }
    if !text_ok(&doc.remember, false) {
        errors.push(Invalid::new("remember-en", "qzm-err-remember"));
    }
    if errors.is_empty()
        && doc
            .questions
            .iter()
            .any(|q| q.problem(doc.scored).is_some())
    {
        errors.push(Invalid::new("scored", "qzm-err-scored"));
    }
    errors
}

/// The settings' form fields of a quiz.
pub fn settings_fields(doc: &QuizDoc) -> Fields {
    let mut f = Fields::new();
    put_texts(&mut f, "title", &doc.title);
    put_texts(&mut f, "intro", &doc.intro);
    put_texts(&mut f, "remember", &doc.remember);
    if doc.scored {
        f.insert("scored".into(), "yes".into());
    }
    if doc.shuffle {
        f.insert("shuffle".into(), "yes".into());
    }
    f
}

/// Puts a question at `at` (0-based, replacing it) or, with `None`, after the last.
pub fn put_question(doc: &mut QuizDoc, at: Option<usize>, q: Question) -> Result<(), Invalid> {
    match at {
        Some(n) if n < doc.questions.len() => doc.questions[n] = q,
        Some(_) => return Err(Invalid::new("question", "qzm-err-no-question")),
        None if doc.questions.len() >= MAX_QUESTIONS => {
            return Err(Invalid::new("question", "qz-err-question-count"));
        }
        None => doc.questions.push(q),
    }
    Ok(())
}

/// Moves question `n` (0-based) one place up or down; false when it cannot move.
pub fn move_question(doc: &mut QuizDoc, n: usize, up: bool) -> bool {
    let to = if up { n.checked_sub(1) } else { Some(n + 1) };
    match to {
        Some(to) if n < doc.questions.len() && to < doc.questions.len() => {
            doc.questions.swap(n, to);
            true
        }
        _ => false,
    }
}

/// Removes question `n` (0-based); the last question of a quiz stays.
pub fn remove_question(doc: &mut QuizDoc, n: usize) -> Result<(), Invalid> {
    if n >= doc.questions.len() {
        return Err(Invalid::new("question", "qzm-err-no-question"));
    }
    if doc.questions.len() == 1 {
        return Err(Invalid::new("question", "qzm-err-last-question"));
    }
    doc.questions.remove(n);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn three(f: &mut Fields, prefix: &str, s: &str) {
        for l in LANGS {
            f.insert(format!("{prefix}-{l}"), format!("{s} {l}"));
        }
    }

    #[test]
    fn a_single_choice_question_from_its_form_and_back() {
        let mut f = form(&[("kind", "single"), ("o1-correct", "yes")]);
        three(&mut f, "text", "Who keeps your passport?");
        three(&mut f, "o0-text", "The employer");
        three(&mut f, "o1-text", "You");
        let q = question_from(&f, true).expect("valid");
        assert_eq!(q.options.len(), 2);
        assert!(q.options[1].correct && !q.options[0].correct);
        assert_eq!(question_from(&fields_of(&q), true).expect("again"), q);
    }

    #[test]
    fn a_missing_language_names_the_field() {
        let mut f = form(&[("kind", "single"), ("text-en", "Only English")]);
        three(&mut f, "o0-text", "A");
        f.insert("o1-text-en".into(), "B".into());
        let e = question_from(&f, false).expect_err("invalid");
        let fields: Vec<_> = e.iter().map(|i| (i.field, i.key)).collect();
        assert!(fields.contains(&("text-en", "qzm-err-text")));
        assert!(fields.contains(&("options", "qzm-err-option-languages")));
    }

    #[test]
    fn true_false_fills_its_choices_and_a_scale_drops_them() {
        let mut f = form(&[("kind", "truefalse"), ("o1-correct", "yes")]);
        three(&mut f, "text", "Debt bondage is legal");
        let q = question_from(&f, true).expect("valid");
        assert_eq!(q.options[1].text["sr-Cyrl"], "Нетачно");
        assert!(q.options[1].correct);
        let mut f = form(&[("kind", "scale"), ("min", "1"), ("max", "5")]);
        three(&mut f, "text", "How sure");
        three(&mut f, "o0-text", "ignored");
        let q = question_from(&f, true).expect("valid");
        assert!(q.options.is_empty());
        f.insert("max".into(), "11".into());
        assert_eq!(question_from(&f, true).expect_err("scale")[0].field, "min");
    }

    #[test]
    fn a_right_mark_on_an_empty_row_is_refused() {
        let mut f = form(&[("kind", "single"), ("o3-correct", "yes")]);
        three(&mut f, "text", "Q");
        three(&mut f, "o0-text", "A");
        three(&mut f, "o1-text", "B");
        let e = question_from(&f, false).expect_err("invalid");
        assert_eq!(e[0].key, "qzm-err-right-unnamed");
    }

    #[test]
    fn moves_and_removals_keep_every_question() {
        let q = |s: &str| Question {
            kind: s.into(),
            ..Question::default()
        };
        let mut doc = QuizDoc {
            questions: vec![q("a"), q("b"), q("c")],
            ..QuizDoc::default()
        };
        assert!(!move_question(&mut doc, 0, true));
        assert!(!move_question(&mut doc, 2, false));
        assert!(move_question(&mut doc, 2, true));
        let kinds: Vec<_> = doc.questions.iter().map(|q| q.kind.as_str()).collect();
        assert_eq!(kinds, ["a", "c", "b"]);
        remove_question(&mut doc, 0).expect("removed");
        remove_question(&mut doc, 0).expect("removed");
        assert_eq!(
            remove_question(&mut doc, 0).expect_err("last").key,
            "qzm-err-last-question"
        );
        assert!(put_question(&mut doc, Some(5), q("x")).is_err());
    }
}
