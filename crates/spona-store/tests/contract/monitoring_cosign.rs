//! Saved reports and their co-signers (`monitoring::cosigners`, lane montrial): a report is
//! saved with a pending row per organisation; an answer changes a pending row only (a second
//! answer changes nothing); the requests to several organisations come in one query, pending
//! first; a state the CHECK does not know is refused.

use spona_store::monitoring::cosigners::{self, CosignState};

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cosigners_are_pending_until_answered_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Астра").await;
        let atina = org(&db, "atina", "Atina").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let mut tx = db.begin().await.expect("begin");
        cosigners::insert_in(
            &mut tx,
            "r1",
            &ana,
            "numbers=131.4",
            10,
            &[astra.clone(), atina.clone()],
        )
        .await
        .expect("r1");
        cosigners::insert_in(
            &mut tx,
            "r2",
            &ana,
            "numbers=131.12",
            20,
            std::slice::from_ref(&astra),
        )
        .await
        .expect("r2");
        tx.commit().await.expect("commit");

        let saved = cosigners::get(&db, "r1").await.expect("get");
        assert_eq!(saved.choices, "numbers=131.4", "{kind}");
        assert_eq!(saved.author_id.as_deref(), Some(ana.as_str()));
        assert!(matches!(
            cosigners::get(&db, "r9").await,
            Err(StoreError::NotFound)
        ));
        let named = cosigners::of_report(&db, "r1").await.expect("of");
        assert_eq!(named.len(), 2, "{kind}");
        assert!(named.iter().all(|c| c.state == CosignState::Pending));

        let mut tx = db.begin().await.expect("begin");
        let n = cosigners::decide_in(&mut tx, "r1", &astra, CosignState::Confirmed, &ana, 30)
            .await
            .expect("decide");
        assert_eq!(n, 1, "{kind}");
        let again = cosigners::decide_in(&mut tx, "r1", &astra, CosignState::Declined, &ana, 31)
            .await
            .expect("again");
        assert_eq!(again, 0, "{kind}: answered already");
        let not_named =
            cosigners::decide_in(&mut tx, "r1", &zmina, CosignState::Confirmed, &ana, 31)
                .await
                .expect("not named");
        assert_eq!(not_named, 0);
        assert_eq!(
            cosigners::state_in(&mut tx, "r1", &astra)
                .await
                .expect("state"),
            Some(CosignState::Confirmed)
        );
        assert_eq!(
            cosigners::state_in(&mut tx, "r1", &zmina)
                .await
                .expect("state"),
            None
        );
        tx.commit().await.expect("commit");

        let asked = cosigners::requests_to(&db, &[astra.clone(), atina.clone()], 10)
            .await
            .expect("requests");
        let seen: Vec<(&str, &str, CosignState)> = asked
            .iter()
            .map(|r| (r.report_id.as_str(), r.slug.as_str(), r.state))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("r2", "astra", CosignState::Pending),
                ("r1", "atina", CosignState::Pending),
                ("r1", "astra", CosignState::Confirmed),
            ],
            "{kind}: pending first, the latest first"
        );
        assert_eq!(asked[0].author_name.as_deref(), Some("ana@example.org"));
        assert_eq!(
            cosigners::requests_to(&db, std::slice::from_ref(&astra), 1)
                .await
                .expect("limit")
                .len(),
            1
        );
        assert!(
            cosigners::requests_to(&db, &[], 10)
                .await
                .expect("none")
                .is_empty()
        );

        // The CHECKs: an unknown state, a pending row with an answer's time.
        let bad = spona_store::on_db!(&db, p => sqlx::query(
            "UPDATE monitoring_report_cosigners SET state = 'maybe' WHERE report_id = 'r2'")
            .execute(p).await.map(|r| r.rows_affected()));
        assert!(bad.is_err(), "{kind}");
        let bad = spona_store::on_db!(&db, p => sqlx::query(
            "UPDATE monitoring_report_cosigners SET decided_at = 5 WHERE report_id = 'r2'")
            .execute(p).await.map(|r| r.rows_affected()));
        assert!(bad.is_err(), "{kind}");
    }
}
