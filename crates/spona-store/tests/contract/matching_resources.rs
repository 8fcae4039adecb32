//! Matching rounds and opt-ins, resources and their versions, quotas.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rounds_and_opt_ins_round_trip() {
    use spona_store::matching;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let coordinator = user(&db, "coord@example.org").await;
        let spec = RoundDraft {
            programme: "peer_exchange".into(),
            title: "Spring exchange".into(),
            titles: vec![("uk".into(), "Весняний обмін".into())],
            side_a: vec!["RS".into()],
            side_b: vec!["UA".into()],
            deadline: "2199-01-01".into(),
        }
        .validate(0)
        .expect("round");
        let id = matching::create_round(&db, &spec, None, &coordinator)
            .await
            .expect("round");
        let r = matching::round(&db, &id).await.expect("get");
        assert_eq!(text(r.programme), "peer_exchange", "{kind}");
        assert_eq!(
            (r.title.as_str(), r.side_a.as_str(), r.side_b.as_str()),
            ("Spring exchange", "RS", "UA")
        );
        assert_eq!(
            r.titles,
            [("uk".to_owned(), "Весняний обмін".to_owned())],
            "{kind}"
        );
        assert_eq!(r.participants, 0, "{kind}");
        assert_eq!(
            matching::rounds(&db).await.expect("rounds").len(),
            1,
            "{kind}"
        );
        assert_eq!(
            matching::round_titles(&db).await.expect("titles").len(),
            1,
            "{kind}"
        );

        let opt = OptInDraft {
            offers: vec!["safe-houses".into()],
            languages: vec!["en".into()],
            statement: "We can host.".into(),
            capacity: "2".into(),
            ..OptInDraft::default()
        }
        .validate()
        .expect("opt in");
        matching::opt_in(&db, &id, &astra, Side::A, &opt, &coordinator)
            .await
            .expect("opt in");
        matching::opt_in(&db, &id, &zmina, Side::B, &opt, &coordinator)
            .await
            .expect("opt in");
        let twice = matching::opt_in(&db, &id, &astra, Side::A, &opt, &coordinator).await;
        assert!(
            matches!(twice, Err(StoreError::Conflict(_))),
            "{kind}: {twice:?}"
        );
        let people = matching::participants(&db, &id)
            .await
            .expect("participants");
        assert_eq!(people.len(), 2, "{kind}");
        assert_eq!(text(people[0].side), "a", "{kind}");
        assert_eq!(people[0].offers, "safe-houses", "{kind}");
        assert_eq!(people[0].capacity, 2, "{kind}");
        assert_eq!(
            matching::round(&db, &id).await.expect("get").participants,
            2,
            "{kind}"
        );

        let mut tx = db.begin().await.expect("begin");
        matching::set_status_in(&mut tx, &id, RoundStatus::Closed)
            .await
            .expect("status");
        tx.commit().await.expect("commit");
        assert_eq!(
            text(matching::round(&db, &id).await.expect("get").status),
            "closed"
        );
        assert!(
            matching::proposals(&db, &id)
                .await
                .expect("proposals")
                .is_empty(),
            "{kind}"
        );
        assert!(
            matching::constraints(&db, &id)
                .await
                .expect("constraints")
                .is_empty(),
            "{kind}"
        );
        assert!(matches!(
            matching::round(&db, "nope").await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resources_keep_every_version() {
    use spona_store::resources;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let author = user(&db, "author@example.org").await;
        let meta = ResourceDraft {
            kind: "best-practice".into(),
            themes: vec!["peacebuilding".into()],
            countries: vec!["RS".into()],
            visibility: "public".into(),
            networks: vec![],
            review_due: "2199-01-01".into(),
        }
        .validate()
        .expect("meta");
        let first = VariantDraft {
            written: "en".into(),
            title: "Safe houses".into(),
            summary: "How to run one".into(),
            body: "# One\n\nText.".into(),
            note: String::new(),
        }
        .validate(false)
        .expect("variant");
        let seq = resources::current_seq(&db).await.expect("seq");
        let id = resources::create(&db, &astra, &meta, &[], &first, &author)
            .await
            .expect("create");
        assert!(resources::any(&db).await.expect("any"), "{kind}");
        assert!(
            resources::current_seq(&db).await.expect("seq") > seq,
            "{kind}"
        );
        let r = resources::get(&db, &id).await.expect("get");
        assert_eq!(text(&r.kind), "best-practice", "{kind}");
        assert_eq!(text(r.visibility), "public", "{kind}");

        let second = VariantDraft {
            note: "clearer".into(),
            title: "Safe houses, revised".into(),
            ..VariantDraft {
                written: "en".into(),
                summary: "How to run one".into(),
                body: "# One\n\nText.".into(),
                ..VariantDraft::default()
            }
        }
        .validate(true)
        .expect("variant");
        resources::save_variant(&db, &id, &second, Some(1), &author)
            .await
            .expect("save");
        let versions = resources::versions(&db, &id, ContentLang::En)
            .await
            .expect("versions");
        let titles: Vec<_> = versions
            .iter()
            .map(|v| (v.version, v.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [(2, "Safe houses, revised"), (1, "Safe houses")],
            "{kind}"
        );
        assert_eq!(versions[0].author_name, "author@example.org", "{kind}");
        assert_eq!(
            resources::changed_since(&db, seq, 10)
                .await
                .expect("changed")
                .len(),
            1
        );
        assert_eq!(
            resources::recent_public(&db, 5)
                .await
                .expect("recent")
                .len(),
            1,
            "{kind}"
        );
        assert!(matches!(
            resources::get(&db, "nope").await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_count_nothing_before_an_upload() {
    use spona_store::quota::{self, Scope};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let scopes = [Scope::hub_org("o1", 1000), Scope::case("c1", 500)];
        assert_eq!(
            quota::used(&db, &scopes).await.expect("used"),
            [0, 0],
            "{kind}"
        );
        assert_eq!(
            quota::room(&db, &scopes).await.expect("room"),
            500,
            "{kind}"
        );
        assert!(
            quota::case_lead_orgs(&db, "c1")
                .await
                .expect("leads")
                .is_empty(),
            "{kind}"
        );
    }
}
