//! Monitoring's implementation side (issue 21, lane monimpl): a participating CSO's signed
//! assessment beside the state's status, the disagreement marked, the history kept, the
//! signature verifying — and failing once the row is altered; a non-participant refused
//! with a message naming the reason; measures with indicators, a value out of range refused
//! naming the field and nothing saved.

use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};

use crate::harness::*;

/// Serbia's UPR recommendation `paragraph` of `cycle` (text abridged).
pub fn upr(cycle: &str, paragraph: &str, theme: &str) -> NewRecommendation {
    NewRecommendation {
        mechanism: Mechanism::Upr,
        body: Some("Human Rights Council".to_owned()),
        cycle: cycle.to_owned(),
        symbol: if cycle == "2" {
            "A/HRC/23/15"
        } else {
            "A/HRC/38/17"
        }
        .to_owned(),
        paragraph: paragraph.to_owned(),
        country: "RS".to_owned(),
        published_on: None,
        response: Some(Response::Supported),
        text_lang: "en".to_owned(),
        texts: vec![(
            "en".to_owned(),
            format!("Recommendation {paragraph} on {theme}"),
        )],
        states: vec!["NO".to_owned()],
        terms: vec![(TermKind::Theme, theme.to_owned())],
    }
}

pub async fn insert(app: &TestApp, r: &NewRecommendation) -> String {
    let mut tx = app.db.begin().await.expect("begin");
    let id = spona_store::monitoring::recommendations::insert_in(&mut tx, r)
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    id.to_string()
}

