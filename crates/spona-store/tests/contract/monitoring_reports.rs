//! What a shadow report reads (`monitoring::report_data`): the selection's criteria combine
//! with AND and the listed ids with OR; the load gives texts, states, the state's and the
//! participants' current assessments only (no superseded one, no outsider's) with their
//! evidence in order, in a fixed number of queries; participants come with their names; the
//! form's choices are the values stored.

use spona_domain::monitoring::{EvidenceKind, Mechanism, NewRecommendation, Status, TermKind};
use spona_store::monitoring::report_data::{self, Selection};
use spona_store::monitoring::{participants, recommendations};

use super::monitoring::upr_131_4;
use super::*;

fn other(paragraph: &str, cycle: &str, theme: &str) -> NewRecommendation {
    NewRecommendation {
        paragraph: paragraph.to_owned(),
        cycle: cycle.to_owned(),
        texts: vec![("en".to_owned(), format!("Recommendation {paragraph}"))],
        terms: vec![(TermKind::Theme, theme.to_owned())],
        ..upr_131_4()
    }
}

async fn assessment(db: &Db, id: &str, rec: &str, org: Option<&str>, superseded: Option<i64>) {
    spona_store::on_db!(db, p => sqlx::query(
        "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, comment, \
         created_at, superseded_at) VALUES ($1, $2, $3, 'partially', '2026-01-02', $1, 0, $4)")
        .bind(id).bind(rec).bind(org).bind(superseded).execute(p).await.map(|r| r.rows_affected()))
    .expect("assessment");
}

async fn evidence(db: &Db, assessment: &str, position: i64, target: &str) {
    spona_store::on_db!(db, p => sqlx::query(
        "INSERT INTO assessment_evidence (assessment_id, position, kind, target, label) \
         VALUES ($1, $2, 'link', $3, '')")
        .bind(assessment).bind(position).bind(target).execute(p).await.map(|r| r.rows_affected()))
    .expect("evidence");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_reads_the_chosen_recommendations_with_current_assessments() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Астра").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let mut tx = db.begin().await.expect("begin");
        let r4 = recommendations::insert_in(&mut tx, &upr_131_4())
            .await
            .expect("131.4")
            .to_string();
        let r12 = recommendations::insert_in(&mut tx, &other("131.12", "2", "trafficking"))
            .await
            .expect("131.12")
            .to_string();
        let r3 = recommendations::insert_in(&mut tx, &other("133.1", "3", "women"))
            .await
            .expect("133.1")
            .to_string();
        participants::add_in(&mut tx, &astra, None)
            .await
            .expect("participant");
        tx.commit().await.expect("commit");

        let ids = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let select = |sel: Selection| {
            let db = db.clone();
            async move {
                report_data::select_ids(&db, &sel, 10)
                    .await
                    .expect("select")
            }
        };
        assert!(
            select(Selection::default()).await.is_empty(),
            "{kind}: nothing chosen"
        );
        let cycle2 = Selection {
            mechanism: Some(Mechanism::Upr),
            cycle: Some("2".into()),
            country: Some("RS".into()),
            ..Selection::default()
        };
        assert_eq!(
            select(cycle2.clone()).await,
            ids(vec![r4.clone(), r12.clone()]),
            "{kind}"
        );
        let themed = Selection {
            theme: Some("trafficking".into()),
            ..cycle2.clone()
        };
        assert_eq!(
            select(themed).await,
            std::slice::from_ref(&r12),
            "{kind}: AND"
        );
        let numbered = Selection {
            paragraphs: vec!["131.4".into(), "133.1".into()],
            ids: vec![r12.clone()],
            ..Selection::default()
        };
        assert_eq!(
            select(numbered).await,
            ids(vec![r4.clone(), r12.clone(), r3.clone()]),
            "{kind}: numbers, OR the listed ids"
        );
        let none = Selection {
            country: Some("UA".into()),
            ..Selection::default()
        };
        assert!(select(none).await.is_empty(), "{kind}");
        assert_eq!(
            report_data::select_ids(&db, &cycle2, 1)
                .await
                .expect("limit")
                .len(),
            1,
            "{kind}: the limit holds"
        );

        assessment(&db, "state", &r4, None, None).await;
        assessment(&db, "astra-old", &r4, Some(&astra), Some(5)).await;
        assessment(&db, "astra", &r4, Some(&astra), None).await;
        assessment(&db, "zmina", &r4, Some(&zmina), None).await;
        evidence(&db, "astra", 2, "https://b.example").await;
        evidence(&db, "astra", 1, "https://a.example").await;
        evidence(&db, "astra-old", 1, "https://old.example").await;

        let data = report_data::load(&db, &[r4.clone(), r12.clone()])
            .await
            .expect("load");
        assert_eq!(data.recommendations.len(), 2, "{kind}");
        let rec4 = data
            .recommendations
            .iter()
            .find(|r| r.id.as_str() == r4)
            .expect("131.4");
        assert_eq!(rec4.texts.len(), 2, "{kind}");
        assert_eq!(rec4.states, ["AT", "NO"], "{kind}");
        let who: Vec<(&str, Option<&str>)> = data
            .assessments
            .iter()
            .map(|a| (a.id.as_str(), a.org_name.as_deref()))
            .collect();
        assert_eq!(
            who,
            [("state", None), ("astra", Some("Астра"))],
            "{kind}: the state first, current only, participants only"
        );
        let a = &data.assessments[1];
        assert_eq!(a.status, Status::Partially);
        let targets: Vec<&str> = a.evidence.iter().map(|e| e.target.as_str()).collect();
        assert_eq!(
            targets,
            ["https://a.example", "https://b.example"],
            "{kind}"
        );
        assert_eq!(a.evidence[0].kind, EvidenceKind::Link);

        let parts = report_data::participants(&db).await.expect("participants");
        assert_eq!(parts.len(), 1, "{kind}");
        assert_eq!(
            (parts[0].slug.as_str(), parts[0].name.as_str()),
            ("astra", "Астра")
        );
        let choices = report_data::choices(&db).await.expect("choices");
        assert_eq!(choices.cycles, ["2", "3"], "{kind}");
        assert_eq!(choices.countries, ["RS"], "{kind}");
        assert_eq!(
            choices.themes,
            ["human-rights-mechanisms", "trafficking", "women"],
            "{kind}"
        );
    }
}
