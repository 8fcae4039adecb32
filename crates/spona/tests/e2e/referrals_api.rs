//! The referrals JSON API (issue 19) on both databases: a case worker's list with its
//! filters, one referral, and the changes as JSON POSTs under the pages' rules — consent
//! required, only the fields the service asks for, only the right side acts, CSRF and
//! session as for every unsafe request, 404 for everyone but the two sides' case workers.

use serde_json::json;
use spona_domain::referral::Answer;

use crate::harness::*;
use crate::referrals::{
    ATINA_WORKER, PVPT_ADMIN, PVPT_WORKER, World, ZMINA_WORKER, answer_as_pvpt, draft, refer, world,
};

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
    let (n,): (i64,) = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(sql).fetch_one(p).await.expect("count"),
        spona_store::Db::Postgres(p) => sqlx::query_as(sql).fetch_one(p).await.expect("count"),
    };
    n
}

/// A new referral's body, as a client sends it: the safe house asks for these five fields.
pub(crate) fn new_referral(w: &World, pseudonym: &str) -> serde_json::Value {
    json!({
        "service": w.shelter,
        "person": [
            {"field": "first-name", "value": pseudonym},
            {"field": "age-band", "value": "25-39"},
            {"field": "gender", "value": "female"},
            {"field": "language", "value": "sr"},
            {"field": "urgency", "value": "routine"}
        ],
        "reason": "Needs a safe place to stay across the line",
        "consent": {
            "share": ["first-name", "age-band", "gender", "language", "urgency"],
            "purpose": "Safe accommodation",
            "until": "2099-12-31",
            "how": "verbal",
            "witness": "Second case worker",
            "channel": "through-worker"
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_workers_refer_answer_and_close_through_the_api() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let atina = app.signed_in_in_process(ATINA_WORKER).await;
    let pvpt = app.signed_in_in_process(PVPT_WORKER).await;
    let (at, pt) = (atina.csrf().await, pvpt.csrf().await);

    // A referral made through the API.
    let r = atina
        .post_json(
            "/api/v1/referrals",
            &new_referral(&w, "Api Fictitious"),
            Some(at.as_str()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(r.json()["status"], "sent");
    // And one made on the page's use case: the list holds both, each side sees its direction.
    let other = refer(&app, &w, &draft(&w, "Page Fictitious")).await;
    answer_as_pvpt(&app, &other, Answer::Decline, "No room this month").await;
    let list = atina.get("/api/v1/referrals").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let items = list.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i["direction"] == "sent"));
    assert!(
        !list.body.contains("Fictitious"),
        "nothing of the person in the list"
    );
    let received = pvpt
        .get("/api/v1/referrals?direction=received&status=sent")
        .await;
    let items = received.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 1, "{}", received.body);
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["from"]["slug"], "atina");
    for q in [
        "direction=sent",
        "status=declined&direction=received",
        "urgent=true",
    ] {
        let r = pvpt.get(&format!("/api/v1/referrals?{q}")).await;
        let n = r.json()["items"].as_array().expect("items").len();
        let want = usize::from(q.starts_with("status=declined"));
        assert_eq!(n, want, "{q}: {}", r.body);
    }
    for bad in ["direction=up", "status=lost", "urgent=perhaps", "status="] {
        let r = pvpt.get(&format!("/api/v1/referrals?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
        assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
    }

    // The receiving side reads it (a custody entry) and answers.
    let one = pvpt.get(&format!("/api/v1/referrals/{id}")).await;
    assert_eq!(one.status, 200, "{}", one.body);
    let body = one.json();
    assert_eq!(body["direction"], "received");
    assert!(
        body["person"]
            .as_array()
            .expect("person")
            .iter()
            .any(|f| f["value"] == "Api Fictitious")
    );
    assert_eq!(body["custody"]["intact"], true);
    let ask = |a: &str, note: &str| json!({"answer": a, "note": note});
    // The referring side may not answer (403); the receiving side may, once.
    let r = atina
        .post_json(
            &format!("/api/v1/referrals/{id}/answer"),
            &ask("accept", ""),
            Some(at.as_str()),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/answer"),
            &ask("more-info", ""),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(
        r.status, 422,
        "more information needs a question: {}",
        r.body
    );
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/answer"),
            &ask("more-info", "Does she need interpretation?"),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["status"].clone()),
        (200, json!("more-info"))
    );
    let r = atina
        .post_json(
            &format!("/api/v1/referrals/{id}/note"),
            &json!({"body": "Yes, Serbian–Albanian"}),
            Some(at.as_str()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/answer"),
            &ask("accept", ""),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(r.json()["status"], "accepted", "{}", r.body);
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/answer"),
            &ask("decline", "changed our mind"),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(r.status, 409, "a second answer: {}", r.body);
    assert_eq!(r.json()["error"], "referral_answered");
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/outcome"),
            &json!({"outcome": "lost-in-space"}),
            Some(pt.as_str()),
        )
        .await;
    assert!(
        matches!(r.status, 400 | 422),
        "an unknown outcome: {}",
        r.body
    );
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/outcome"),
            &json!({"outcome": "service-provided", "note": "Stayed three weeks", "shared": true}),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(r.json()["status"], "closed", "{}", r.body);

    // Withdrawal: the referring side only; afterwards the receiving side sees nobody.
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/withdraw"),
            &json!({}),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = atina
        .post_json(
            &format!("/api/v1/referrals/{id}/withdraw"),
            &json!({}),
            Some(at.as_str()),
        )
        .await;
    assert_eq!(r.json()["status"], "withdrawn", "{}", r.body);
    let there = pvpt.get(&format!("/api/v1/referrals/{id}")).await.json();
    assert_eq!(there["person"], json!([]));
    assert_eq!(there["reason"], "");
    assert!(there["consent"].is_null());
    let r = pvpt
        .post_json(
            &format!("/api/v1/referrals/{id}/note"),
            &json!({"body": "after"}),
            Some(pt.as_str()),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    let (chain, intact) = spona_app::referrals::custody(
        &crate::referrals::actor(&app, ATINA_WORKER).await,
        &app.db,
        app.vault(),
        &id,
    )
    .await
    .expect("custody");
    assert!(intact);
    let actions: Vec<&str> = chain.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "create",
        "view",
        "more-info",
        "note",
        "accept",
        "outcome",
        "consent-withdrawn",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_api_referrals_are_refused_with_nothing_stored() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let atina = app.signed_in_in_process(ATINA_WORKER).await;
    let at = atina.csrf().await;
    let post = |body: serde_json::Value| {
        let atina = atina.clone();
        let at = at.clone();
        async move {
            atina
                .post_json("/api/v1/referrals", &body, Some(at.as_str()))
                .await
        }
    };
    // No consent (and no override reason).
    let mut b = new_referral(&w, "X");
    b.as_object_mut().expect("object").remove("consent");
    let r = post(b).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["error"], "referral_no_consent");
    // A field the service does not ask for.
    let mut b = new_referral(&w, "X");
    b["person"]
        .as_array_mut()
        .expect("person")
        .push(json!({"field": "needs", "value": "Everything"}));
    let r = post(b).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.json()["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .any(|f| f["error"] == "referral_not_asked"
                && !f["message"].as_str().unwrap_or("").is_empty()),
        "{}",
        r.body
    );
    // Consent that does not cover a field sent.
    let mut b = new_referral(&w, "X");
    b["consent"]["share"] = json!(["first-name"]);
    assert_eq!(post(b).await.status, 422);
    // Expired consent, an unknown way of consenting, an unknown key, a closed service.
    let mut b = new_referral(&w, "X");
    b["consent"]["until"] = json!("2020-01-01");
    assert_eq!(post(b).await.status, 422);
    let mut b = new_referral(&w, "X");
    b["consent"]["how"] = json!("telepathy");
    assert!(matches!(post(b).await.status, 400 | 422));
    let mut b = new_referral(&w, "X");
    b["address"] = json!("Somewhere 1");
    assert!(matches!(post(b).await.status, 400 | 422));
    let mut b = new_referral(&w, "X");
    b["service"] = json!(w.closed);
    assert_eq!(post(b).await.status, 409);
    // Not JSON at all.
    let r = atina
        .post_raw(
            "/api/v1/referrals",
            &[("csrf", &at), ("service", &w.shelter)],
        )
        .await;
    assert!(matches!(r.status, 400 | 415 | 422), "{}", r.body);
    // Without the CSRF token, or with another session's: refused before anything is read.
    let r = atina
        .post_json("/api/v1/referrals", &new_referral(&w, "X"), None)
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = atina
        .post_json(
            "/api/v1/referrals",
            &new_referral(&w, "X"),
            Some("0".repeat(64).as_str()),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(count(&app, "referrals").await, 0);
    assert_eq!(count(&app, "referral_custody").await, 0);
    assert_eq!(app.audit_count("referral.created").await, 0);
    // The rest of the JSON API stays read-only.
    let r = atina
        .post_json("/api/v1/orgs", &json!({}), Some(at.as_str()))
        .await;
    assert_eq!(r.status, 405);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outsiders_learn_nothing_from_the_api() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let id = refer(&app, &w, &draft(&w, "Quiet Fictitious")).await;
    let anon = app.client_in_process();
    assert_eq!(anon.get("/api/v1/referrals").await.status, 401);
    assert_eq!(
        anon.get(&format!("/api/v1/referrals/{id}")).await.status,
        401
    );
    for outsider in [ZMINA_WORKER, PVPT_ADMIN, ADMIN, ATINA_ADMIN, ASTRA_MEMBER] {
        let c = app.signed_in_in_process(outsider).await;
        let t = c.csrf().await;
        let list = c.get("/api/v1/referrals").await;
        if outsider == ZMINA_WORKER {
            // A case worker elsewhere: a list, without this referral.
            assert_eq!(list.status, 200, "{}", list.body);
            assert!(!list.body.contains(&id));
        } else {
            assert_eq!(list.status, 404, "{outsider}");
        }
        for path in [
            format!("/api/v1/referrals/{id}"),
            "/api/v1/referrals/no-such-referral".to_owned(),
        ] {
            let r = c.get(&path).await;
            assert_eq!(r.status, 404, "{outsider} {path}");
        }
        for (action, body) in [
            ("answer", json!({"answer": "accept"})),
            ("note", json!({"body": "hello"})),
            ("outcome", json!({"outcome": "other"})),
            ("withdraw", json!({})),
        ] {
            let r = c
                .post_json(
                    &format!("/api/v1/referrals/{id}/{action}"),
                    &body,
                    Some(t.as_str()),
                )
                .await;
            assert_eq!(r.status, 404, "{outsider} {action}: {}", r.body);
        }
    }
    let doc = anon.get("/api/v1/openapi.json").await.json();
    let answer = &doc["paths"]["/api/v1/referrals/{id}/answer"]["post"];
    assert!(answer["responses"]["404"].is_object() && answer["responses"]["422"].is_object());
    assert_eq!(
        doc["components"]["schemas"]["AnswerCode"]["enum"],
        json!(["accept", "more-info", "decline"])
    );
}
