//! Joint texts: a text with its drafting organisations and first version reads back;
//! versions, the current view (each language's latest and current final), a final frozen
//! once; comments resolved once; an amendment decided once; a second standing signature of
//! the same version by one organisation is a conflict, a withdrawn one frees the place and
//! stays in the list.

use spona_store::StoreError;
use spona_store::joint_texts::{self as jt, Amendment, Comment, JointText, Signature, Version};

use super::*;

fn version(text: &str, number: i64, lang: &str, body: &str) -> Version {
    Version {
        text_id: text.into(),
        number,
        lang: lang.into(),
        title: format!("Title {number}"),
        body: body.into(),
        note: String::new(),
        author_id: None,
        author_name: None,
        created_at: 100 + number,
        frozen_by: None,
        frozen_at: None,
    }
}

fn signature(id: &str, text: &str, org: &str, version: i64) -> Signature {
    Signature {
        id: id.into(),
        text_id: text.into(),
        org_id: org.into(),
        org_slug: String::new(),
        org_name: String::new(),
        version,
        covers: format!("en:{version}"),
        sha256: "ab".repeat(32),
        signer_id: None,
        signed_on: "2013-09-19".into(),
        signed_at: 1,
        signature: "ed25519:00:00".into(),
        withdrawn_by: None,
        withdrawn_at: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joint_texts_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let text = JointText {
            id: "t1".into(),
            kind: "declaration".into(),
            group_id: None,
            created_by: Some(ana.clone()),
            created_at: 100,
            updated_at: 100,
            orgs: vec![astra.clone()],
        };
        let mut tx = db.begin().await.expect("begin");
        jt::create_in(&mut tx, &text, &version("t1", 1, "en", "One\n\nTwo"), None)
            .await
            .expect("create");
        jt::insert_version_in(&mut tx, &version("t1", 2, "sr", "Jedan"))
            .await
            .expect("v2");
        jt::insert_version_in(&mut tx, &version("t1", 3, "en", "One\n\nTwo!"))
            .await
            .expect("v3");
        tx.commit().await.expect("commit");
        let got = jt::get(&db, "t1").await.expect("get").expect("text");
        assert_eq!(got.orgs, vec![astra.clone()], "{kind}");
        assert_eq!(got.updated_at, 103, "{kind}: a save moves updated_at");

        // A number taken is a conflict.
        let mut tx = db.begin().await.expect("begin");
        let again = jt::insert_version_in(&mut tx, &version("t1", 3, "uk", "x")).await;
        assert!(
            matches!(again, Err(StoreError::Conflict(_))),
            "{kind}: {again:?}"
        );
        drop(tx);

        // Freezing: once.
        let mut tx = db.begin().await.expect("begin");
        assert!(
            jt::freeze_in(&mut tx, "t1", 1, &ana, 200)
                .await
                .expect("freeze")
        );
        assert!(
            !jt::freeze_in(&mut tx, "t1", 1, &ana, 201)
                .await
                .expect("freeze")
        );
        tx.commit().await.expect("commit");
        let current: Vec<(i64, bool)> = jt::current(&db, "t1")
            .await
            .expect("current")
            .iter()
            .map(|v| (v.number, v.is_final()))
            .collect();
        assert_eq!(current, [(1, true), (2, false), (3, false)], "{kind}");
        let heads = jt::heads(&db, &["t1".to_owned()]).await.expect("heads");
        assert_eq!(heads.len(), 3, "{kind}");
        let v1 = jt::version(&db, "t1", 1).await.expect("v").expect("v1");
        assert_eq!(
            (v1.frozen_at, v1.body.as_str()),
            (Some(200), "One\n\nTwo"),
            "{kind}"
        );

        // Comments and amendments are decided once.
        let mut tx = db.begin().await.expect("begin");
        jt::insert_comment_in(
            &mut tx,
            &Comment {
                id: "c1".into(),
                text_id: "t1".into(),
                version: 3,
                paragraph: 2,
                body: "Why?".into(),
                author_id: Some(ana.clone()),
                author_name: None,
                created_at: 300,
                resolved_by: None,
                resolved_at: None,
            },
        )
        .await
        .expect("comment");
        jt::insert_amendment_in(
            &mut tx,
            &Amendment {
                id: "a1".into(),
                text_id: "t1".into(),
                version: 3,
                paragraph: 1,
                replacement: "Uno".into(),
                reason: String::new(),
                author_id: Some(ana.clone()),
                author_name: None,
                created_at: 300,
                state: "open".into(),
                decided_by: None,
                decided_at: None,
                result_version: None,
            },
        )
        .await
        .expect("amendment");
        assert!(
            jt::resolve_comment_in(&mut tx, "t1", "c1", &ana, 301)
                .await
                .expect("r")
        );
        assert!(
            !jt::resolve_comment_in(&mut tx, "t1", "c1", &ana, 302)
                .await
                .expect("r")
        );
        assert!(
            jt::decide_amendment_in(&mut tx, "t1", "a1", "rejected", &ana, 303, None)
                .await
                .expect("d")
        );
        assert!(
            !jt::decide_amendment_in(&mut tx, "t1", "a1", "accepted", &ana, 304, Some(4))
                .await
                .expect("d")
        );
        tx.commit().await.expect("commit");
        let comments = jt::comments(&db, "t1").await.expect("comments");
        assert_eq!(
            comments[0].author_name.as_deref(),
            Some("ana@example.org"),
            "{kind}"
        );
        assert_eq!(comments[0].resolved_at, Some(301), "{kind}");
        let a = jt::amendment(&db, "t1", "a1")
            .await
            .expect("a")
            .expect("a1");
        assert_eq!(
            (a.state.as_str(), a.decided_at),
            ("rejected", Some(303)),
            "{kind}"
        );

        // Signatures: one standing signature per organisation and version.
        let mut tx = db.begin().await.expect("begin");
        jt::insert_signature_in(&mut tx, &signature("s1", "t1", &astra, 1))
            .await
            .expect("s1");
        jt::insert_signature_in(&mut tx, &signature("s2", "t1", &zmina, 1))
            .await
            .expect("s2");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        let twice = jt::insert_signature_in(&mut tx, &signature("s3", "t1", &astra, 1)).await;
        assert!(
            matches!(twice, Err(StoreError::Conflict(_))),
            "{kind}: {twice:?}"
        );
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        assert!(
            jt::withdraw_in(&mut tx, "t1", "s1", &ana, 400)
                .await
                .expect("w")
        );
        assert!(
            !jt::withdraw_in(&mut tx, "t1", "s1", &ana, 401)
                .await
                .expect("w")
        );
        jt::insert_signature_in(&mut tx, &signature("s3", "t1", &astra, 1))
            .await
            .expect("s3 after withdrawal");
        tx.commit().await.expect("commit");
        let sigs = jt::signatures(&db, "t1").await.expect("signatures");
        assert_eq!(sigs.len(), 3, "{kind}");
        let s1 = sigs.iter().find(|s| s.id == "s1").expect("s1");
        assert_eq!(
            (s1.org_slug.as_str(), s1.withdrawn_at),
            ("astra", Some(400)),
            "{kind}"
        );
    }
}
