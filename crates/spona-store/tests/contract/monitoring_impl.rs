//! Monitoring's implementation side (lane monimpl): measures with their recommendations,
//! indicators and their values (a second value of a date corrects the first), assessments
//! (a new one supersedes its side's current one; the history keeps both; evidence in
//! order) and the dashboard's GROUP BY counts against a count made here row by row.

use spona_domain::monitoring::{EvidenceKind, MeasureStatus, Status};
use spona_store::monitoring::assessments::{self, Evidence, NewAssessment};
use spona_store::monitoring::dashboard::{self, Filter};
use spona_store::monitoring::measures::{self, NewIndicator, NewMeasure};
use spona_store::monitoring::recommendations;

use super::*;
use crate::monitoring::upr_131_4;

fn measure(title: &str, institution: &str, deadline: &str, recs: Vec<String>) -> NewMeasure {
    NewMeasure {
        title: title.to_owned(),
        title_lang: "en".to_owned(),
        institution: institution.to_owned(),
        deadline: Some(deadline.to_owned()),
        budget_line: None,
        status: MeasureStatus::InProgress,
        recommendation_ids: recs,
    }
}

async fn assess(db: &Db, id: &str, rec: &str, org: Option<&str>, status: Status, at: i64) {
    let mut tx = db.begin().await.expect("begin");
    let ev = [Evidence {
        assessment_id: String::new(),
        kind: EvidenceKind::Link,
        target: "https://example.org/r".to_owned(),
        label: "Report".to_owned(),
    }];
    assessments::insert_in(
        &mut tx,
        &NewAssessment {
            id,
            recommendation_id: rec,
            org_id: org,
            status,
            assessed_on: "2025-01-01",
            comment: "",
            comment_lang: None,
            author_id: None,
            signature: "ed25519:x:y",
            created_at: at,
            evidence: &ev,
        },
    )
    .await
    .expect("assess");
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measures_indicators_and_values_read_back() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let mut tx = db.begin().await.expect("begin");
        let rec = recommendations::insert_in(&mut tx, &upr_131_4())
            .await
            .expect("rec");
        let m = measures::insert_in(
            &mut tx,
            &measure(
                "Council meets",
                "Government",
                "2020-01-01",
                vec![rec.to_string()],
            ),
            None,
            None,
        )
        .await
        .expect("measure");
        let ind = measures::insert_indicator_in(
            &mut tx,
            m.as_str(),
            &NewIndicator {
                name: "Sessions".into(),
                unit: "".into(),
                baseline: Some(0.0),
                target: Some(4.0),
                min_value: Some(0.0),
                max_value: Some(12.0),
                due_on: None,
            },
        )
        .await
        .expect("indicator");
        measures::set_value_in(&mut tx, ind.as_str(), "2024-12-31", 1.0, "report", None)
            .await
            .expect("value");
        measures::set_value_in(&mut tx, ind.as_str(), "2024-12-31", 2.0, "corrected", None)
            .await
            .expect("value again");
        measures::set_value_in(&mut tx, ind.as_str(), "2023-12-31", 0.0, "", None)
            .await
            .expect("value 2023");
        tx.commit().await.expect("commit");

        let list = measures::list(&db).await.expect("list");
        assert_eq!(list.len(), 1, "{kind}");
        assert_eq!(list[0].recommendations.len(), 1, "{kind}");
        assert_eq!(list[0].recommendations[0].paragraph, "131.4", "{kind}");
        let got = measures::get(&db, m.as_str())
            .await
            .expect("get")
            .expect("some");
        assert_eq!(got.status, MeasureStatus::InProgress, "{kind}");
        let inds = measures::indicators(&db, m.as_str()).await.expect("inds");
        assert_eq!(inds.len(), 1, "{kind}");
        let values: Vec<(String, f64, String)> = inds[0]
            .values
            .iter()
            .map(|v| (v.measured_on.clone(), v.value, v.source.clone()))
            .collect();
        assert_eq!(
            values,
            [
                ("2023-12-31".to_owned(), 0.0, String::new()),
                ("2024-12-31".to_owned(), 2.0, "corrected".to_owned())
            ],
            "{kind}"
        );
        assert_eq!(
            measures::resolve_recommendation(&db, "131.4")
                .await
                .expect("resolve"),
            [rec.to_string()],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            measures::set_status_in(&mut tx, m.as_str(), MeasureStatus::Done)
                .await
                .expect("s")
        );
        assert!(
            !measures::set_status_in(&mut tx, "nope", MeasureStatus::Done)
                .await
                .expect("s")
        );
        tx.commit().await.expect("commit");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_assessment_supersedes_its_sides_current_one() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let mut tx = db.begin().await.expect("begin");
        let rec = recommendations::insert_in(&mut tx, &upr_131_4())
            .await
            .expect("rec");
        tx.commit().await.expect("commit");
        let rec = rec.to_string();
        assess(&db, "a1", &rec, None, Status::Implemented, 10).await;
        assess(&db, "a2", &rec, Some(&astra), Status::Partially, 11).await;
        assess(&db, "a3", &rec, Some(&astra), Status::Regressed, 12).await;
        let history = assessments::history(&db, &rec).await.expect("history");
        let ids: Vec<&str> = history.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a3", "a2"], "{kind}");
        assert_eq!(history[2].superseded_at, Some(12), "{kind}");
        assert_eq!(history[1].org_name.as_deref(), Some("Astra"), "{kind}");
        assert_eq!(history[1].evidence.len(), 1, "{kind}");
        let current = assessments::current(&db, &rec).await.expect("current");
        let cur: Vec<(&str, Status)> = current.iter().map(|a| (a.id.as_str(), a.status)).collect();
        assert_eq!(
            cur,
            [("a1", Status::Implemented), ("a3", Status::Regressed)],
            "{kind}"
        );
        let one = assessments::get(&db, "a3")
            .await
            .expect("get")
            .expect("some");
        assert_eq!(one.evidence[0].label, "Report", "{kind}");
        assert_eq!(
            assessments::all_ids(&db).await.expect("ids"),
            ["a1", "a2", "a3"],
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboards_counts_match_a_count_by_hand() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let mut recs = Vec::new();
        let mut tx = db.begin().await.expect("begin");
        for i in 0..12 {
            let mut r = upr_131_4();
            r.paragraph = format!("131.{i}");
            r.cycle = if i < 8 { "2".into() } else { "3".into() };
            if i % 3 == 0 {
                r.mechanism = spona_domain::monitoring::Mechanism::Nap1325;
            }
            recs.push(
                recommendations::insert_in(&mut tx, &r)
                    .await
                    .expect("rec")
                    .to_string(),
            );
        }
        measures::insert_in(
            &mut tx,
            &measure("Late", "Ministry", "2000-01-01", vec![recs[1].clone()]),
            None,
            None,
        )
        .await
        .expect("m1");
        measures::insert_in(
            &mut tx,
            &measure("Later", "Ministry", "2999-01-01", vec![recs[2].clone()]),
            None,
            None,
        )
        .await
        .expect("m2");
        tx.commit().await.expect("commit");
        // The state: implemented for 0..4, partially for 4..6; Astra: partially for 0..6.
        for (i, r) in recs.iter().enumerate().take(6) {
            let s = if i < 4 {
                Status::Implemented
            } else {
                Status::Partially
            };
            assess(&db, &format!("s{i}"), r, None, s, 1).await;
            assess(&db, &format!("c{i}"), r, Some(&astra), Status::Partially, 2).await;
        }
        let c = dashboard::counts(&db, &Filter::default(), "2025-06-01")
            .await
            .expect("counts");
        let total: i64 = c.by_cycle.iter().map(|b| b.n).sum();
        assert_eq!(total, 12, "{kind}");
        let none: i64 = c
            .by_cycle
            .iter()
            .filter(|b| b.state_status == "none")
            .map(|b| b.n)
            .sum();
        assert_eq!(none, 6, "{kind}");
        let implemented: i64 = c
            .by_cycle
            .iter()
            .filter(|b| b.state_status == "implemented")
            .map(|b| b.n)
            .sum();
        assert_eq!(implemented, 4, "{kind}");
        // Disagreements: the four the state calls implemented and Astra partially.
        let dis: i64 = c.disagreements.iter().map(|d| d.n).sum();
        assert_eq!(dis, 4, "{kind}");
        let cso: i64 = c.cso.iter().map(|d| d.n).sum();
        assert_eq!(cso, 6, "{kind}");
        assert_eq!(c.institutions.len(), 1, "{kind}");
        assert_eq!(
            (c.institutions[0].measures, c.institutions[0].overdue),
            (2, 1),
            "{kind}"
        );
        assert_eq!(c.overdue.len(), 1, "{kind}");
        assert_eq!(c.overdue[0].title, "Late", "{kind}");
        // Filtered: NAP 1325 is 0, 3, 6, 9; the state implemented 0 and 3.
        let f = Filter {
            mechanism: Some("nap-1325".into()),
            ..Default::default()
        };
        let c = dashboard::counts(&db, &f, "2025-06-01")
            .await
            .expect("counts");
        let total: i64 = c.by_cycle.iter().map(|b| b.n).sum();
        assert_eq!(total, 4, "{kind}");
        assert!(
            c.institutions.is_empty(),
            "{kind}: no measure implements NAP ones"
        );
        let f = Filter {
            cycle: Some("3".into()),
            ..Default::default()
        };
        let c = dashboard::counts(&db, &f, "2025-06-01")
            .await
            .expect("counts");
        assert_eq!(c.by_cycle.iter().map(|b| b.n).sum::<i64>(), 4, "{kind}");
        let f = Filter {
            institution: Some("Ministry".into()),
            ..Default::default()
        };
        let c = dashboard::counts(&db, &f, "2025-06-01")
            .await
            .expect("counts");
        assert_eq!(c.by_cycle.iter().map(|b| b.n).sum::<i64>(), 2, "{kind}");
        let f = Filter {
            theme: Some("human-rights-mechanisms".into()),
            ..Default::default()
        };
        let c = dashboard::counts(&db, &f, "2025-06-01")
            .await
            .expect("counts");
        assert_eq!(c.by_theme.iter().map(|b| b.n).sum::<i64>(), 12, "{kind}");
    }
}
