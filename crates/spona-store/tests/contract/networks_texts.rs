//! Networks' texts (issue 16, findings 2 and 5 of the contract lane): two texts in one
//! language are a clear conflict naming `lang` with nothing stored, and a query reads only
//! the texts of the networks it returns.

use spona_domain::org::OrgText;
use spona_store::networks;

use super::raw::exec;
use super::*;

fn en(name: &str) -> OrgText {
    OrgText {
        lang: "en".into(),
        name: Some(name.into()),
        description: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_texts_in_one_language_are_a_conflict_naming_lang() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let r = networks::create(
            &db,
            &Slug::parse("peace-net").expect("slug"),
            "Peace network",
            &astra,
            &[en("Peace"), en("Peace, again")],
        )
        .await;
        assert!(
            matches!(&r, Err(StoreError::Conflict(c)) if c == "lang"),
            "{kind}: {r:?}"
        );
        assert!(
            networks::list(&db).await.expect("list").is_empty(),
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM network_texts").await,
            0,
            "{kind}: nothing half-stored"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_reads_only_its_networks_texts() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        networks::create(
            &db,
            &Slug::parse("peace-net").expect("slug"),
            "Peace network",
            &astra,
            &[en("Peace")],
        )
        .await
        .expect("create");
        let other = networks::create(
            &db,
            &Slug::parse("balkan-net").expect("slug"),
            "Balkan network",
            &zmina,
            &[en("Balkan")],
        )
        .await
        .expect("create");
        if matches!(db, Db::Sqlite(_)) {
            // The other network's text made unreadable (bytes that are no UTF-8): a query
            // that reads it fails, one that reads only its own networks does not.
            exec(
                &db,
                format!("UPDATE network_texts SET name = X'FF' WHERE network_id = '{other}'"),
            )
            .await;
            assert!(
                networks::list(&db).await.is_err(),
                "{kind}: the list reads both"
            );
        }
        let n = networks::get_by_slug(&db, "peace-net")
            .await
            .expect("by slug");
        assert_eq!(n.texts, [en("Peace")], "{kind}");
        let of_astra = networks::of_org(&db, &astra).await.expect("of org");
        assert_eq!(of_astra.len(), 1, "{kind}");
        assert_eq!(of_astra[0].texts, [en("Peace")], "{kind}");
        assert!(
            networks::of_org(&db, "nobody")
                .await
                .expect("of org")
                .is_empty(),
            "{kind}"
        );
    }
}
