//! Networks: created with their coordinator as first member and their texts, found by slug
//! and by member, joined and left; each change marks the directory as changed.

use spona_domain::org::OrgText;
use spona_store::networks;

use super::raw::directory_version;
use super::*;

fn texts() -> Vec<OrgText> {
    vec![
        OrgText {
            lang: "sr-Cyrl".into(),
            name: Some("Мрежа за мир".into()),
            description: Some("Организације које граде мир.".into()),
        },
        OrgText {
            lang: "en".into(),
            name: Some("Peace network".into()),
            description: None,
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn networks_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let atina = org(&db, "atina", "Atina").await;
        let v0 = directory_version(&db).await;

        let slug = Slug::parse("peace-net").expect("slug");
        let id = networks::create(&db, &slug, "Peace network", &astra, &texts())
            .await
            .expect("create");
        assert!(directory_version(&db).await > v0, "{kind}: bumped");
        let again = networks::create(&db, &slug, "Another", &zmina, &[]).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {again:?}"
        );

        let n = networks::get_by_slug(&db, "peace-net")
            .await
            .expect("by slug");
        assert_eq!(text(&n.id), id, "{kind}");
        assert_eq!(
            (
                n.slug.as_str(),
                n.name.as_str(),
                n.coordinator_slug.as_str(),
                n.coordinator_name.as_str()
            ),
            ("peace-net", "Peace network", "astra", "Astra"),
            "{kind}"
        );
        assert_eq!(text(&n.coordinator_org_id), astra, "{kind}");
        assert_eq!(n.member_count, 1, "{kind}: the coordinator is a member");
        let mut want = texts();
        want.sort_by(|a, b| a.lang.cmp(&b.lang));
        assert_eq!(n.texts, want, "{kind}: texts by language");
        assert!(
            matches!(
                networks::get_by_slug(&db, "nope").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );

        // A second network without texts; each reads only its own.
        let other = networks::create(
            &db,
            &Slug::parse("balkan-net").expect("slug"),
            "Balkan network",
            &zmina,
            &[],
        )
        .await
        .expect("create");
        let all = networks::list(&db).await.expect("list");
        let names: Vec<&str> = all.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            ["Balkan network", "Peace network"],
            "{kind}: by name"
        );
        assert!(all[0].texts.is_empty(), "{kind}");
        assert_eq!(all[1].texts.len(), 2, "{kind}");

        // Joining twice is joining once.
        let v1 = directory_version(&db).await;
        networks::add_member(&db, &id, &zmina).await.expect("join");
        networks::add_member(&db, &id, &zmina)
            .await
            .expect("join again");
        let mut tx = db.begin().await.expect("begin");
        networks::add_member_in(&mut tx, &id, &atina)
            .await
            .expect("join");
        tx.commit().await.expect("commit");
        assert!(directory_version(&db).await > v1, "{kind}: bumped");
        let members = networks::members(&db, &id).await.expect("members");
        let slugs: Vec<&str> = members.iter().map(|o| o.slug.as_str()).collect();
        assert_eq!(slugs, ["astra", "atina", "zmina"], "{kind}");
        assert_eq!(
            networks::get_by_slug(&db, "peace-net")
                .await
                .expect("get")
                .member_count,
            3,
            "{kind}"
        );
        let of_zmina = networks::of_org(&db, &zmina).await.expect("of org");
        let slugs: Vec<&str> = of_zmina.iter().map(|n| n.slug.as_str()).collect();
        assert_eq!(slugs, ["balkan-net", "peace-net"], "{kind}");
        assert!(
            networks::of_org(&db, "nobody")
                .await
                .expect("of org")
                .is_empty(),
            "{kind}"
        );

        // Leaving: once; a second time (or from a network one is not in) is not found.
        let mut tx = db.begin().await.expect("begin");
        networks::remove_member_in(&mut tx, &id, &zmina)
            .await
            .expect("leave");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        let r = networks::remove_member_in(&mut tx, &id, &zmina).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        let r = networks::remove_member_in(&mut tx, &other, &atina).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        drop(tx);
        let slugs: Vec<String> = networks::of_org(&db, &zmina)
            .await
            .expect("of org")
            .into_iter()
            .map(|n| n.slug)
            .collect();
        assert_eq!(slugs, ["balkan-net"], "{kind}");

        // A change rolled back leaves the members as they were.
        let mut tx = db.begin().await.expect("begin");
        networks::add_member_in(&mut tx, &other, &atina)
            .await
            .expect("join");
        tx.rollback().await.expect("rollback");
        assert_eq!(
            networks::members(&db, &other).await.expect("members").len(),
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_needs_an_existing_coordinator() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let r = networks::create(
            &db,
            &Slug::parse("orphan-net").expect("slug"),
            "Orphans",
            "no-such-org",
            &texts(),
        )
        .await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
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
