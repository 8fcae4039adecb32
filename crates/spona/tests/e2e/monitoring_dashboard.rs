//! The public dashboard (issue 21, lane monimpl): its numbers, page and JSON, against
//! counts made here from the rows themselves, whole and filtered; an unknown filter value
//! is 400; the charts are SVG images with a table beside each.

use std::collections::BTreeMap;

use spona_domain::monitoring::{EvidenceKind, MeasureStatus, Mechanism, Status};
use spona_store::monitoring::assessments::{self, Evidence, NewAssessment};
use spona_store::monitoring::measures::{self, NewMeasure};

use crate::harness::*;
use crate::monitoring_impl::{insert, upr};

async fn assess(app: &TestApp, rec: &str, org: Option<&str>, status: Status) {
    let mut tx = app.db.begin().await.expect("begin");
    let id = spona_store::new_id();
    assessments::insert_in(
        &mut tx,
        &NewAssessment {
            id: &id,
            recommendation_id: rec,
            org_id: org,
            status,
            assessed_on: "2025-01-01",
            comment: "",
            comment_lang: None,
            author_id: None,
            signature: "",
            created_at: spona_store::now(),
            evidence: &[Evidence {
                assessment_id: String::new(),
                kind: EvidenceKind::Link,
                target: "https://example.org".into(),
                label: String::new(),
            }],
        },
    )
    .await
    .expect("assess");
    tx.commit().await.expect("commit");
}

/// What the dashboard should say, counted here from the rows (no GROUP BY).
#[derive(Debug, Default, PartialEq)]
struct Expected {
    total: i64,
    state: BTreeMap<String, i64>,
    cso: BTreeMap<String, i64>,
    disagreements: i64,
}

async fn expected(
    app: &TestApp,
    mechanism: Option<&str>,
    cycle: Option<&str>,
    theme: Option<&str>,
) -> Expected {
    let db = &app.db;
    let recs: Vec<(String, String, String)> = spona_store::on_db!(db, p => sqlx::query_as(
        "SELECT id, mechanism, cycle FROM recommendations").fetch_all(p).await)
    .expect("recs");
    let themes: Vec<(String, String)> = spona_store::on_db!(db, p => sqlx::query_as(
        "SELECT recommendation_id, code FROM recommendation_terms WHERE kind = 'theme'")
        .fetch_all(p).await)
    .expect("terms");
    let rows: Vec<(String, Option<String>, String, Option<i64>)> =
        spona_store::on_db!(db, p => sqlx::query_as(
        "SELECT recommendation_id, org_id, status, superseded_at FROM assessments")
        .fetch_all(p).await)
        .expect("assessments");
    let mut e = Expected::default();
    for code in [
        "not-started",
        "partially",
        "implemented",
        "regressed",
        "none",
    ] {
        e.state.insert(code.into(), 0);
    }
    for s in Status::ALL {
        e.cso.insert(s.as_str().into(), 0);
    }
    for (id, m, c) in &recs {
        if mechanism.is_some_and(|x| x != m) || cycle.is_some_and(|x| x != c) {
            continue;
        }
        if theme.is_some_and(|t| !themes.iter().any(|(r, code)| r == id && code == t)) {
            continue;
        }
        e.total += 1;
        let current: Vec<_> = rows
            .iter()
            .filter(|r| &r.0 == id && r.3.is_none())
            .collect();
        let state = current.iter().find(|r| r.1.is_none()).map(|r| r.2.clone());
        *e.state
            .get_mut(state.as_deref().unwrap_or("none"))
            .expect("counted") += 1;
        let mut differs = false;
        for r in current.iter().filter(|r| r.1.is_some()) {
            *e.cso.get_mut(&r.2).expect("counted") += 1;
            if state.as_ref().is_some_and(|s| *s != r.2) {
                differs = true;
            }
        }
        e.disagreements += i64::from(differs);
    }
    e
}

fn from_json(j: &serde_json::Value) -> Expected {
    let map = |v: &serde_json::Value| -> BTreeMap<String, i64> {
        v.as_object()
            .expect("counted")
            .iter()
            .map(|(k, n)| (k.clone(), n.as_i64().expect("counted")))
            .collect()
    };
    Expected {
        total: j["total"].as_i64().expect("counted"),
        state: map(&j["state_status"]),
        cso: map(&j["cso_assessments"]),
        disagreements: j["disagreements"].as_i64().expect("counted"),
    }
}

