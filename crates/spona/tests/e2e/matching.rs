//! Matching rounds: opening, opting in, and what each role sees.

use crate::harness::*;

async fn round_id(app: &TestApp) -> String {
    spona_store::matching::rounds(&app.db).await.expect("db")[0]
        .id
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_opt_in_on_their_side() {
    let app = TestApp::start().await;
    let id = round_id(&app).await;
    let path = format!("/en/matching/{id}");
    // ASTRA (Serbia) opts in on side B; the form is prefilled from its profile.
    let astra = app.signed_in(ASTRA_ADMIN).await;
    let page = astra.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("value=\"hotline-operation\" checked"),
        "prefilled offers"
    );
    let r = astra
        .post(
            &format!("{path}/opt-in"),
            &[
                ("org", "astra"),
                ("offers", "hotline-operation"),
                ("needs", "digital-security"),
                ("languages", "sr"),
                ("languages", "en"),
                ("capacity", "1"),
                ("statement", "We run a hotline."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Twice is refused with a message.
    let again = astra
        .post(
            &format!("{path}/opt-in"),
            &[
                ("org", "astra"),
                ("offers", "advocacy"),
                ("languages", "sr"),
                ("capacity", "1"),
            ],
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already opted in"));
    // ZMINA (Ukraine) opts in on side A; bad input first.
    let zmina = app.signed_in(ZMINA_ADMIN).await;
    let bad = zmina
        .post(
            &format!("{path}/opt-in"),
            &[("org", "zmina"), ("offers", "juggling"), ("capacity", "0")],
        )
        .await;
    assert_eq!(bad.status, 422);
    for msg in [
        "Choose values from the list only",
        "Choose at least one working language",
        "from 1 to 5",
    ] {
        assert!(bad.body.contains(msg), "{msg}");
    }
    let ok = zmina
        .post(
            &format!("{path}/opt-in"),
            &[
                ("org", "zmina"),
                ("offers", "evidence-preservation"),
                ("needs", "safe-houses"),
                ("languages", "uk"),
                ("languages", "en"),
                ("capacity", "1"),
                ("accepts_interpretation", "yes"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    // PVPT (Kosovo) is on neither side.
    let participants = spona_store::matching::participants(&app.db, &id)
        .await
        .expect("db");
    let sides: Vec<_> = participants
        .iter()
        .map(|p| (p.org_slug.as_str(), p.side.as_str()))
        .collect();
    assert_eq!(sides, [("zmina", "a"), ("astra", "b")]);
    // Only coordinators see who opted in and what they said.
    let admin = app.signed_in(ADMIN).await;
    let coordinator_view = admin.get(&path).await.body;
    assert!(coordinator_view.contains("Hotline operation") && coordinator_view.contains("ZMINA"));
    let member_view = app.signed_in(ASTRA_MEMBER).await.get(&path).await.body;
    assert!(
        !member_view.contains("ZMINA"),
        "participants are not shown to everyone"
    );
    assert!(member_view.contains("2 organisations"));
    assert_eq!(app.audit_count("matching.opted_in").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rounds_are_checked_when_opened() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let bad = admin
        .post(
            "/en/matching/new",
            &[
                ("title", "X"),
                ("programme", "speed-dating"),
                ("side_a", "RS"),
                ("side_a", "ZZ"),
                ("side_b", "RS"),
                ("deadline", "2020-01-01"),
                ("network", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    for msg in [
        "3 to 200 characters",
        "Choose one of the offered options",
        "cannot be on both sides",
        "must be in the future",
        "Choose a country from the list",
    ] {
        assert!(bad.body.contains(msg), "{msg}");
    }
    assert_eq!(
        spona_store::matching::rounds(&app.db)
            .await
            .expect("db")
            .len(),
        1,
        "nothing half-made"
    );
    // A network coordinator opens a round for their network; its members alone may opt in.
    let coordinator = app.signed_in(ATINA_ADMIN).await;
    let r = coordinator
        .post(
            "/en/matching/new",
            &[
                ("title", "BRIDGE buddies"),
                ("programme", "buddy"),
                ("side_a", "XK"),
                ("side_b", "RS"),
                ("deadline", "2099-06-30"),
                ("network", "bridge"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let bridge_round = r.location().rsplit('/').next().expect("id").to_owned();
    let astra = app.signed_in(ASTRA_ADMIN).await;
    let page = astra.get(&format!("/en/matching/{bridge_round}")).await;
    assert!(
        !page.body.contains("opt-in\""),
        "ASTRA is not in BRIDGE: no form"
    );
    let r = astra
        .post(
            &format!("/en/matching/{bridge_round}/opt-in"),
            &[
                ("org", "astra"),
                ("offers", "advocacy"),
                ("languages", "sr"),
                ("capacity", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("members of one network"));
}
