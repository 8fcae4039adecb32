//! Monitoring's foundation (migration 0130): a recommendation is stored with its texts,
//! states and terms and read back whole; a second one with the same mechanism, symbol and
//! paragraph is a conflict; participants are added once and removed.

use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};
use spona_store::StoreError;
use spona_store::monitoring::{participants, recommendations};

use super::*;

/// Serbia's UPR 2nd cycle recommendation 131.4 (A/HRC/23/15), as a test value.
pub(crate) fn upr_131_4() -> NewRecommendation {
    NewRecommendation {
        mechanism: Mechanism::Upr,
        body: Some("Human Rights Council".to_owned()),
        cycle: "2".to_owned(),
        symbol: "A/HRC/23/15".to_owned(),
        paragraph: "131.4".to_owned(),
        country: "RS".to_owned(),
        published_on: Some("2013-06-20".to_owned()),
        response: Some(Response::Supported),
        text_lang: "en".to_owned(),
        texts: vec![
            (
                "en".to_owned(),
                "Establish a mechanism for monitoring".to_owned(),
            ),
            (
                "sr".to_owned(),
                "Успоставити механизам за праћење".to_owned(),
            ),
        ],
        states: vec!["NO".to_owned(), "AT".to_owned()],
        terms: vec![
            (TermKind::Theme, "human-rights-mechanisms".to_owned()),
            (TermKind::Sdg, "16.6".to_owned()),
        ],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recommendation_reads_back_whole_and_its_key_is_unique() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let mut tx = db.begin().await.expect("begin");
        let id = recommendations::insert_in(&mut tx, &upr_131_4())
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
        let r = recommendations::get(&db, &id)
            .await
            .expect("get")
            .expect("stored");
        assert_eq!(r.paragraph, "131.4", "{kind}");
        assert_eq!(r.response, Some(Response::Supported), "{kind}");
        assert_eq!(r.states, ["AT", "NO"], "{kind}");
        assert_eq!(r.texts.len(), 2, "{kind}");
        assert_eq!(
            r.terms,
            [
                (TermKind::Sdg, "16.6".to_owned()),
                (TermKind::Theme, "human-rights-mechanisms".to_owned())
            ],
            "{kind}"
        );

        let mut tx = db.begin().await.expect("begin");
        let again = recommendations::insert_in(&mut tx, &upr_131_4()).await;
        assert!(
            matches!(again, Err(StoreError::Conflict(_))),
            "{kind}: {again:?}"
        );
        drop(tx);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM recommendation_texts").await,
            2,
            "{kind}: nothing of the refused one stays"
        );
        assert!(
            recommendations::get(&db, "nope")
                .await
                .expect("get")
                .is_none()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_are_added_once_and_removed() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let mut tx = db.begin().await.expect("begin");
        participants::add_in(&mut tx, &astra, None)
            .await
            .expect("add");
        participants::add_in(&mut tx, &astra, None)
            .await
            .expect("add twice");
        tx.commit().await.expect("commit");
        assert!(
            participants::is_participant(&db, &astra).await.expect("is"),
            "{kind}"
        );
        assert_eq!(
            participants::all(&db).await.expect("all"),
            std::slice::from_ref(&astra),
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        participants::remove_in(&mut tx, &astra)
            .await
            .expect("remove");
        tx.commit().await.expect("commit");
        assert!(
            !participants::is_participant(&db, &astra).await.expect("is"),
            "{kind}"
        );
    }
}
