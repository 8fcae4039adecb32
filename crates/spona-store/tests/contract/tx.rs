//! Transactions, fault points and the audit log.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_commits_all_or_nothing() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        // Committed: the change and its audit entry are both there.
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(tx.kind(), kind);
        insert_probe_user_in(&mut tx, "kept").await;
        audit::record_in(&mut tx, event("probe.kept", "kept"))
            .await
            .expect("audit");
        tx.commit().await.expect("commit");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'kept'").await,
            1
        );
        assert_eq!(
            audit::count(&db, Some("probe.kept")).await.expect("count"),
            1
        );

        // Dropped without commit: neither the change nor its audit entry.
        {
            let mut tx = db.begin().await.expect("begin");
            insert_probe_user_in(&mut tx, "dropped").await;
            audit::record_in(&mut tx, event("probe.dropped", "dropped"))
                .await
                .expect("audit");
            // Inside, the transaction sees its own writes.
            let seen = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'probe.dropped'")
                .fetch_one(&mut *c).await)
            .expect("read own write");
            assert_eq!(seen, 1, "{kind}");
        }
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'dropped'").await,
            0,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("probe.dropped"))
                .await
                .expect("count"),
            0,
            "{kind}"
        );

        // Rolled back explicitly: likewise.
        let mut tx = db.begin().await.expect("begin");
        insert_probe_user_in(&mut tx, "rolled").await;
        audit::record_in(&mut tx, event("probe.rolled", "rolled"))
            .await
            .expect("audit");
        tx.rollback().await.expect("rollback");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'rolled'").await,
            0,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("probe.rolled"))
                .await
                .expect("count"),
            0,
            "{kind}"
        );

        // A failing statement inside leaves the earlier ones uncommitted once dropped.
        let mut tx = db.begin().await.expect("begin");
        insert_probe_user_in(&mut tx, "half").await;
        let dup = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at) \
             VALUES ('kept', 'other@probe.example', 'P', 'x', 'user', 0, 0)")
            .execute(&mut *c).await.map(|r| r.rows_affected()));
        assert!(dup.is_err(), "{kind}: duplicate id accepted");
        drop(tx);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'half'").await,
            0,
            "{kind}"
        );

        // The pool is usable afterwards (no connection left inside a transaction).
        let mut tx = db.begin().await.expect("begin after rollbacks");
        insert_probe_user_in(&mut tx, "after").await;
        tx.commit().await.expect("commit after rollbacks");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'after'").await,
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_points_are_off_unless_named() {
    // The variable is never set for this test binary's other tests; only its absence is
    // checked here (setting it would race the other tests of this process).
    if std::env::var_os("SPONA_TEST_FAULT").is_none() {
        assert!(spona_store::tx::fault_point("anything").is_ok());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_list_newest_first_and_filter_by_action() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let who = user(&db, "auditor@example.org").await;
        for (i, action) in ["a.one", "a.two", "a.one"].into_iter().enumerate() {
            audit::record(
                &db,
                audit::Event {
                    actor_id: Some(&who),
                    action,
                    target_kind: "org",
                    target_id: &format!("t{i}"),
                    detail: format!("d{i}"),
                },
            )
            .await
            .expect("record");
        }
        assert_eq!(audit::count(&db, None).await.expect("count"), 3, "{kind}");
        assert_eq!(
            audit::count(&db, Some("a.one")).await.expect("count"),
            2,
            "{kind}"
        );
        let all = audit::list(&db, None, 10, 0).await.expect("list");
        let targets: Vec<_> = all.iter().map(|e| e.target_id.as_str()).collect();
        assert_eq!(targets, ["t2", "t1", "t0"], "{kind}: newest first");
        assert_eq!(
            all[0].actor_name.as_deref(),
            Some("auditor@example.org"),
            "{kind}"
        );
        assert_eq!(all[0].detail, "d2", "{kind}");
        let page = audit::list(&db, Some("a.one"), 1, 1).await.expect("list");
        assert_eq!(page.len(), 1, "{kind}");
        assert_eq!(page[0].target_id, "t0", "{kind}");
    }
}

/// A transaction that reads before it writes is not refused because another connection
/// committed in between (SQLite: `SQLITE_BUSY_SNAPSHOT`, "database is locked", answered 503
/// without waiting, as a create behind a background writer got under CI's load). The other
/// writer waits for it instead (SQLite) or goes ahead on other rows (PostgreSQL); both land.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_that_reads_first_survives_a_commit_in_between() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let mut tx = db.begin().await.expect("begin");
        let before = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM audit_log").fetch_one(&mut *c).await)
        .expect("read first");
        let other = {
            let db = db.clone();
            tokio::spawn(async move { audit::record(&db, event("probe.between", "between")).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        audit::record_in(&mut tx, event("probe.after_read", "after"))
            .await
            .unwrap_or_else(|e| panic!("{kind}: the write after a read was refused: {e}"));
        tx.commit().await.expect("commit");
        other
            .await
            .expect("join")
            .unwrap_or_else(|e| panic!("{kind}: the other writer was refused: {e}"));
        let after = count(&db, "SELECT COUNT(*) FROM audit_log").await;
        assert_eq!(after, before + 2, "{kind}");
    }
}
