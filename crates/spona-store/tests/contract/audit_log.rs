//! The audit log read back: newest first, filtered by action, paged, with the actor's name.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_read_back_newest_first() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let before = audit::count(&db, None).await.expect("count");
        let ana =
            spona_store::users::create(&db, "ana@example.org", "Ana", "h", PlatformRole::User)
                .await
                .expect("user");
        let t0 = spona_store::now();
        audit::record(
            &db,
            audit::Event {
                actor_id: Some(&ana),
                action: "org.create",
                target_kind: "org",
                target_id: "o1",
                detail: "slug=astra".into(),
            },
        )
        .await
        .expect("record");
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        audit::record(&db, event("user.disable", "u1"))
            .await
            .expect("record");
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        // An actor who is no longer a user still reads back, without a name.
        audit::record(
            &db,
            audit::Event {
                actor_id: Some("gone"),
                action: "org.create",
                target_kind: "org",
                target_id: "o2",
                detail: String::new(),
            },
        )
        .await
        .expect("record");

        assert_eq!(
            audit::count(&db, None).await.expect("count"),
            before + 3,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("org.create")).await.expect("count"),
            2,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("nothing")).await.expect("count"),
            0,
            "{kind}"
        );

        let all = audit::list(&db, None, 3, 0).await.expect("list");
        let targets: Vec<&str> = all.iter().map(|e| e.target_id.as_str()).collect();
        assert_eq!(targets, ["o2", "u1", "o1"], "{kind}: newest first");
        let first = &all[2];
        assert_eq!(
            (
                first.actor_id.as_deref(),
                first.actor_name.as_deref(),
                first.action.as_str(),
                first.target_kind.as_str(),
                first.detail.as_str()
            ),
            (
                Some(ana.as_str()),
                Some("Ana"),
                "org.create",
                "org",
                "slug=astra"
            ),
            "{kind}"
        );
        assert!(
            first.at >= t0 && first.at <= spona_store::now(),
            "{kind}: {}",
            first.at
        );
        assert_eq!(
            (all[0].actor_id.as_deref(), all[0].actor_name.as_deref()),
            (Some("gone"), None),
            "{kind}"
        );
        assert_eq!(
            (all[1].actor_id.as_deref(), all[1].target_kind.as_str()),
            (None, "user"),
            "{kind}"
        );

        let only = audit::list(&db, Some("org.create"), 10, 0)
            .await
            .expect("list");
        let targets: Vec<&str> = only.iter().map(|e| e.target_id.as_str()).collect();
        assert_eq!(targets, ["o2", "o1"], "{kind}");
        let page = audit::list(&db, None, 1, 1).await.expect("page");
        assert_eq!(page.len(), 1, "{kind}");
        assert_eq!(page[0].target_id, "u1", "{kind}");
        assert!(
            audit::list(&db, Some("org.create"), 10, 2)
                .await
                .expect("past the end")
                .is_empty(),
            "{kind}"
        );
    }
}
