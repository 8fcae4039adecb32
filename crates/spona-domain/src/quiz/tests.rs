use super::results::publish;
use super::*;

fn t(s: &str) -> Texts {
    LANGS
        .iter()
        .map(|l| ((*l).to_owned(), format!("{s} {l}")))
        .collect()
}

fn choice(s: &str, correct: bool) -> Choice {
    Choice {
        text: t(s),
        correct,
        feedback: Texts::new(),
    }
}

fn doc() -> QuizDoc {
    QuizDoc {
        title: t("Title"),
        scored: true,
        questions: vec![
            Question {
                kind: "single".into(),
                text: t("Q1"),
                options: vec![choice("a", false), choice("b", true)],
                ..Question::default()
            },
            Question {
                kind: "multiple".into(),
                text: t("Q2"),
                options: vec![choice("a", true), choice("b", false), choice("c", true)],
                ..Question::default()
            },
            Question {
                kind: "scale".into(),
                text: t("Q3"),
                min: Some(1),
                max: Some(5),
                ..Question::default()
            },
        ],
        ..QuizDoc::default()
    }
}

#[test]
fn a_good_quiz_passes() {
    assert_eq!(doc().check(), vec![]);
}

#[test]
fn every_language_is_required() {
    let mut d = doc();
    d.questions[0].text.remove("uk");
    assert_eq!(d.check(), vec![Invalid::new("doc", "qz-err-languages")]);
    let mut d = doc();
    d.title.insert("de".into(), "x".into());
    assert_eq!(d.check(), vec![Invalid::new("doc", "qz-err-title")]);
}

#[test]
fn kinds_and_options_are_checked() {
    let mut d = doc();
    d.questions[0].kind = "essay".into();
    assert_eq!(d.check()[0].key, "qz-err-kind");
    let mut d = doc();
    d.questions[0].options[0].correct = true;
    assert_eq!(d.check()[0].key, "qz-err-correct");
    let mut d = doc();
    d.questions[2].max = Some(1);
    assert_eq!(d.check()[0].key, "qz-err-scale");
    let mut d = doc();
    d.questions.clear();
    assert_eq!(d.check()[0].key, "qz-err-question-count");
}

#[test]
fn answers_are_judged() {
    let d = doc();
    assert_eq!(d.questions[0].judge(&[1], true), Ok(Some(true)));
    assert_eq!(d.questions[0].judge(&[0], true), Ok(Some(false)));
    assert!(d.questions[0].judge(&[0, 1], true).is_err());
    assert!(d.questions[0].judge(&[2], true).is_err());
    assert!(d.questions[0].judge(&[], true).is_err());
    assert_eq!(d.questions[1].judge(&[0, 2], true), Ok(Some(true)));
    assert_eq!(d.questions[1].judge(&[0], true), Ok(Some(false)));
    assert!(d.questions[1].judge(&[2, 0], true).is_err());
    assert_eq!(d.questions[2].judge(&[4], true), Ok(None));
    assert!(d.questions[2].judge(&[6], true).is_err());
    assert_eq!(d.questions[0].judge(&[1], false), Ok(None));
}

#[test]
fn links_are_resources_https_or_phones() {
    assert!(link_ok("/resources/0190a-b"));
    assert!(link_ok("https://astra.rs/en/"));
    assert!(link_ok("tel:+381117850000"));
    assert!(!link_ok("javascript:alert(1)"));
    assert!(!link_ok("http://example.org"));
    assert!(!link_ok("tel:12 34"));
}

#[test]
fn shuffled_order_is_a_stable_permutation() {
    let a = order(10, true, "session-a");
    assert_eq!(a, order(10, true, "session-a"));
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    assert_ne!(a, order(10, true, "session-b"));
    assert_eq!(order(4, false, "x"), vec![0, 1, 2, 3]);
}

#[test]
fn small_cells_are_withheld() {
    assert_eq!(publish(0), Some(0));
    assert_eq!(publish(1), None);
    assert_eq!(publish(9), None);
    assert_eq!(publish(10), Some(10));
}

#[test]
fn hotlines_of_the_country_come_first() {
    let h = hotlines::for_country(Some("UA"));
    assert_eq!(h[0].country, "UA");
    assert_eq!(hotlines::for_country(Some("RS"))[0].country, "RS");
}

#[test]
fn slugs_and_codes() {
    assert!(slug_ok("stop-trafficking"));
    assert!(!slug_ok("-x"));
    assert!(!slug_ok("A"));
    assert!(channel_code_ok("school-1"));
    assert!(!channel_code_ok("Sch ool"));
}