#[tokio::test]
async fn the_dashboards_numbers_match_a_direct_count() {
    let app = TestApp::start().await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("counted")
        .id
        .to_string();
    let zmina = spona_store::orgs::get_by_slug(&app.db, "zmina")
        .await
        .expect("counted")
        .id
        .to_string();
    let themes = ["women-rights", "torture", "human-rights-mechanisms"];
    let statuses = Status::ALL;
    let mut recs = Vec::new();
    for i in 0..30 {
        let cycle = if i % 2 == 0 { "2" } else { "3" };
        let mut r = upr(cycle, &format!("{}.{i}", 100 + i % 7), themes[i % 3]);
        if i % 5 == 0 {
            r.mechanism = Mechanism::Nap1325;
            r.cycle = String::new();
        }
        let id = insert(&app, &r).await;
        if i % 4 != 0 {
            assess(&app, &id, None, statuses[i % 4]).await;
        }
        if i % 3 != 0 {
            assess(&app, &id, Some(&astra), statuses[(i + 1) % 4]).await;
        }
        if i % 6 == 1 {
            // A superseded one, then the current one.
            assess(&app, &id, Some(&zmina), Status::Regressed).await;
            assess(&app, &id, Some(&zmina), statuses[i % 4]).await;
        }
        recs.push(id);
    }
    // Measures: one overdue (Ministry of Justice), one done and past its deadline, one ahead.
    let mut tx = app.db.begin().await.expect("counted");
    for (title, inst, deadline, status, rec) in [
        (
            "Late law",
            "Ministry of Justice",
            "2001-01-01",
            MeasureStatus::InProgress,
            1,
        ),
        (
            "Done law",
            "Ministry of Justice",
            "2001-01-01",
            MeasureStatus::Done,
            3,
        ),
        (
            "Future plan",
            "Government",
            "2999-01-01",
            MeasureStatus::Planned,
            5,
        ),
    ] {
        measures::insert_in(
            &mut tx,
            &NewMeasure {
                title: title.into(),
                title_lang: "en".into(),
                institution: inst.into(),
                deadline: Some(deadline.into()),
                budget_line: None,
                status,
                recommendation_ids: vec![recs[rec].clone()],
            },
            None,
            None,
        )
        .await
        .expect("counted");
    }
    tx.commit().await.expect("counted");

    let anon = app.client();
    for (q, m, c, t) in [
        ("", None, None, None),
        ("?mechanism=upr", Some("upr"), None, None),
        ("?mechanism=upr&cycle=3", Some("upr"), Some("3"), None),
        ("?theme=torture", None, None, Some("torture")),
        (
            "?mechanism=nap-1325&theme=women-rights",
            Some("nap-1325"),
            None,
            Some("women-rights"),
        ),
    ] {
        let j = anon.get(&format!("/api/monitoring/dashboard{q}")).await;
        assert_eq!(j.status, 200, "{q}: {}", j.body);
        let j = j.json();
        let want = expected(&app, m, c, t).await;
        assert_eq!(from_json(&j), want, "{q}");
        assert!(want.total > 0, "{q}: the fixture selects something");
        let page = anon.get(&format!("/en/monitoring/dashboard{q}")).await;
        assert_eq!(page.status, 200, "{q}");
        assert!(
            page.body.contains(&format!("id=\"total\">{}<", want.total)),
            "{q}: {}",
            page.body
        );
        assert!(page.body.contains("id=\"disagreements\">"), "{q}");
    }
    let j = anon.get("/api/monitoring/dashboard").await.json();
    assert_eq!(j["overdue_measures"], 1);
    assert_eq!(j["overdue"][0]["title"], "Late law");
    let inst = j["institutions"].as_array().expect("counted");
    let justice = inst
        .iter()
        .find(|i| i["institution"] == "Ministry of Justice")
        .expect("counted");
    assert_eq!(
        (justice["measures"].as_i64(), justice["overdue"].as_i64()),
        (Some(2), Some(1))
    );
    // Filtered by institution: the recommendations its measures implement.
    let j = anon
        .get("/api/monitoring/dashboard?institution=Ministry+of+Justice")
        .await
        .json();
    assert_eq!(j["total"], 2);

    // The page: SVG images with titles, a table beside each, in every locale.
    let page = anon.get("/en/monitoring/dashboard").await;
    assert!(page.body.contains("<svg"), "{}", page.body);
    assert!(page.body.contains("role=\"img\""));
    assert!(page.body.contains("id=\"table-mechanism\""));
    assert!(page.body.contains("id=\"table-cso\""));
    assert!(page.body.contains("id=\"table-institution\""));
    assert!(!page.body.contains("<script"));
    for lang in ["sr-Cyrl", "sr-Latn", "uk"] {
        let p = anon
            .get(&format!("/{lang}/monitoring/dashboard?mechanism=upr"))
            .await;
        assert_eq!(p.status, 200, "{lang}");
        assert!(!p.body.contains("mon-dash-"), "{lang}: an untranslated id");
    }
    assert!(
        anon.get("/uk/monitoring/dashboard")
            .await
            .body
            .contains("Панель моніторингу")
    );

    // An unknown mechanism is refused.
    assert_eq!(
        anon.get("/api/monitoring/dashboard?mechanism=astrology")
            .await
            .status,
        400
    );
    assert_eq!(
        anon.get("/en/monitoring/dashboard?mechanism=astrology")
            .await
            .status,
        400
    );
}

