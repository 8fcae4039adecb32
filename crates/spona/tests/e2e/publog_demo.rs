//! `spona serve --demo` (SQLite) has a public log at once (issue 24, lane log24): every
//! public resource, event not cancelled, published service and assessment of the demo has
//! its entry, as every organisation and joint text final has, and both the log and the
//! custody tree have a signed checkpoint covering everything.

use std::process::{Command, Stdio};

use crate::harness::process::free_port;

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn scalar(db: &spona_store::Db, sql: &'static str) -> i64 {
    match db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect(sql)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_log_has_every_published_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_spona"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("SPONA_DATABASE_URL")
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn"),
    );
    let probe = crate::harness::http().build().expect("client");
    let mut up = false;
    // The demo loads before the server listens: allow a slow, loaded machine.
    for _ in 0..1200 {
        if probe
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(
        up,
        "server did not start: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
    let db = spona_store::Db::connect(&format!(
        "sqlite://{}",
        dir.path().join("spona.db").display()
    ))
    .await
    .expect("db");
    for (what, all, unlogged) in [
        (
            "public resources",
            "SELECT COUNT(*) FROM resources WHERE visibility = 'public'",
            "SELECT COUNT(*) FROM resources r WHERE r.visibility = 'public' AND NOT EXISTS \
             (SELECT 1 FROM publog_entries e WHERE e.kind = 'resource' AND e.object = r.id)",
        ),
        (
            "events",
            "SELECT COUNT(*) FROM events WHERE cancelled = 0",
            "SELECT COUNT(*) FROM events v WHERE v.cancelled = 0 AND NOT EXISTS \
             (SELECT 1 FROM publog_entries e WHERE e.kind = 'event' AND e.object = v.id)",
        ),
        (
            "published services",
            "SELECT COUNT(*) FROM services WHERE status = 'published'",
            "SELECT COUNT(*) FROM services s WHERE s.status = 'published' AND NOT EXISTS \
             (SELECT 1 FROM publog_entries e WHERE e.kind = 'service' AND e.object = s.id)",
        ),
        (
            "assessed recommendations",
            "SELECT COUNT(DISTINCT recommendation_id) FROM assessments",
            "SELECT COUNT(DISTINCT a.recommendation_id) FROM assessments a WHERE NOT EXISTS \
             (SELECT 1 FROM publog_entries e WHERE e.kind = 'assessment' \
             AND e.object = a.recommendation_id)",
        ),
        (
            "organisations",
            "SELECT COUNT(*) FROM organisations",
            "SELECT COUNT(*) FROM organisations o WHERE NOT EXISTS \
             (SELECT 1 FROM publog_entries e WHERE e.kind = 'org' AND e.object = o.slug)",
        ),
    ] {
        let n = scalar(&db, all).await;
        assert!(n > 0, "the demo has {what}");
        assert_eq!(scalar(&db, unlogged).await, 0, "{what} without a log entry");
    }
    // Assessment entries: one per assessment.
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM publog_entries WHERE kind = 'assessment'"
        )
        .await,
        scalar(&db, "SELECT COUNT(*) FROM assessments").await
    );
    // Signed checkpoints covering everything, for the log and the custody tree.
    assert_eq!(
        scalar(&db, "SELECT MAX(size) FROM publog_checkpoints").await,
        scalar(&db, "SELECT size FROM publog_head").await
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT COALESCE(MAX(size), 0) FROM custody_tree_checkpoints"
        )
        .await,
        scalar(&db, "SELECT COUNT(*) FROM vault_custody").await
    );
    let page = probe
        .get(format!("{base}/en/log"))
        .send()
        .await
        .expect("log page");
    assert_eq!(page.status(), 200);
    db.close().await;
}
