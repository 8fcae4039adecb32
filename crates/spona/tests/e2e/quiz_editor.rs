//! Writing a quiz question by question with forms (lane quizmore), on SQLite and
//! PostgreSQL: a campaign is opened from its title and first question (no JSON), a
//! true/false question is added with its choices left empty, bad input is refused with a
//! message and changes nothing, questions move and are removed (never the last one), the
//! preview shows them in each language, and once someone answered a change makes a new
//! version while the answered one stays as it was.

use spona_domain::quiz::QuizDoc;

use crate::harness::*;

fn day(offset_days: i64) -> String {
    spona_app::quizzes::day_of(spona_store::now() + offset_days * 86_400)
}

/// `name-{lang}` for each language, with the language in the text.
fn three(name: &str, text: &str) -> Vec<(String, String)> {
    ["en", "sr-Cyrl", "uk"]
        .iter()
        .map(|l| (format!("{name}-{l}"), format!("{text} [{l}]")))
        .collect()
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, x)| (k.as_str(), x.as_str())).collect()
}

async fn doc(app: &TestApp, id: &str) -> (i64, QuizDoc) {
    let q = spona_store::quizzes::current_quiz(&app.db, id)
        .await
        .expect("read")
        .expect("quiz");
    (q.version, serde_json::from_str(&q.doc).expect("doc"))
}

#[tokio::test]
async fn a_quiz_is_written_question_by_question_with_forms() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra");
    let (from, to) = (day(-1), day(1));
    let mut f: Vec<(String, String)> = [
        ("org", astra.id.as_str()),
        ("slug", "forms-quiz"),
        ("starts_on", from.as_str()),
        ("ends_on", to.as_str()),
        ("scored", "yes"),
        ("o1-correct", "yes"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    f.extend(three("title", "Know the signs"));
    f.extend(three("text", "Who keeps your passport?"));
    f.extend(three("o0-text", "The employer"));
    f.extend(three("o1-text", "You"));
    // Without the Ukrainian question text: refused, nothing made.
    let partial: Vec<_> = f.iter().filter(|(k, _)| k != "text-uk").cloned().collect();
    let r = coord.post("/en/quizzes/new", &pairs(&partial)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("Write the question in every language"));
    assert!(
        r.body.contains("value=\"You [sr-Cyrl]\""),
        "kept what was typed"
    );
    assert_eq!(app.audit_count("quiz.created").await, 0);
    let r = coord.post("/en/quizzes/new", &pairs(&f)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    let (v, d) = doc(&app, &id).await;
    assert_eq!((v, d.questions.len(), d.scored), (1, 1, true));
    assert_eq!(d.questions[0].kind, "single");
    assert!(d.questions[0].options[1].correct && !d.questions[0].options[0].correct);

    // The list and a new question's form.
    let page = coord.get(&format!("/en/quizzes/{id}/questions")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Who keeps your passport? [en]"));
    let form = coord.get(&format!("/uk/quizzes/{id}/questions/new")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("name=\"o3-text-uk\""));

    // A true/false question, its choices left empty.
    let mut tf = vec![("kind".to_owned(), "truefalse".to_owned())];
    tf.push(("o1-correct".into(), "yes".into()));
    tf.extend(three("text", "Debt for travel is a warning sign"));
    tf.extend(three("explain", "It binds you"));
    tf.push(("link".into(), "tel:+381117850000".into()));
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/new"), &pairs(&tf))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let (v, d) = doc(&app, &id).await;
    assert_eq!(
        (v, d.questions.len()),
        (1, 2),
        "unanswered: the same version"
    );
    assert_eq!(d.questions[1].options[0].text["uk"], "Правда");
    assert!(d.questions[1].options[1].correct);

    // Bad input: a right mark on an empty row, a bad link: 422, nothing changed.
    let mut bad = three("text", "Q");
    bad.extend(three("o0-text", "A"));
    bad.extend(three("o1-text", "B"));
    bad.push(("o5-correct".into(), "yes".into()));
    bad.push(("link".into(), "javascript:alert(1)".into()));
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/new"), &pairs(&bad))
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("A choice marked right has no text"));
    assert!(r.body.contains("aria-invalid=\"true\""));
    assert_eq!(doc(&app, &id).await.1.questions.len(), 2);
    // A question the quiz lacks.
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/9"), &pairs(&tf))
        .await;
    assert_eq!(r.status, 404);

    // Moves: the second up; the first cannot go further up.
    let up = [("dir", "up")];
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/2/move"), &up)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(doc(&app, &id).await.1.questions[0].kind, "truefalse");
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/1/move"), &up)
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("cannot move further"));

    // The preview shows the questions in each language.
    let p = coord
        .get(&format!("/en/quizzes/{id}/preview/sr-Latn"))
        .await;
    assert!(
        p.body
            .contains("Debt for travel is a warning sign [sr-Cyrl]")
            || p.body.contains("Tačno"),
        "{}",
        p.body
    );
    let p = coord.get(&format!("/en/quizzes/{id}/preview/uk")).await;
    assert!(p.body.contains("Who keeps your passport? [uk]"));

    // Someone answers; a change now makes version 2 and version 1 stays.
    let anon = app.client_in_process();
    let landing = anon.get("/en/q/forms-quiz").await;
    assert_eq!(landing.status, 200, "{}", landing.body);
    let csrf = landing.hidden("csrf");
    let r = anon
        .post_raw("/en/q/forms-quiz/start", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = anon
        .post_raw(&r.location(), &[("csrf", csrf.as_str()), ("choice", "1")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let before = doc(&app, &id).await.1;
    let mut changed = tf.clone();
    changed.retain(|(k, _)| !k.starts_with("text-"));
    changed.extend(three("text", "Debt for a journey is a warning sign"));
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/1"), &pairs(&changed))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let (v, after) = doc(&app, &id).await;
    assert_eq!(v, 2);
    assert!(after.questions[0].text["en"].contains("journey"));
    let versions = spona_store::quizzes::versions(&app.db, &id)
        .await
        .expect("versions");
    let first = versions.iter().find(|(n, _, _)| *n == 1).expect("v1");
    let old = spona_store::quizzes::quiz(&app.db, &first.1)
        .await
        .expect("read")
        .expect("v1");
    let old: QuizDoc = serde_json::from_str(&old.doc).expect("doc");
    assert_eq!(old, before, "the answered version never changes");

    // Remove: the first goes; the last one stays.
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/1/remove"), &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/1/remove"), &[])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("at least one question"));
    assert_eq!(doc(&app, &id).await.1.questions.len(), 1);

    // Settings: the title in every language is required.
    let r = coord
        .post(
            &format!("/en/quizzes/{id}/questions/settings"),
            &[("title-en", "Only English")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut s = three("title", "Signs of trafficking");
    s.push(("shuffle".into(), "yes".into()));
    let r = coord
        .post(&format!("/en/quizzes/{id}/questions/settings"), &pairs(&s))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let d = doc(&app, &id).await.1;
    assert!(d.shuffle && !d.scored);
    assert_eq!(d.title["uk"], "Signs of trafficking [uk]");

    // Someone who does not coordinate the campaign.
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = other.get(&format!("/en/quizzes/{id}/questions")).await;
    assert_eq!(r.status, 403);
}
