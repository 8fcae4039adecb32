//! The quiz under a burst (issue 23's figure; lane quizperf), on SQLite and PostgreSQL: a
//! question page and a feedback page cost one SQL statement each (the session with its
//! campaign, version and answers; the document is kept by quiz id), an answer one in the
//! request; answers given at the same moment are stored together (group commit), each
//! acknowledged (303) only once stored, a second answer to a question given at the same
//! moment as the first is refused (409) and stored once, and every acknowledged answer is
//! in the database.

use std::net::{IpAddr, Ipv4Addr};

use crate::harness::queries::statements;
use crate::harness::*;

const SLUG: &str = "burst-quiz";

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

/// `n` sessions started through the use case (each from an address of its own, so none is
/// slowed as a burst); the path of each one's first question.
async fn sessions(app: &TestApp, n: u8) -> Vec<String> {
    let p = spona_app::quizzes::take::public(&app.db, SLUG)
        .await
        .expect("public");
    let mut paths = Vec::new();
    for i in 0..n {
        let addr = IpAddr::V4(Ipv4Addr::new(10, 9, 8, i));
        let s =
            spona_app::quizzes::take::start(&app.db, &p, None, addr, "burst", spona_store::now())
                .await
                .expect("start");
        paths.push(format!("/en/q/{SLUG}/s/{}/1", s.token));
    }
    paths
}

#[tokio::test]
async fn pages_cost_one_statement_and_answers_are_committed_together() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    crate::quiz::create_campaign(&app, &coord, SLUG).await;
    let c = app.client_in_process();
    let csrf = c.csrf().await;
    let paths = sessions(&app, 60).await;

    // One statement per page, the first time (the document read once) and after.
    let first = &paths[0];
    let (r, _) = statements(c.get(first)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (r, stmts) = statements(c.get(first)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(stmts.len(), 1, "the question page: {stmts:?}");
    let (r, stmts) = statements(c.post_raw(first, &[("csrf", &csrf), ("choice", "1")])).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // The request reads the session; the writer stores the answer in its own task.
    assert_eq!(stmts.len(), 1, "the answer: {stmts:?}");
    let (r, stmts) = statements(c.get(&format!("{first}/feedback"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(stmts.len(), 1, "the feedback page: {stmts:?}");
    assert!(r.body.contains("Your documents are yours"), "{}", r.body);
    // Answered: the page says so, and a second answer is refused without a write.
    let r = c.get(first).await;
    assert!(r.body.contains("/1/feedback"), "{}", r.body);
    let r = c.post_raw(first, &[("csrf", &csrf), ("choice", "0")]).await;
    assert_eq!(r.status, 409, "{}", r.body);

    // The others at once, each twice at the same moment (a double tap): one 303 and one
    // 409 per session; the multiple-choice question's choices stored with it.
    let (before, _) = app.state().quiz.batches();
    let mut sends = tokio::task::JoinSet::new();
    for p in &paths[1..] {
        for _ in 0..2 {
            let (c, p, csrf) = (c.clone(), p.clone(), csrf.clone());
            sends.spawn(async move {
                let r = c.post_raw(&p, &[("csrf", &csrf), ("choice", "1")]).await;
                (p, r.status)
            });
        }
    }
    let replies = sends.join_all().await;
    for p in &paths[1..] {
        let mut got: Vec<u16> = replies
            .iter()
            .filter(|(q, _)| q == p)
            .map(|(_, s)| *s)
            .collect();
        got.sort_unstable();
        assert_eq!(got, [303, 409], "{p}");
    }
    let (after, largest) = app.state().quiz.batches();
    assert!(
        after - before < 59 && largest > 1,
        "59 answers at once in {} transactions (largest {largest})",
        after - before
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM quiz_responses WHERE question = 0"
        )
        .await,
        60
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM quiz_choices WHERE question = 0").await,
        60
    );

    // The second question (multiple choice) of the first session: both choices kept.
    let second = format!("{}/2", first.trim_end_matches("/1"));
    let r = c
        .post_raw(
            &second,
            &[("csrf", &csrf), ("choice", "2"), ("choice", "0")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM quiz_choices WHERE question = 1").await,
        2
    );
    let r = c.get(&format!("{second}/feedback")).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // A forged token still says why: its message, and no statement beyond the checks.
    let forged = format!("{}0/1", first.trim_end_matches("/1"));
    let r = c.get(&forged).await;
    assert_eq!(r.status, 403, "{}", r.body);
}
