//! What the use-case tests share: a fresh database on either engine, and the child-process
//! runner for fault injection. (Each test file uses part of it.)
#![allow(dead_code)]

use spona_store::Db;

/// A fresh, migrated database: a PostgreSQL schema of its own when
/// `SPONA_TEST_DATABASE_URL` names PostgreSQL, else SQLite in `dir`. Also its URL and schema
/// (`"<url> <schema>"`), for a child process that must open the same database.
pub async fn database_with_url(dir: &std::path::Path) -> (Db, String) {
    let (url, schema) = match std::env::var("SPONA_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!("t_{}", &spona_store::new_token()[..16]);
            (url, Some(schema))
        }
        _ => (format!("sqlite://{}", dir.join("spona.db").display()), None),
    };
    let db = Db::connect_in_schema(&url, schema.as_deref())
        .await
        .expect("database");
    db.migrate().await.expect("migrations");
    (db, format!("{url} {}", schema.unwrap_or_default()))
}

/// [`database_with_url`] without the URL.
pub async fn database(dir: &std::path::Path) -> Db {
    database_with_url(dir).await.0
}

/// Runs the test `test` of this test binary (ignored or not) in a child process with the
/// fault `SPONA_TEST_FAULT=tx:<point>` and `env`: the environment is shared by every test of
/// a process, so a fault can only be set in a process of its own. Fails unless the child's
/// test passed; returns its output.
pub fn run_with_fault(test: &str, point: &str, env: &[(&str, &str)]) -> String {
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            test,
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SPONA_TEST_FAULT", format!("tx:{point}"))
        .envs(env.iter().copied())
        .output()
        .expect("child test");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{test} under the fault {point}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
