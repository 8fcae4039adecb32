//! Organisations and memberships, networks, one-time keys, the directory query.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_and_memberships_round_trip() {
    use spona_store::{orgs, users};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let taken = orgs::create(
            &db,
            &Slug::parse("astra").expect("slug"),
            &orgs::get(&db, &astra).await.expect("get").profile(),
        )
        .await;
        assert!(
            matches!(&taken, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {taken:?}"
        );
        let free = orgs::free_slug(&db, "astra").await.expect("free slug");
        assert_ne!(free.as_str(), "astra", "{kind}");

        let o = orgs::get_by_slug(&db, "astra").await.expect("by slug");
        assert_eq!(text(&o.id), text(&astra), "{kind}");
        assert_eq!(
            (o.name.as_str(), o.country.as_str(), o.city.as_str()),
            ("Astra", "RS", "Niš")
        );
        assert_eq!(o.email.as_deref(), Some("office@astra.example"), "{kind}");
        assert_eq!(o.themes, ["peacebuilding"], "{kind}");
        assert_eq!(o.offers, ["safe-houses"], "{kind}");

        let mut profile = o.profile();
        profile.name = "Astra Network".into();
        profile.themes = vec!["gender-equality".into(), "peacebuilding".into()];
        orgs::update(&db, &astra, &profile).await.expect("update");
        orgs::set_logo(&db, &astra, Some("logo.png"))
            .await
            .expect("logo");
        let o = orgs::get(&db, &astra).await.expect("get");
        assert_eq!(o.name, "Astra Network", "{kind}");
        assert_eq!(o.themes.len(), 2, "{kind}");
        assert_eq!(o.logo.as_deref(), Some("logo.png"), "{kind}");
        assert_eq!(
            o.profile(),
            profile,
            "{kind}: the profile reads back as written"
        );
        assert!(matches!(
            orgs::get_by_slug(&db, "nope").await,
            Err(StoreError::NotFound)
        ));

        let zmina = org(&db, "zmina", "Zmina").await;
        assert_eq!(orgs::load_all(&db).await.expect("all").len(), 2, "{kind}");
        assert_eq!(
            orgs::all_names(&db).await.expect("names").len(),
            2,
            "{kind}"
        );

        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        users::set_membership(&db, &ana, &astra, OrgRole::Admin)
            .await
            .expect("member");
        users::set_membership(&db, &bo, &astra, OrgRole::Member)
            .await
            .expect("member");
        users::set_membership(&db, &ana, &zmina, OrgRole::Member)
            .await
            .expect("member");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            1,
            "{kind}"
        );
        // Setting again changes the role, not the number of memberships.
        users::set_membership(&db, &bo, &astra, OrgRole::Admin)
            .await
            .expect("member");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            2,
            "{kind}"
        );
        assert_eq!(
            users::members_of(&db, &astra).await.expect("members").len(),
            2,
            "{kind}"
        );
        let mut of_ana: Vec<(String, String)> = users::memberships(&db, &ana)
            .await
            .expect("memberships")
            .into_iter()
            .map(|m| (m.org_slug.clone(), text(m.role)))
            .collect();
        of_ana.sort();
        assert_eq!(
            of_ana,
            [
                ("astra".to_owned(), "admin".to_owned()),
                ("zmina".to_owned(), "member".to_owned())
            ],
            "{kind}"
        );
        users::remove_membership(&db, &bo, &astra)
            .await
            .expect("remove");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            1,
            "{kind}"
        );
        assert!(
            users::memberships(&db, &bo).await.expect("m").is_empty(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn networks_round_trip() {
    use spona_store::networks;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let id = networks::create(
            &db,
            &Slug::parse("balkan").expect("slug"),
            "Balkan",
            &astra,
            &[],
        )
        .await
        .expect("create");
        let again =
            networks::create(&db, &Slug::parse("balkan").expect("slug"), "B", &zmina, &[]).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {again:?}"
        );
        let n = networks::get_by_slug(&db, "balkan").await.expect("get");
        assert_eq!(text(&n.id), text(&id), "{kind}");
        assert_eq!(n.coordinator_slug, "astra", "{kind}");
        assert_eq!(
            n.member_count, 1,
            "{kind}: the coordinator is the first member"
        );
        networks::add_member(&db, &id, &zmina).await.expect("add");
        networks::add_member(&db, &id, &zmina)
            .await
            .expect("add twice is harmless");
        assert_eq!(
            networks::members(&db, &id).await.expect("members").len(),
            2,
            "{kind}"
        );
        assert_eq!(
            networks::of_org(&db, &zmina).await.expect("of org").len(),
            1,
            "{kind}"
        );
        assert_eq!(networks::list(&db).await.expect("list").len(), 1, "{kind}");
        let mut tx = db.begin().await.expect("begin");
        networks::remove_member_in(&mut tx, &id, &zmina)
            .await
            .expect("remove");
        tx.commit().await.expect("commit");
        assert!(
            networks::of_org(&db, &zmina)
                .await
                .expect("of org")
                .is_empty(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_time_key_creates_once_and_answers_its_owner() {
    use spona_store::idempotency::{self, Once};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let profile = orgs_profile();
        let key = spona_store::new_token();
        let once = |who: Option<&str>| Once {
            key: key.clone(),
            user_id: who.map(str::to_owned),
            location: "/en/orgs/{id}".into(),
        };
        let slug = Slug::parse("roma").expect("slug");
        let create_once = |once: Once| {
            let (db, slug, profile) = (db.clone(), slug.clone(), profile.clone());
            async move {
                let mut tx = db.begin().await?;
                let id =
                    spona_store::orgs::create_in(&mut tx, &slug, &profile, Some(&once)).await?;
                tx.commit().await?;
                Ok::<_, StoreError>(id)
            }
        };
        create_once(once(Some(&ana))).await.expect("first");
        let retry = create_once(once(Some(&ana))).await;
        assert!(
            matches!(&retry, Err(StoreError::Replay(l)) if l == "/en/orgs/roma"),
            "{kind}: {retry:?}"
        );
        let thief = create_once(once(None)).await;
        assert!(
            matches!(&thief, Err(StoreError::Conflict(c)) if c == "once"),
            "{kind}: {thief:?}"
        );
        assert_eq!(
            idempotency::answered(&db, &key, Some(&ana))
                .await
                .expect("answered")
                .as_deref(),
            Some("/en/orgs/roma"),
            "{kind}"
        );
        assert!(
            idempotency::answered(&db, &key, None)
                .await
                .expect("answered")
                .is_none()
        );
        assert_eq!(
            spona_store::orgs::load_all(&db).await.expect("all").len(),
            1,
            "{kind}"
        );
        assert_eq!(
            idempotency::purge(&db).await.expect("purge"),
            0,
            "{kind}: kept a day"
        );
    }
}

fn orgs_profile() -> spona_domain::org::OrgProfile {
    OrgDraft {
        name: "Roma Women's Network".into(),
        country: "RS".into(),
        languages: vec!["sr".into()],
        ..OrgDraft::default()
    }
    .validate()
    .expect("profile")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_query_filters_and_counts() {
    use spona_store::directory;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        org(&db, "astra", "Astra").await;
        org(&db, "zmina", "Zmina").await;
        let all = directory::query(&db, &DirectoryFilter::default())
            .await
            .expect("query");
        assert_eq!(all.total, 2, "{kind}");
        let names: Vec<_> = all.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Astra", "Zmina"], "{kind}: sorted by name");
        let one = directory::query(
            &db,
            &DirectoryFilter {
                text: Some("zmina".into()),
                ..DirectoryFilter::default()
            },
        )
        .await
        .expect("query");
        assert_eq!(one.total, 1, "{kind}");
        assert_eq!(one.orgs[0].slug, "zmina", "{kind}");
        let none = directory::query(
            &db,
            &DirectoryFilter {
                country: Some("UA".into()),
                ..DirectoryFilter::default()
            },
        )
        .await
        .expect("query");
        assert_eq!((none.total, none.orgs.len()), (0, 0), "{kind}");
    }
}

/// The batched reads that keep pages free of a query per row: organisations by ids, open
/// invitations counted per organisation, network ids by slugs — and the admins' lock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batched_reads_answer_for_every_id_at_once() {
    use spona_store::{networks, orgs, resources, tokens, users};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let atina = org(&db, "atina", "Atina").await;

        let mut got: Vec<String> = orgs::get_many(&db, &[&astra, &atina, "no-such-id"])
            .await
            .expect("get_many")
            .into_iter()
            .map(|o| o.slug)
            .collect();
        got.sort();
        assert_eq!(got, ["astra", "atina"], "{kind}: unknown ids are left out");
        let astra_org = orgs::get_many(&db, &[&astra]).await.expect("one");
        assert_eq!(
            astra_org[0].themes,
            ["peacebuilding"],
            "{kind}: with its terms"
        );
        assert!(orgs::get_many(&db, &[]).await.expect("none").is_empty());

        let admin = user(&db, "admin@example.org").await;
        for email in ["a@example.org", "b@example.org"] {
            tokens::create_invite(&db, email, &astra, OrgRole::Member, &admin)
                .await
                .expect("invite");
        }
        tokens::create_invite(&db, "c@example.org", &zmina, OrgRole::Admin, &admin)
            .await
            .expect("invite");
        let counts = tokens::pending_invite_counts(&db, &[&astra, &zmina, &atina])
            .await
            .expect("counts");
        assert_eq!(counts.get(astra.as_str()), Some(&2), "{kind}");
        assert_eq!(counts.get(zmina.as_str()), Some(&1), "{kind}");
        assert_eq!(counts.get(atina.as_str()), None, "{kind}: none left out");
        let only_zmina = tokens::pending_invite_counts(&db, &[&zmina])
            .await
            .expect("counts");
        assert_eq!(
            only_zmina.len(),
            1,
            "{kind}: only the organisations asked for"
        );

        let bridge = Slug::parse("bridge").expect("slug");
        let balkan = Slug::parse("balkan").expect("slug");
        let bridge_id = networks::create(&db, &bridge, "BRIDGE", &astra, &[])
            .await
            .expect("network");
        let balkan_id = networks::create(&db, &balkan, "Balkan", &zmina, &[])
            .await
            .expect("network");
        let ids = resources::network_ids(&db, &["balkan".into(), "bridge".into()])
            .await
            .expect("ids");
        assert_eq!(
            ids.iter().map(text).collect::<Vec<_>>(),
            [text(&balkan_id), text(&bridge_id)],
            "{kind}: in the order asked"
        );
        assert_eq!(
            resources::network_ids(&db, &["bridge".into(), "nowhere".into()]).await,
            Err("nowhere".to_owned()),
            "{kind}: the unknown slug is named"
        );

        // The lock is taken and released with its transaction.
        let mut tx = db.begin().await.expect("begin");
        users::lock_admins_in(&mut tx, &astra).await.expect("lock");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        users::lock_admins_in(&mut tx, &astra)
            .await
            .expect("lock again");
        tx.rollback().await.expect("rollback");
    }
}
