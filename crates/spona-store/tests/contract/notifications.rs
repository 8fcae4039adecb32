//! Notices: each person reads their own, newest first, with what they name; a batch naming
//! someone who does not exist stores nothing.

use spona_store::notifications;

use super::raw::exec;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_read_back_newest_first_per_person() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let astra = org(&db, "astra", "Astra").await;
        let t0 = spona_store::now();
        notifications::add(
            &db,
            std::slice::from_ref(&ana),
            "notice-proposals-published",
            "Spring exchange",
            None,
            "/matching/r1",
        )
        .await
        .expect("add");
        notifications::add(
            &db,
            &[text(&ana), text(&bo)],
            "notice-partner-accepted",
            "Astra",
            Some(&astra),
            "/matching/pairs/p1",
        )
        .await
        .expect("add");
        // Nobody to tell: nothing stored, no error.
        notifications::add(&db, &[], "notice-x", "-", None, "/")
            .await
            .expect("add none");

        let mine = notifications::recent(&db, &ana, 10).await.expect("recent");
        let kinds: Vec<&str> = mine.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["notice-partner-accepted", "notice-proposals-published"],
            "{kind}: newest first"
        );
        let n = &mine[0];
        assert_eq!(
            (
                n.subject.as_str(),
                n.subject_org.as_deref(),
                n.link.as_str()
            ),
            ("Astra", Some(astra.as_str()), "/matching/pairs/p1"),
            "{kind}"
        );
        assert!(
            n.created_at >= t0 && n.created_at <= spona_store::now(),
            "{kind}"
        );
        assert_eq!(mine[1].subject_org, None, "{kind}");
        assert_ne!(mine[0].id, mine[1].id, "{kind}");

        let one = notifications::recent(&db, &ana, 1).await.expect("recent");
        assert_eq!(one.len(), 1, "{kind}");
        assert_eq!(one[0].kind, "notice-partner-accepted", "{kind}");
        let theirs = notifications::recent(&db, &bo, 10).await.expect("recent");
        assert_eq!(theirs.len(), 1, "{kind}: only their own");
        assert!(
            notifications::recent(&db, "nobody", 10)
                .await
                .expect("recent")
                .is_empty(),
            "{kind}"
        );

        // The newest by time, whatever order the rows were written in.
        exec(
            &db,
            format!(
                "UPDATE notifications SET created_at = created_at + 60 WHERE user_id = '{ana}' \
                 AND kind = 'notice-proposals-published'"
            ),
        )
        .await;
        let mine = notifications::recent(&db, &ana, 10).await.expect("recent");
        assert_eq!(mine[0].kind, "notice-proposals-published", "{kind}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_naming_a_missing_person_stores_nothing() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let r = notifications::add(
            &db,
            &[text(&ana), "no-such-user".to_owned()],
            "notice-x",
            "Round",
            None,
            "/matching/r",
        )
        .await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        assert!(
            notifications::recent(&db, &ana, 10)
                .await
                .expect("recent")
                .is_empty(),
            "{kind}: all or nothing"
        );
    }
}
