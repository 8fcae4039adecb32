//! The quiz keeps no client address (issue 23), on SQLite and PostgreSQL: 1,000 sessions
//! start from one distinctive address (a trusted proxy's `X-Forwarded-For`, as behind a
//! reverse proxy) and answer; the address then appears in no file of the SQLite database
//! (database, WAL, shared memory) and in no text column of any table on PostgreSQL. The
//! sessions from that address share one keyed hash, and the day's salt is the only key.
//! (`quiz_crash.rs` checks the server's log with the real binary.)

use crate::harness::*;
use crate::quiz::create_campaign;

const ADDR: &str = "198.51.100.213";
const SLUG: &str = "canary-quiz";

async fn texts(app: &TestApp, sql: &str) -> Vec<(String, String)> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await,
    }
    .expect("query")
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("query")
}

fn files_holding(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            found.push(path.display().to_string());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_client_address_is_stored_after_a_thousand_sessions() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    create_campaign(&app, &coord, SLUG).await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let c = app.client_in_process();
        tasks.push(tokio::spawn(async move {
            let csrf = c.get(&format!("/en/q/{SLUG}")).await.hidden("csrf");
            for _ in 0..250 {
                let body = [("csrf", csrf.as_str()), ("c", "")];
                let r = c
                    .post_with(
                        &format!("/en/q/{SLUG}/start"),
                        &body,
                        ("x-forwarded-for", ADDR),
                    )
                    .await;
                assert_eq!(r.status, 303, "{}", r.body);
                let first = r.location();
                let r = c
                    .post_with(&first, &[("choice", "1")], ("x-forwarded-for", ADDR))
                    .await;
                assert_eq!(r.status, 303, "{}", r.body);
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM quiz_sessions").await,
        1000
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM quiz_responses").await,
        1000
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(DISTINCT dedup) FROM quiz_sessions").await,
        1,
        "one address and agent on one day: one keyed hash"
    );

    match &app.db {
        spona_store::Db::Sqlite(p) => {
            // Everything written reaches the files (the WAL included) before they are read.
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(p)
                .await
                .expect("checkpoint");
            let found = files_holding(app.dir.path(), ADDR.as_bytes());
            assert!(found.is_empty(), "the address is in {found:?}");
            assert!(
                !files_holding(app.dir.path(), SLUG.as_bytes()).is_empty(),
                "the scan reads the database files"
            );
        }
        spona_store::Db::Postgres(_) => {
            let columns = texts(
                &app,
                "SELECT table_name::text, column_name::text || ':' || data_type::text \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea')",
            )
            .await;
            assert!(columns.len() > 50, "{} columns", columns.len());
            let hex = ADDR.bytes().map(|b| format!("{b:02x}")).collect::<String>();
            for (table, col_type) in &columns {
                let (column, kind) = col_type.split_once(':').expect("column:type");
                let test = if kind == "bytea" {
                    format!("position('\\x{hex}'::bytea in \"{column}\") > 0")
                } else {
                    format!("CAST(\"{column}\" AS TEXT) LIKE '%{ADDR}%'")
                };
                let sql = format!("SELECT COUNT(*) FROM \"{table}\" WHERE {test}");
                assert_eq!(
                    scalar(&app, &sql).await,
                    0,
                    "the address is in {table}.{column}"
                );
            }
            let n = scalar(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM quiz_campaigns WHERE CAST(slug AS TEXT) LIKE '%{SLUG}%'"
                ),
            )
            .await;
            assert_eq!(n, 1, "the scan finds what is there");
        }
    }
}
