//! Federation (migration 0120): organisations' identities stored once, partners pinned to
//! one signing key (a changed key held until confirmed), a partner's organisations replaced
//! whole, and links between a local and a remote organisation made and removed once.

use spona_store::federation::{self, NewPartner, RemoteOrg};

use super::*;

pub(crate) fn new_partner<'a>(id: &'a str, base_url: &'a str, key: &'a str) -> NewPartner<'a> {
    NewPartner {
        id,
        name: "Kyiv deployment",
        base_url,
        inbox: "https://kyiv.example/federation/inbox",
        signing_key: key,
        fingerprint: "fp-1",
        added_by: None,
    }
}

/// Adds a partner and commits.
pub(crate) async fn partner(db: &Db, id: &str, base_url: &str, key: &str) {
    let mut tx = db.begin().await.expect("begin");
    federation::insert_partner_in(&mut tx, &new_partner(id, base_url, key))
        .await
        .expect("partner");
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisation_identities_are_stored_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let mut both = vec![astra.clone(), zmina.clone()];
        both.sort();
        assert_eq!(
            federation::orgs_without_key(&db).await.expect("without"),
            both
        );
        federation::add_org_key(&db, &astra, "age1first", "sealed-1")
            .await
            .expect("key");
        // Another server made one too: the first stays.
        federation::add_org_key(&db, &astra, "age1second", "sealed-2")
            .await
            .expect("key");
        assert_eq!(
            federation::orgs_without_key(&db).await.expect("without"),
            vec![zmina.clone()],
            "{kind}"
        );
        assert_eq!(
            federation::count_org_keys(&db).await.expect("count"),
            1,
            "{kind}"
        );
        let keys = federation::org_keys(&db).await.expect("keys");
        assert_eq!(
            (keys[0].recipient.as_str(), keys[0].identity_sealed.as_str()),
            ("age1first", "sealed-1"),
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            federation::org_key_in(&mut tx, &zmina)
                .await
                .expect("key")
                .is_none(),
            "{kind}"
        );
        assert_eq!(
            federation::org_key_in(&mut tx, &astra)
                .await
                .expect("key")
                .map(|k| k.org_id),
            Some(astra.clone()),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partners_are_pinned_and_a_changed_key_waits() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let mut tx = db.begin().await.expect("begin");
        let mut p = new_partner("p1", "https://kyiv.example", "key-1");
        p.added_by = Some(&ana);
        federation::insert_partner_in(&mut tx, &p)
            .await
            .expect("add");
        tx.commit().await.expect("commit");
        let got = federation::partner(&db, "p1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                got.name.as_str(),
                got.base_url.as_str(),
                got.signing_key.as_str(),
                got.status.as_str(),
                got.pending_key.clone()
            ),
            (
                "Kyiv deployment",
                "https://kyiv.example",
                "key-1",
                "active",
                None
            ),
            "{kind}"
        );
        assert!(got.is_active(), "{kind}");
        assert!(got.added_at > 0 && got.checked_at == got.added_at, "{kind}");
        // The same address or key again: a conflict, nothing stored.
        for (id, url, key) in [
            ("p2", "https://kyiv.example", "key-2"),
            ("p3", "https://lviv.example", "key-1"),
        ] {
            let mut tx = db.begin().await.expect("begin");
            let r = federation::insert_partner_in(&mut tx, &new_partner(id, url, key)).await;
            assert!(matches!(r, Err(StoreError::Conflict(_))), "{kind}: {r:?}");
        }
        partner(&db, "p0", "https://lviv.example", "key-9").await;
        let ids: Vec<String> = federation::partners(&db)
            .await
            .expect("partners")
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, ["p0", "p1"], "{kind}: by name, then id");

        // A new key is held; the pinned key still finds the partner until confirmed.
        let mut tx = db.begin().await.expect("begin");
        federation::key_changed_in(&mut tx, "p1", "key-3", "fp-3")
            .await
            .expect("changed");
        tx.commit().await.expect("commit");
        let held = federation::partner_by_key(&db, "key-1")
            .await
            .expect("by key")
            .expect("found");
        assert_eq!(
            (
                held.status.as_str(),
                held.pending_key.as_deref(),
                held.pending_fingerprint.as_deref()
            ),
            ("key-changed", Some("key-3"), Some("fp-3")),
            "{kind}"
        );
        assert!(!held.is_active(), "{kind}");
        assert!(
            federation::partner_by_key(&db, "key-3")
                .await
                .expect("by key")
                .is_none(),
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        federation::confirm_key_in(&mut tx, "p1", "Kyiv", "https://kyiv.example/in")
            .await
            .expect("confirm");
        tx.commit().await.expect("commit");
        let p = federation::partner_by_key(&db, "key-3")
            .await
            .expect("by key")
            .expect("found");
        assert_eq!(
            (
                p.id.as_str(),
                p.status.as_str(),
                p.fingerprint.as_str(),
                p.name.as_str(),
                p.inbox.as_str(),
                p.pending_key.clone()
            ),
            (
                "p1",
                "active",
                "fp-3",
                "Kyiv",
                "https://kyiv.example/in",
                None
            ),
            "{kind}"
        );
        // Confirming with nothing pending changes nothing.
        let mut tx = db.begin().await.expect("begin");
        federation::confirm_key_in(&mut tx, "p1", "Other", "https://x.example")
            .await
            .expect("confirm");
        federation::touch_partner_in(&mut tx, "p0", "Lviv", "https://lviv.example/in")
            .await
            .expect("touch");
        assert!(
            federation::lock_partner_in(&mut tx, "p0")
                .await
                .expect("lock")
        );
        assert!(
            !federation::lock_partner_in(&mut tx, "nope")
                .await
                .expect("lock")
        );
        assert_eq!(
            federation::partner_in(&mut tx, "p0")
                .await
                .expect("in")
                .map(|p| p.name),
            Some("Lviv".to_owned()),
            "{kind}"
        );
        tx.commit().await.expect("commit");
        let p = federation::partner(&db, "p1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (p.name.as_str(), p.signing_key.as_str()),
            ("Kyiv", "key-3"),
            "{kind}"
        );
        assert!(
            federation::partner(&db, "nope")
                .await
                .expect("get")
                .is_none()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_organisations_and_links() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        partner(&db, "p2", "https://lviv.example", "key-2").await;
        let remote = |id: &str, name: &str| RemoteOrg {
            partner_id: "p1".into(),
            org_id: id.into(),
            slug: id.into(),
            name: name.into(),
            recipient: format!("age1{id}"),
        };
        let mut tx = db.begin().await.expect("begin");
        federation::set_partner_orgs_in(
            &mut tx,
            "p1",
            &[remote("r1", "Zhinocha"), remote("r2", "Alfa")],
        )
        .await
        .expect("orgs");
        // The next document names only one: the other is gone.
        federation::set_partner_orgs_in(
            &mut tx,
            "p1",
            &[remote("r2", "Alfa"), remote("r3", "Bereh")],
        )
        .await
        .expect("orgs");
        tx.commit().await.expect("commit");
        let names: Vec<String> = federation::partner_orgs(&db, "p1")
            .await
            .expect("orgs")
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, ["Alfa", "Bereh"], "{kind}: by name, replaced whole");
        assert!(
            federation::partner_orgs(&db, "p2")
                .await
                .expect("orgs")
                .is_empty()
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            federation::partner_org_in(&mut tx, "p1", "r1")
                .await
                .expect("org")
                .is_none(),
            "{kind}"
        );
        assert_eq!(
            federation::partner_org_in(&mut tx, "p1", "r3")
                .await
                .expect("org")
                .map(|o| o.recipient),
            Some("age1r3".to_owned()),
            "{kind}"
        );

        assert!(
            federation::add_link_in(&mut tx, "p1", &astra, "r3", Some(&ana))
                .await
                .expect("link"),
            "{kind}"
        );
        assert!(
            !federation::add_link_in(&mut tx, "p1", &astra, "r3", None)
                .await
                .expect("link"),
            "{kind}: linked once"
        );
        federation::add_link_in(&mut tx, "p1", &astra, "r2", None)
            .await
            .expect("link");
        federation::add_link_in(&mut tx, "p2", &astra, "x9", None)
            .await
            .expect("link");
        assert!(
            federation::is_linked_in(&mut tx, "p1", &astra, "r3")
                .await
                .expect("linked"),
            "{kind}"
        );
        assert!(
            !federation::is_linked_in(&mut tx, "p2", &astra, "r3")
                .await
                .expect("linked"),
            "{kind}: a link is one partner's"
        );
        tx.commit().await.expect("commit");
        let remotes: Vec<String> = federation::links(&db, "p1")
            .await
            .expect("links")
            .into_iter()
            .map(|l| l.remote_org)
            .collect();
        assert_eq!(remotes, ["r2", "r3"], "{kind}");
        assert_eq!(
            federation::all_links(&db).await.expect("all").len(),
            3,
            "{kind}"
        );

        let mut tx = db.begin().await.expect("begin");
        assert!(
            federation::remove_link_in(&mut tx, "p1", &astra, "r3")
                .await
                .expect("remove"),
            "{kind}"
        );
        assert!(
            !federation::remove_link_in(&mut tx, "p1", &astra, "r3")
                .await
                .expect("remove"),
            "{kind}: removed once"
        );
        tx.commit().await.expect("commit");
        assert_eq!(
            federation::links(&db, "p1").await.expect("links").len(),
            1,
            "{kind}"
        );
        // A link needs a partner that exists.
        let mut tx = db.begin().await.expect("begin");
        let r = federation::add_link_in(&mut tx, "nope", &astra, "r1", None).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
    }
}
