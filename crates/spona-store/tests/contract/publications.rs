//! Publications: a draft with its first language reads back; a second language comes after
//! it and a rewrite keeps its place; an instant makes it published from then on (and in a
//! network's scope when a member organisation publishes it), clearing it makes a draft
//! again; photos keep their order through a swap and a removal; the kind and publisher
//! change; a deletion takes variants and photos and names their files, which are "in use"
//! while another publication or a logo shows them; a network's dates are added and removed.

use spona_store::publications::{
    self as pb, NetworkDate, Photo, Publication, Scope, Variant, edit,
};

use super::*;

fn publication(id: &str, org: Option<&str>, network: Option<&str>, by: &str) -> Publication {
    Publication {
        id: id.into(),
        kind: "article".into(),
        org_id: org.map(str::to_owned),
        network_id: network.map(str::to_owned),
        by_slug: String::new(),
        by_name: String::new(),
        home_org_id: String::new(),
        link: None,
        publish_at: None,
        publish_local: None,
        zone: None,
        created_by: Some(by.into()),
        created_at: 100,
        updated_at: 100,
        variants: vec![],
        photos: vec![],
    }
}

fn variant(id: &str, lang: &str, title: &str) -> Variant {
    Variant {
        publication_id: id.into(),
        lang: lang.into(),
        title: title.into(),
        summary: String::new(),
        body: "Text.".into(),
        transcript: String::new(),
        position: 0,
        updated_at: 110,
    }
}

fn photo(id: &str, file: &str, alt: &str) -> Photo {
    Photo {
        publication_id: id.into(),
        position: 0,
        file: file.into(),
        alt: alt.into(),
        caption: String::new(),
    }
}