async fn org_id(app: &TestApp, slug: &str) -> String {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

#[tokio::test]
async fn a_cso_assessment_stands_beside_the_states_signed_and_kept_as_history() {
    let app = TestApp::start().await;
    let rec = insert(&app, &upr("2", "131.4", "human-rights-mechanisms")).await;
    let astra = org_id(&app, "astra").await;
    let zmina = org_id(&app, "zmina").await;
    let admin = app.signed_in(ADMIN).await;
    let page = format!("/en/monitoring/recommendations/{rec}/assessments");

    // Astra takes part; Zmina does not.
    let added = admin
        .post("/en/monitoring/participants", &[("org", "astra")])
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(app.audit_count("monitoring.participant_added").await, 1);
    let unknown = admin
        .post("/en/monitoring/participants", &[("org", "no-such-org")])
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);

    // The state's status, entered by a platform admin.
    let state = admin
        .post(
            &page,
            &[
                ("side", "state"),
                ("status", "implemented"),
                ("assessed_on", "2024-11-01"),
                ("comment", "The Council was established."),
                ("comment_lang", "en"),
                ("evidence", "https://example.org/state-report State report"),
            ],
        )
        .await;
    assert_eq!(state.status, 303, "{}", state.body);

    // Astra's admin assesses it differently, with evidence.
    let jelena = app.signed_in(ASTRA_ADMIN).await;
    let form = jelena.get(&page).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains(&format!("value=\"{astra}\"")),
        "Astra is a side: {}",
        form.body
    );
    assert!(
        !form.body.contains("value=\"state\""),
        "a CSO may not speak for the state"
    );
    let first = jelena
        .post(
            &page,
            &[
                ("side", &astra),
                ("status", "partially"),
                ("assessed_on", "2024-12-01"),
                ("comment", "The Council rarely meets."),
                ("comment_lang", "en"),
                ("evidence", "https://example.org/shadow Shadow report"),
            ],
        )
        .await;
    assert_eq!(first.status, 303, "{}", first.body);
    let shown = app.client().get(&page).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("≠ Differs from the state"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("class=\"disagree\""));
    assert!(shown.body.contains("Shadow report"));
    assert!(!shown.body.contains("Does not verify"), "{}", shown.body);

    // A second assessment supersedes the first: both stay, the new one is current.
    let second = jelena
        .post(
            &page,
            &[
                ("side", &astra),
                ("status", "regressed"),
                ("assessed_on", "2025-02-01"),
                ("comment", "It has not met since."),
            ],
        )
        .await;
    assert_eq!(second.status, 303, "{}", second.body);
    let json = app
        .client()
        .get(&format!(
            "/api/monitoring/recommendations/{rec}/assessments"
        ))
        .await;
    assert_eq!(json.status, 200, "{}", json.body);
    let j = json.json();
    assert_eq!(j["state_status"], "implemented");
    let items = j["items"].as_array().expect("items");
    assert_eq!(items.len(), 3, "{j}");
    let current: Vec<_> = items
        .iter()
        .filter(|a| a["superseded_at"].is_null())
        .collect();
    assert_eq!(current.len(), 2);
    let astra_now = current
        .iter()
        .find(|a| a["org_id"] == astra.as_str())
        .expect("astra");
    assert_eq!(astra_now["status"], "regressed");
    assert_eq!(astra_now["disagrees_with_state"], true);
    assert!(items.iter().all(|a| a["verified"] == true), "{j}");
    let old = items
        .iter()
        .find(|a| !a["superseded_at"].is_null())
        .expect("history");
    assert_eq!(old["status"], "partially");
    let text = astra_now["signed_text"].as_str().expect("text");
    assert!(
        text.contains(&format!("organisation {}:{astra}", astra.len())),
        "{text}"
    );
    assert!(text.contains("paragraph 5:131.4"), "{text}");
    // The key the row names is the deployment's published one.
    let doc = app
        .client()
        .get("/.well-known/spona-federation")
        .await
        .json();
    assert_eq!(astra_now["public_key"], doc["document"]["signing_key"]);
    let history = app.client().get(&page).await;
    assert!(
        history.body.contains("Earlier assessments"),
        "{}",
        history.body
    );
    assert!(history.body.contains("The Council rarely meets."));

    // Altering the stored row breaks its signature.
    let id = astra_now["id"].as_str().expect("id").to_owned();
    let db = &app.db;
    spona_store::on_db!(db, p => sqlx::query("UPDATE assessments SET status = 'implemented' WHERE id = $1")
        .bind(&id).execute(p).await.map(|r| r.rows_affected()))
    .expect("tamper");
    let j = app
        .client()
        .get(&format!(
            "/api/monitoring/recommendations/{rec}/assessments"
        ))
        .await
        .json();
    let tampered = j["items"]
        .as_array()
        .expect("test value")
        .iter()
        .find(|a| a["id"] == id.as_str())
        .cloned()
        .expect("test value");
    assert_eq!(tampered["verified"], false, "{j}");
    assert!(
        app.client()
            .get(&page)
            .await
            .body
            .contains("Does not verify")
    );

    // A non-participant organisation is refused, naming the reason; nothing is stored.
    let before = app.audit_count("monitoring.assessed").await;
    assert_eq!(before, 3);
    let oksana = app.signed_in(ZMINA_ADMIN).await;
    let refused = oksana
        .post(
            &page,
            &[
                ("side", &zmina),
                ("status", "implemented"),
                ("assessed_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("does not take part in monitoring"),
        "{}",
        refused.body
    );
    // A member who is not the organisation's admin may not sign for it.
    let milan = app.signed_in(ASTRA_MEMBER).await;
    let member = milan
        .post(
            &page,
            &[
                ("side", &astra),
                ("status", "implemented"),
                ("assessed_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(member.status, 403, "{}", member.body);
    // Nor may a CSO admin speak for the state.
    let as_state = jelena
        .post(
            &page,
            &[
                ("side", "state"),
                ("status", "implemented"),
                ("assessed_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(as_state.status, 403);
    // Bad input: a date in the future, no status, a broken evidence line.
    let bad = jelena
        .post(
            &page,
            &[
                ("side", &astra),
                ("assessed_on", "2999-01-01"),
                ("evidence", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("cannot be in the future"), "{}", bad.body);
    assert!(bad.body.contains("Choose a status"), "{}", bad.body);
    assert!(bad.body.contains("neither a web address"), "{}", bad.body);
    assert_eq!(app.audit_count("monitoring.assessed").await, before);
    // Removing a participant keeps its assessments.
    let removed = admin
        .post(&format!("/en/monitoring/participants/{astra}/remove"), &[])
        .await;
    assert_eq!(removed.status, 303);
    let j = app
        .client()
        .get(&format!(
            "/api/monitoring/recommendations/{rec}/assessments"
        ))
        .await
        .json();
    assert_eq!(j["items"].as_array().expect("test value").len(), 3);
    let again = jelena
        .post(
            &page,
            &[
                ("side", &astra),
                ("status", "implemented"),
                ("assessed_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(again.status, 422, "no longer a participant");
}

#[tokio::test]
async fn measures_take_indicators_and_refuse_a_value_out_of_range() {
    let app = TestApp::start().await;
    let rec = insert(&app, &upr("3", "6.21", "women-rights")).await;
    let admin = app.signed_in(ADMIN).await;
    let form = admin.get("/en/monitoring/measures/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let once = form.hidden("once");
    let created = admin
        .post(
            "/en/monitoring/measures/new",
            &[
                ("once", &once),
                ("title", "Adopt the second NAP 1325"),
                ("title_lang", "en"),
                ("institution", "Ministry of Defence"),
                ("deadline", "2020-12-31"),
                ("budget_line", "Razdeo 14"),
                ("status", "in-progress"),
                ("recommendations", "6.21"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let path = created.location();
    assert!(path.starts_with("/en/monitoring/measures/"), "{path}");
    let id = path
        .trim_start_matches("/en/monitoring/measures/")
        .split('?')
        .next()
        .expect("test value")
        .to_owned();
    // The same post again (a retry) makes no second measure.
    let replay = admin
        .post(
            "/en/monitoring/measures/new",
            &[
                ("once", &once),
                ("title", "Adopt the second NAP 1325"),
                ("title_lang", "en"),
                ("institution", "Ministry of Defence"),
                ("status", "in-progress"),
            ],
        )
        .await;
    assert_eq!(replay.status, 303);
    assert_eq!(
        spona_store::monitoring::measures::list(&app.db)
            .await
            .expect("test value")
            .len(),
        1
    );
    // A member may not create one; bad input names its fields.
    let milan = app.signed_in(ASTRA_MEMBER).await;
    assert_eq!(milan.get("/en/monitoring/measures/new").await.status, 403);
    let bad = admin
        .post(
            "/en/monitoring/measures/new",
            &[
                ("title", ""),
                ("title_lang", "en"),
                ("institution", "X"),
                ("deadline", "31.12.2020"),
                ("status", "done"),
                ("recommendations", "999.999"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Give the measure a title."));
    assert!(bad.body.contains("year-month-day"));
    assert!(bad.body.contains("names no recommendation"));

    let added = admin
        .post(
            &format!("/en/monitoring/measures/{id}/indicators"),
            &[
                ("name", "Women in peace missions"),
                ("unit", "%"),
                ("baseline", "10"),
                ("target", "30"),
                ("min_value", "0"),
                ("max_value", "100"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let inds = spona_store::monitoring::measures::indicators(&app.db, &id)
        .await
        .expect("test value");
    assert_eq!(inds.len(), 1);
    let ind = inds[0].id.to_string();
    let values = format!("/en/monitoring/measures/{id}/indicators/{ind}/values");

    let out = admin
        .post(
            &values,
            &[
                ("measured_on", "2024-12-31"),
                ("value", "150"),
                ("source", "Report"),
            ],
        )
        .await;
    assert_eq!(out.status, 422, "{}", out.body);
    assert!(
        out.body.contains("The value is outside the indicator"),
        "{}",
        out.body
    );
    assert!(
        out.body.contains("id=\"value\""),
        "the message sits at the value field"
    );
    let inds = spona_store::monitoring::measures::indicators(&app.db, &id)
        .await
        .expect("test value");
    assert!(inds[0].values.is_empty(), "nothing saved");
    let nan = admin
        .post(&values, &[("measured_on", "2024-12-31"), ("value", "many")])
        .await;
    assert_eq!(nan.status, 422);
    let ok = admin
        .post(&values, &[("measured_on", "2024-12-31"), ("value", "17,5")])
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let bad_ind = admin
        .post(
            &format!("/en/monitoring/measures/{id}/indicators"),
            &[
                ("name", "Range upside down"),
                ("min_value", "10"),
                ("max_value", "1"),
            ],
        )
        .await;
    assert_eq!(bad_ind.status, 422);

    let page = app
        .client()
        .get(&format!("/en/monitoring/measures/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("17.5"), "{}", page.body);
    assert!(page.body.contains("Overdue"));
    let j = app
        .client()
        .get(&format!("/api/monitoring/measures/{id}"))
        .await
        .json();
    assert_eq!(j["overdue"], true);
    assert_eq!(j["recommendations"][0]["id"], rec.as_str());
    assert_eq!(j["indicators"][0]["values"][0]["value"], 17.5);
    // Done: no longer overdue.
    let done = admin
        .post(
            &format!("/en/monitoring/measures/{id}/status"),
            &[("status", "done")],
        )
        .await;
    assert_eq!(done.status, 303);
    let list = app.client().get("/api/monitoring/measures").await.json();
    assert_eq!(list["items"][0]["overdue"], false);
    assert_eq!(app.audit_count("monitoring.indicator_value").await, 1);
}
