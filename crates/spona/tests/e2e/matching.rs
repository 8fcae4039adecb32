//! Matching rounds: opening, opting in, and what each role sees.

use crate::harness::*;

async fn round_id(app: &TestApp) -> String {
    spona_store::matching::rounds(&app.db).await.expect("db")[0]
        .id
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_opt_in_on_their_side() {
    let app = TestApp::start().await;
    let id = round_id(&app).await;
    let path = format!("/en/matching/{id}");
    // ASTRA (Serbia) opts in on side B; the form is prefilled from its profile.
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
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
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
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
        .map(|p| (p.org_slug.as_deref().unwrap_or_default(), p.side.as_str()))
        .collect();
    assert_eq!(sides, [("zmina", "a"), ("astra", "b")]);
    // Only coordinators see who opted in and what they said.
    let admin = app.signed_in_in_process(ADMIN).await;
    let coordinator_view = admin.get(&path).await.body;
    assert!(coordinator_view.contains("Hotline operation") && coordinator_view.contains("ZMINA"));
    let member_view = app
        .signed_in_in_process(ASTRA_MEMBER)
        .await
        .get(&path)
        .await
        .body;
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
    let admin = app.signed_in_in_process(ADMIN).await;
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
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let bridge_round = open_round(
        &coordinator,
        NewRound {
            title: "BRIDGE buddies",
            programme: "buddy",
            side_a: "XK",
            side_b: "RS",
            deadline: "2099-06-30",
            network: "bridge",
        },
    )
    .await;
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
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

async fn opt_in(app: &TestApp, who: &str, round: &str, fields: &[(&str, &str)]) {
    let c = app.signed_in_in_process(who).await;
    let r = c
        .post(&format!("/en/matching/{round}/opt-in"), fields)
        .await;
    assert_eq!(r.status, 303, "{who}: {}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_round_from_proposal_to_contacts() {
    let app = TestApp::start().await;
    let id = round_id(&app).await;
    let path = format!("/en/matching/{id}");
    opt_in(
        &app,
        ASTRA_ADMIN,
        &id,
        &[
            ("org", "astra"),
            ("offers", "hotline-operation"),
            ("needs", "digital-security"),
            ("languages", "sr"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ATINA_ADMIN,
        &id,
        &[
            ("org", "atina"),
            ("offers", "safe-houses"),
            ("offers", "trauma-care"),
            ("languages", "sr"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ZMINA_ADMIN,
        &id,
        &[
            ("org", "zmina"),
            ("offers", "evidence-preservation"),
            ("offers", "digital-security"),
            ("needs", "safe-houses"),
            ("languages", "uk"),
            ("languages", "en"),
            ("capacity", "1"),
            ("accepts_interpretation", "yes"),
        ],
    )
    .await;

    // The best pair: ZMINA gives ASTRA digital security in English (10) beats ZMINA ↔ Atina
    // through an interpreter (10 − 4).
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(admin.post(&format!("{path}/run"), &[]).await.status, 303);
    let proposals = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db");
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].score, 10);
    let page = admin.get(&path).await.body;
    assert!(
        page.contains("ZMINA Human Rights Centre → ASTRA – Anti Trafficking Action")
            || page.contains("→"),
        "why is shown"
    );
    assert!(page.contains("Digital security"));

    // The coordinator forbids it and runs again: now Atina, through an interpreter.
    let people = spona_store::matching::participants(&app.db, &id)
        .await
        .expect("db");
    let pid = |slug: &str| {
        people
            .iter()
            .find(|p| p.org_slug.as_deref() == Some(slug))
            .expect("participant")
            .id
            .clone()
    };
    let r = admin
        .post(
            &format!("{path}/constraints"),
            &[
                ("a", &pid("zmina")),
                ("b", &pid("astra")),
                ("kind", "forbid"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    admin.post(&format!("{path}/run"), &[]).await;
    let proposals = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db");
    assert_eq!(
        (
            proposals.len(),
            proposals[0].score,
            proposals[0].b_id.clone()
        ),
        (1, 6, pid("atina"))
    );
    assert!(admin.get(&path).await.body.contains("with an interpreter"));

    // Before publishing, the organisations see nothing; after, each sees its own proposal.
    let atina = app.signed_in_in_process(ATINA_ADMIN).await;
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert!(!atina.get(&path).await.body.contains("Proposed partners"));
    assert_eq!(
        admin.post(&format!("{path}/publish"), &[]).await.status,
        303
    );
    let seen = atina.get(&path).await.body;
    assert!(seen.contains("Proposed partners for your organisation") && seen.contains("ZMINA"));
    assert!(
        !seen.contains("contact details"),
        "no contacts before both accept"
    );
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    assert!(
        !astra.get(&path).await.body.contains("Proposed partners"),
        "others see no proposal"
    );
    // The API shows the same: each reader's own proposals, all of them to the coordinator.
    let api = format!("/api/v1/matching/rounds/{id}");
    assert_eq!(
        astra.get(&api).await.json()["proposals"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        atina.get(&api).await.json()["proposals"][0]["org_b"],
        "atina"
    );
    assert_eq!(
        admin.get(&api).await.json()["proposals"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let anon = app.client_in_process().get(&api).await;
    assert_eq!(
        (anon.status, anon.json()["error"].clone()),
        (401, serde_json::json!("sign_in_required"))
    );
    let answer = format!("{path}/proposals/{}/answer", proposals[0].id);
    assert_eq!(
        astra.post(&answer, &[("answer", "accept")]).await.status,
        404
    );

    // Both accept: each sees the other's contact details.
    assert_eq!(
        atina.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    assert!(
        !zmina
            .get(&path)
            .await
            .body
            .contains("info@atina.example.org")
    );
    assert_eq!(
        zmina.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    assert_eq!(
        zmina.post(&answer, &[("answer", "decline")]).await.status,
        400,
        "answered once"
    );
    let after = zmina.get(&path).await.body;
    assert!(
        after.contains("Your partner’s contact details")
            && after.contains("info@atina.example.org")
    );
    assert_eq!(app.audit_count("matching.accepted").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_compatible_pairs_changes_nothing() {
    let app = TestApp::start().await;
    let id = round_id(&app).await;
    // Two Serbian organisations, nobody on the Ukrainian side.
    opt_in(
        &app,
        ASTRA_ADMIN,
        &id,
        &[
            ("org", "astra"),
            ("offers", "advocacy"),
            ("languages", "sr"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ATINA_ADMIN,
        &id,
        &[
            ("org", "atina"),
            ("needs", "advocacy"),
            ("languages", "sr"),
            ("capacity", "1"),
        ],
    )
    .await;
    let admin = app.signed_in_in_process(ADMIN).await;
    let r = admin.post(&format!("/en/matching/{id}/run"), &[]).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("No compatible pairs"));
    let round = spona_store::matching::round(&app.db, &id)
        .await
        .expect("db");
    assert_eq!(round.status.as_str(), "open");
    assert!(
        spona_store::matching::proposals(&app.db, &id)
            .await
            .expect("db")
            .is_empty()
    );
    assert_eq!(
        admin
            .post(&format!("/en/matching/{id}/publish"), &[])
            .await
            .status,
        400
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buddies_show_on_their_pages_and_exports_are_safe() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ADMIN).await;
    let id = open_round(
        &admin,
        NewRound {
            programme: "buddy",
            ..NewRound::peer_exchange("Crisis buddies")
        },
    )
    .await;
    // An organisation whose name a spreadsheet would take for a formula.
    let evil = admin
        .post(
            "/en/orgs/new",
            &[("name", "=HYPERLINK(\"http://x\")"), ("country", "UA")],
        )
        .await;
    assert_eq!(evil.status, 303);
    let evil_slug = evil.location().rsplit('/').next().expect("slug").to_owned();
    let org = spona_store::orgs::get_by_slug(&app.db, &evil_slug)
        .await
        .expect("org");
    let zmina_admin = spona_store::users::find_by_email(&app.db, ZMINA_ADMIN)
        .await
        .expect("db")
        .expect("user");
    spona_store::users::set_membership(
        &app.db,
        &zmina_admin.id,
        &org.id,
        spona_domain::role::OrgRole::Admin,
    )
    .await
    .expect("db");
    opt_in(
        &app,
        ZMINA_ADMIN,
        &id,
        &[
            ("org", "zmina"),
            ("offers", "digital-security"),
            ("languages", "en"),
            ("capacity", "3"),
        ],
    )
    .await;
    opt_in(
        &app,
        ZMINA_ADMIN,
        &id,
        &[
            ("org", &evil_slug),
            ("offers", "wartime-media"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ASTRA_ADMIN,
        &id,
        &[
            ("org", "astra"),
            ("needs", "digital-security"),
            ("needs", "wartime-media"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ATINA_ADMIN,
        &id,
        &[
            ("org", "atina"),
            ("needs", "wartime-media"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    admin.post(&format!("/en/matching/{id}/run"), &[]).await;
    let proposals = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db");
    assert_eq!(
        proposals.len(),
        2,
        "buddies: one partner each, whatever capacity was typed"
    );
    // The export: CSV, formula neutralised.
    let (status, bytes, headers) = admin.bytes(&format!("/en/matching/{id}/export.csv")).await;
    assert_eq!(status, 200);
    assert!(
        headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let csv = String::from_utf8(bytes).expect("utf-8");
    assert!(csv.starts_with("side_a,side_b,score"));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",\"=HYPERLINK"));
    // Publish; ZMINA and ASTRA agree: each sees the other as its buddy, outsiders do not.
    admin.post(&format!("/en/matching/{id}/publish"), &[]).await;
    let people = spona_store::matching::participants(&app.db, &id)
        .await
        .expect("db");
    let zmina_pid = people
        .iter()
        .find(|p| p.org_slug.as_deref() == Some("zmina"))
        .expect("zmina")
        .id
        .clone();
    let pair = proposals
        .iter()
        .find(|p| p.a_id == zmina_pid)
        .expect("zmina's proposal");
    let answer = format!("/en/matching/{id}/proposals/{}/answer", pair.id);
    let astra_admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let partner_is_astra = people
        .iter()
        .any(|p| p.id == pair.b_id && p.org_slug.as_deref() == Some("astra"));
    let b_side = if partner_is_astra {
        astra_admin
    } else {
        app.signed_in_in_process(ATINA_ADMIN).await
    };
    assert_eq!(
        app.signed_in_in_process(ZMINA_ADMIN)
            .await
            .post(&answer, &[("answer", "accept")])
            .await
            .status,
        303
    );
    assert_eq!(
        b_side.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    let partner_slug = if partner_is_astra { "astra" } else { "atina" };
    let member_view = app
        .signed_in(ZMINA_ADMIN)
        .await
        .get("/en/orgs/zmina")
        .await
        .body;
    assert!(
        member_view.contains("Our buddy for crisis support")
            && member_view.contains(&format!("/en/orgs/{partner_slug}\""))
    );
    assert!(
        !app.client_in_process()
            .get("/en/orgs/zmina")
            .await
            .body
            .contains("Our buddy")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opting_in_after_the_deadline_is_refused() {
    let app = TestApp::start().await;
    let admin = spona_store::users::find_by_email(&app.db, ADMIN)
        .await
        .expect("db")
        .expect("admin");
    let spec = spona_domain::matching::RoundSpec {
        programme: spona_domain::matching::Programme::PeerExchange,
        title: "Last year's round".into(),
        titles: Vec::new(),
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into()],
        deadline: spona_store::now() - 60,
    };
    let id = spona_store::matching::create_round(&app.db, &spec, None, &admin.id)
        .await
        .expect("round");
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let page = astra.get(&format!("/en/matching/{id}")).await.body;
    assert!(page.contains("closed") && !page.contains("/opt-in\""));
    let r = astra
        .post(
            &format!("/en/matching/{id}/opt-in"),
            &[
                ("org", "astra"),
                ("offers", "advocacy"),
                ("languages", "sr"),
                ("capacity", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("no longer takes opt-ins"));
}
