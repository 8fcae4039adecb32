//! A pair's history after both sides accepted: check-ins, the end with feedback, who may
//! see it, and the "worked together" penalty in a later round.

use crate::harness::*;

async fn opt_in(app: &TestApp, who: &str, round: &str, fields: &[(&str, &str)]) {
    let r = app
        .signed_in(who)
        .await
        .post(&format!("/en/matching/{round}/opt-in"), fields)
        .await;
    assert_eq!(r.status, 303, "{who}: {}", r.body);
}

const ZMINA: &[(&str, &str)] = &[
    ("org", "zmina"),
    ("offers", "digital-security"),
    ("languages", "en"),
    ("capacity", "1"),
];
const ASTRA: &[(&str, &str)] = &[
    ("org", "astra"),
    ("needs", "digital-security"),
    ("languages", "en"),
    ("capacity", "1"),
];

/// Opens a Ukraine ↔ Serbia peer-exchange round as the platform admin; its id.
async fn new_round(app: &TestApp, title: &str) -> String {
    open_round(
        &app.signed_in_in_process(ADMIN).await,
        NewRound::peer_exchange(title),
    )
    .await
}

/// ZMINA and ASTRA opt in, are proposed, and both accept: the round and the pair's path.
async fn agreed_pair(app: &TestApp) -> (String, String) {
    let id = new_round(app, "First exchange").await;
    opt_in(app, ZMINA_ADMIN, &id, ZMINA).await;
    opt_in(app, ASTRA_ADMIN, &id, ASTRA).await;
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(
        admin
            .post(&format!("/en/matching/{id}/run"), &[])
            .await
            .status,
        303
    );
    assert_eq!(
        admin
            .post(&format!("/en/matching/{id}/publish"), &[])
            .await
            .status,
        303
    );
    let proposal = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db")[0]
        .id
        .clone();
    let answer = format!("/en/matching/{id}/proposals/{proposal}/answer");
    for who in [ZMINA_ADMIN, ASTRA_ADMIN] {
        let r = app
            .signed_in(who)
            .await
            .post(&answer, &[("answer", "accept")])
            .await;
        assert_eq!(r.status, 303, "{who}");
    }
    (id.clone(), format!("/en/matching/{id}/pairs/{proposal}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_pairs_keep_a_history_that_only_their_sides_see() {
    let app = TestApp::start().await;
    let (round, pair) = agreed_pair(&app).await;
    // The round page links each side's members (not only admins) to their pair.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let page = member.get(&format!("/en/matching/{round}")).await.body;
    assert!(
        page.contains("Your pairs") && page.contains(&pair),
        "{page}"
    );
    let shown = member.get(&pair).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Working together since") && shown.body.contains("active"));

    // A check-in by a member of ASTRA; a future date is refused and nothing is written.
    let bad = member
        .post(
            &format!("{pair}/check-ins"),
            &[("date", "2098-01-01"), ("note", "Planned")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("cannot be in the future"));
    let today = spona_web::http::view::format_date(spona_domain::Locale::En, spona_store::now());
    let ok = member
        .post(
            &format!("{pair}/check-ins"),
            &[("date", &today), ("note", "First call: <b>backups</b>")],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let body = app
        .signed_in_in_process(ZMINA_ADMIN)
        .await
        .get(&pair)
        .await
        .body;
    assert!(
        body.contains("First call: ") && !body.contains("<b>backups"),
        "escaped, seen by the other side"
    );
    assert_eq!(app.audit_count("matching.pair_check_in").await, 1);

    // Outsiders: not signed in → sign in; another organisation → 404, also for writes.
    let anon = app.client_in_process().get(&pair).await;
    assert_eq!(anon.status, 303);
    let atina = app.signed_in_in_process(ATINA_ADMIN).await;
    assert_eq!(atina.get(&pair).await.status, 404);
    assert_eq!(
        atina
            .post(
                &format!("{pair}/check-ins"),
                &[("date", &today), ("note", "x")]
            )
            .await
            .status,
        404
    );
    assert!(
        !atina
            .get(&format!("/en/matching/{round}"))
            .await
            .body
            .contains(&pair)
    );
    // The coordinator reads but does not write.
    let admin = app.signed_in_in_process(ADMIN).await;
    let seen = admin.get(&pair).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains("as a coordinator"));
    assert_eq!(
        admin
            .post(&format!("{pair}/end"), &[("note", "x")])
            .await
            .status,
        403
    );

    // ZMINA ends the pair with its feedback; ASTRA adds its own, once.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let empty = zmina.post(&format!("{pair}/end"), &[("note", " ")]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Write a short note"));
    assert_eq!(
        zmina
            .post(&format!("{pair}/feedback"), &[("note", "Too early")])
            .await
            .status,
        400,
        "feedback only after the end"
    );
    let end = zmina
        .post(&format!("{pair}/end"), &[("note", "Useful, thank you.")])
        .await;
    assert_eq!(end.status, 303, "{}", end.body);
    assert_eq!(
        member
            .post(
                &format!("{pair}/check-ins"),
                &[("date", &today), ("note", "late")]
            )
            .await
            .status,
        400,
        "an ended pair takes no check-ins"
    );
    assert_eq!(
        member
            .post(&format!("{pair}/feedback"), &[("note", "We learnt a lot.")])
            .await
            .status,
        303
    );
    assert_eq!(
        member
            .post(&format!("{pair}/feedback"), &[("note", "Again")])
            .await
            .status,
        400
    );
    let body = member.get(&pair).await.body;
    assert!(
        body.contains("Useful, thank you.")
            && body.contains("We learnt a lot.")
            && body.contains("ended by ZMINA")
    );
    assert_eq!(app.audit_count("matching.pair_ended").await, 1);
    assert_eq!(app.audit_count("matching.pair_feedback").await, 1);

    // A later round: the ended pair still counts as having worked together (10 − 8).
    let later = new_round(&app, "Second exchange").await;
    opt_in(&app, ZMINA_ADMIN, &later, ZMINA).await;
    opt_in(&app, ASTRA_ADMIN, &later, ASTRA).await;
    assert_eq!(
        admin
            .post(&format!("/en/matching/{later}/run"), &[])
            .await
            .status,
        303
    );
    let p = &spona_store::matching::proposals(&app.db, &later)
        .await
        .expect("db")[0];
    assert_eq!(p.score, 2);
    assert!(p.explanation.to_json().contains("\"worked_together\":true"));
    assert!(
        admin
            .get(&format!("/en/matching/{later}"))
            .await
            .body
            .contains("Worked together before")
    );
}

/// A check-in claims its form's one-time key with the check-in (see `once.rs`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_in_that_failed_can_be_sent_again_and_a_retry_adds_nothing() {
    let app = TestApp::start().await;
    let (_, pair) = agreed_pair(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    crate::once::exec(&app, "DELETE FROM idempotency_keys").await;
    let today = spona_web::http::view::format_date(spona_domain::Locale::En, spona_store::now());
    crate::once::fail_then_create_then_replay(
        &app,
        &member,
        &format!("{pair}/check-ins"),
        &[("date", &today), ("note", "Retried call")],
        "matching_checkins",
    )
    .await;
    let n = crate::once::count(
        &app,
        "SELECT COUNT(*) FROM matching_checkins WHERE note = 'Retried call'",
    )
    .await;
    assert_eq!(n, 1);
}