fn alts(p: &Publication) -> Vec<(i64, String)> {
    p.photos
        .iter()
        .map(|ph| (ph.position, ph.alt.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publications_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let atina = org(&db, "atina", "Atina").await;
        let ana = user(&db, "ana@example.org").await;
        let bridge = spona_store::networks::create(
            &db,
            &Slug::parse("bridge").expect("slug"),
            "Bridge",
            &atina,
            &[],
        )
        .await
        .expect("network");
        spona_store::networks::add_member(&db, &bridge, &astra)
            .await
            .expect("member");

        // A draft in English, then Serbian after it; rewriting English keeps its place.
        let mut tx = db.begin().await.expect("tx");
        pb::create_in(
            &mut tx,
            &publication("p1", Some(astra.as_str()), None, &ana),
            &variant("p1", "en", "Rivers"),
            None,
        )
        .await
        .expect("create");
        pb::save_variant_in(&mut tx, &variant("p1", "sr", "Reke"))
            .await
            .expect("sr");
        pb::save_variant_in(&mut tx, &variant("p1", "en", "Rivers again"))
            .await
            .expect("en");
        tx.commit().await.expect("commit");
        let p = pb::get(&db, "p1").await.expect("get").expect("p1");
        assert_eq!(
            (p.by_slug.as_str(), p.home_org_id.as_str()),
            ("astra", astra.as_str()),
            "{kind}"
        );
        let langs: Vec<(&str, &str)> = p
            .variants
            .iter()
            .map(|v| (v.lang.as_str(), v.title.as_str()))
            .collect();
        assert_eq!(langs, [("en", "Rivers again"), ("sr", "Reke")], "{kind}");
        assert!(!p.published(1_000));
        assert!(
            pb::published(&db, &Scope::All, 1_000, 10)
                .await
                .expect("list")
                .is_empty()
        );
        assert_eq!(
            pb::unpublished_for(&db, &ana, &[], 1_000)
                .await
                .expect("mine")
                .len(),
            1
        );

        // Scheduled at 500: unpublished before, published (also in BRIDGE's scope) after.
        let mut tx = db.begin().await.expect("tx");
        pb::schedule_in(
            &mut tx,
            "p1",
            Some((500, "2030-03-08T09:00", "Europe/Belgrade")),
            120,
        )
        .await
        .expect("schedule");
        tx.commit().await.expect("commit");
        assert!(
            pb::published(&db, &Scope::All, 499, 10)
                .await
                .expect("list")
                .is_empty()
        );
        assert_eq!(
            pb::published(&db, &Scope::All, 500, 10)
                .await
                .expect("list")
                .len(),
            1
        );
        assert_eq!(
            pb::published(&db, &Scope::Network(bridge.clone()), 500, 10)
                .await
                .expect("net")
                .len(),
            1,
            "{kind}: a member organisation's publication is the network's too"
        );
        assert_eq!(
            pb::timed_between(&db, 400, 600).await.expect("timed").len(),
            1
        );
        let mut tx = db.begin().await.expect("tx");
        pb::schedule_in(&mut tx, "p1", None, 130)
            .await
            .expect("unschedule");
        tx.commit().await.expect("commit");
        assert!(
            pb::published(&db, &Scope::All, 1_000, 10)
                .await
                .expect("list")
                .is_empty()
        );

        // Photos: three in order; the third moved earlier; the first removed.
        let mut tx = db.begin().await.expect("tx");
        for (file, alt) in [("a.png", "A"), ("b.png", "B"), ("c.png", "C")] {
            pb::add_photo_in(&mut tx, &photo("p1", file, alt), 140)
                .await
                .expect("photo");
        }
        tx.commit().await.expect("commit");
        let p = pb::get(&db, "p1").await.expect("get").expect("p1");
        assert_eq!(
            alts(&p),
            [
                (1, "A".to_owned()),
                (2, "B".to_owned()),
                (3, "C".to_owned())
            ],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("tx");
        assert!(
            edit::move_photo_in(&mut tx, "p1", 3, true, 150)
                .await
                .expect("move")
        );
        assert!(
            !edit::move_photo_in(&mut tx, "p1", 1, true, 150)
                .await
                .expect("first up")
        );
        assert!(
            !edit::move_photo_in(&mut tx, "p1", 9, false, 150)
                .await
                .expect("none")
        );
        tx.commit().await.expect("commit");
        let p = pb::get(&db, "p1").await.expect("get").expect("p1");
        assert_eq!(
            alts(&p),
            [
                (1, "A".to_owned()),
                (2, "C".to_owned()),
                (3, "B".to_owned())
            ],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("tx");
        assert_eq!(
            edit::remove_photo_in(&mut tx, "p1", 1, 160)
                .await
                .expect("rm"),
            Some("a.png".into())
        );
        assert_eq!(
            edit::remove_photo_in(&mut tx, "p1", 1, 160)
                .await
                .expect("rm again"),
            None
        );
        tx.commit().await.expect("commit");
        let p = pb::get(&db, "p1").await.expect("get").expect("p1");
        assert_eq!(
            alts(&p),
            [(2, "C".to_owned()), (3, "B".to_owned())],
            "{kind}"
        );
        assert_eq!(p.updated_at, 160);
        // A new photo comes after the last.
        let mut tx = db.begin().await.expect("tx");
        assert_eq!(
            pb::add_photo_in(&mut tx, &photo("p1", "d.png", "D"), 170)
                .await
                .expect("d"),
            4
        );
        tx.commit().await.expect("commit");

        // Kind and publisher: a podcast of the network.
        let mut tx = db.begin().await.expect("tx");
        assert!(
            edit::set_kind_in(
                &mut tx,
                "p1",
                "podcast",
                None,
                Some(bridge.as_str()),
                Some("https://e.org/p"),
                180
            )
            .await
            .expect("kind")
        );
        tx.commit().await.expect("commit");
        let p = pb::get(&db, "p1").await.expect("get").expect("p1");
        assert_eq!(
            (
                p.kind.as_str(),
                p.by_slug.as_str(),
                p.home_org_id.as_str(),
                p.link.as_deref()
            ),
            ("podcast", "bridge", atina.as_str(), Some("https://e.org/p")),
            "{kind}"
        );

        // A file shown by another publication, or as a logo, is in use.
        let mut tx = db.begin().await.expect("tx");
        pb::create_in(
            &mut tx,
            &publication("p2", Some(astra.as_str()), None, &ana),
            &variant("p2", "en", "Twin"),
            None,
        )
        .await
        .expect("p2");
        pb::add_photo_in(&mut tx, &photo("p2", "c.png", "C again"), 190)
            .await
            .expect("twin");
        tx.commit().await.expect("commit");
        spona_store::orgs::set_logo(&db, &astra, Some("b.png"))
            .await
            .expect("logo");
        let mut tx = db.begin().await.expect("tx");
        let mut files = edit::delete_in(&mut tx, "p1").await.expect("delete");
        tx.commit().await.expect("commit");
        files.sort();
        assert_eq!(files, ["b.png", "c.png", "d.png"], "{kind}");
        assert!(pb::get(&db, "p1").await.expect("get").is_none());
        assert!(
            edit::file_in_use(&db, "b.png").await.expect("logo"),
            "{kind}"
        );
        assert!(
            edit::file_in_use(&db, "c.png").await.expect("twin"),
            "{kind}"
        );
        assert!(
            !edit::file_in_use(&db, "d.png").await.expect("free"),
            "{kind}"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM publication_variants WHERE publication_id = 'p1'"
            )
            .await,
            0
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM publication_photos").await,
            1
        );
        assert_eq!(pb::count(&db).await.expect("count"), 1);

        // A network's date, read back and removed once.
        let d = NetworkDate {
            id: "d1".into(),
            network_id: bridge.clone(),
            network_slug: String::new(),
            network_name: String::new(),
            month: 10,
            day: 18,
            title: "EU Anti-Trafficking Day".into(),
        };
        let mut tx = db.begin().await.expect("tx");
        pb::add_date_in(&mut tx, &d, &ana, 200).await.expect("date");
        tx.commit().await.expect("commit");
        let got = edit::network_date(&db, "d1")
            .await
            .expect("get")
            .expect("d1");
        assert_eq!(
            (got.network_slug.as_str(), got.month, got.day),
            ("bridge", 10, 18),
            "{kind}"
        );
        assert_eq!(pb::network_dates(&db).await.expect("dates").len(), 1);
        let mut tx = db.begin().await.expect("tx");
        assert!(edit::remove_date_in(&mut tx, "d1").await.expect("rm"));
        assert!(!edit::remove_date_in(&mut tx, "d1").await.expect("rm again"));
        tx.commit().await.expect("commit");
        assert!(edit::network_date(&db, "d1").await.expect("get").is_none());
    }
}