async fn grow(app: &TestApp, from: usize, to: usize, astra: &str) -> (String, String) {
    let mut first = (String::new(), String::new());
    for i in from..to {
        let rec = insert(app, &upr("3", &format!("6.{i}"), "torture")).await;
        assess(app, &rec, None, Status::Implemented).await;
        assess(app, &rec, Some(astra), Status::Partially).await;
        assess(app, &rec, Some(astra), Status::Regressed).await;
        let mut tx = app.db.begin().await.expect("counted");
        let m = measures::insert_in(
            &mut tx,
            &NewMeasure {
                title: format!("Measure {i}"),
                title_lang: "en".into(),
                institution: format!("Institution {}", i % 3),
                deadline: Some("2001-01-01".into()),
                budget_line: None,
                status: MeasureStatus::Planned,
                recommendation_ids: vec![rec.clone()],
            },
            None,
            None,
        )
        .await
        .expect("counted");
        let ind = measures::insert_indicator_in(
            &mut tx,
            m.as_str(),
            &measures::NewIndicator {
                name: format!("Indicator {i}"),
                unit: String::new(),
                baseline: None,
                target: None,
                min_value: None,
                max_value: None,
                due_on: None,
            },
        )
        .await
        .expect("counted");
        measures::set_value_in(&mut tx, ind.as_str(), "2024-01-01", i as f64, "", None)
            .await
            .expect("counted");
        tx.commit().await.expect("counted");
        if i == from {
            first = (rec, m.to_string());
        }
    }
    first
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_per_monitoring_page_do_not_grow_with_the_rows() {
    let app = TestApp::start().await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("counted")
        .id
        .to_string();
    let (rec, measure) = grow(&app, 0, 2, &astra).await;
    // In process: over a socket the handlers run in the server's tasks, where no statement
    // is counted (every count was 0).
    let anon = app.client_in_process();
    let pages = [
        "/en/monitoring/measures".to_owned(),
        format!("/en/monitoring/measures/{measure}"),
        format!("/en/monitoring/recommendations/{rec}/assessments"),
        "/en/monitoring/dashboard".to_owned(),
        "/api/monitoring/dashboard?theme=torture".to_owned(),
        "/api/monitoring/measures".to_owned(),
    ];
    let mut few = Vec::new();
    for p in &pages {
        assert_eq!(anon.get(p).await.status, 200, "{p}");
        let (r, n) = queries::statements(anon.get(p)).await;
        assert_eq!(r.status, 200, "{p}");
        few.push(n.len());
    }
    grow(&app, 2, 22, &astra).await;
    for (p, before) in pages.iter().zip(few) {
        // The first request after a change rebuilds the dashboard's summary (its own
        // statements, a fixed number: `monitoring_cube`); counted here is the request after.
        assert_eq!(anon.get(p).await.status, 200, "{p}");
        let (r, n) = queries::statements(anon.get(p)).await;
        assert_eq!(r.status, 200, "{p}");
        assert_eq!(n.len(), before, "{p} grew: {n:?}");
    }
}
