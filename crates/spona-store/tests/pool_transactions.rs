//! A pooled connection left inside a transaction (as SQLite leaves one after rolling back by
//! itself on a full disk, or a statement that opened a transaction and never closed it) is
//! closed when it comes back to the pool: it must not hold the write lock, nor swallow the
//! later writes of whoever gets it next.

use std::time::{Duration, Instant};

use spona_store::Db;
use sqlx::Connection;

async fn open() -> (Db, Option<tempfile::TempDir>) {
    match std::env::var("SPONA_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!("t_pool_{}", uuid::Uuid::new_v4().simple());
            let db = Db::connect_in_schema(&url, Some(&schema))
                .await
                .expect("postgres");
            (db, None)
        }
        _ => {
            let dir = tempfile::tempdir().expect("tempdir");
            let db = Db::connect(&format!("sqlite://{}", dir.path().join("t.db").display()))
                .await
                .expect("sqlite");
            (db, Some(dir))
        }
    }
}

/// Every connection the pool hands out (all at once, so each one is seen) is outside a
/// transaction, both as sqlx counts and as the database knows it.
async fn assert_all_idle(db: &Db) {
    match db {
        Db::Sqlite(pool) => {
            let mut held = Vec::new();
            for _ in 0..8 {
                let mut c = pool.acquire().await.expect("acquire");
                assert!(!c.is_in_transaction(), "sqlx counts a transaction");
                sqlx::raw_sql("BEGIN; ROLLBACK")
                    .execute(&mut *c)
                    .await
                    .expect("a connection from the pool is inside a transaction");
                held.push(c);
            }
        }
        Db::Postgres(pool) => {
            let mut held = Vec::new();
            for _ in 0..16 {
                let mut c = pool.acquire().await.expect("acquire");
                assert!(!c.is_in_transaction(), "sqlx counts a transaction");
                let row = sqlx::raw_sql("SELECT now() = statement_timestamp()")
                    .fetch_one(&mut *c)
                    .await
                    .expect("probe");
                let idle: bool = sqlx::Row::get(&row, 0);
                assert!(idle, "a connection from the pool is inside a transaction");
                held.push(c);
            }
        }
    }
}

/// Waits until the pool's release task has run its check.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_left_in_a_transaction_is_closed_on_release() {
    let (db, _dir) = open().await;
    spona_store::on_db!(&db, p => sqlx::raw_sql("CREATE TABLE probe (n INTEGER)").execute(p).await.map(|_| ()))
        .expect("create");

    // A transaction opened behind sqlx's back, holding the write lock.
    spona_store::on_db!(&db, p => {
        let mut c = p.acquire().await.expect("acquire");
        sqlx::raw_sql("BEGIN; INSERT INTO probe (n) VALUES (1)")
            .execute(&mut *c)
            .await
            .expect("begin");
    });
    settle().await;
    assert_all_idle(&db).await;

    // sqlx's count left above zero: the transaction ended underneath (SQLite's automatic
    // rollback on a full disk), so sqlx's own ROLLBACK fails when the transaction is dropped.
    spona_store::on_db!(&db, p => {
        let mut tx = p.begin().await.expect("begin");
        sqlx::query("INSERT INTO probe (n) VALUES (2)")
            .execute(&mut *tx)
            .await
            .expect("insert");
        sqlx::raw_sql("ROLLBACK").execute(&mut *tx).await.expect("rollback underneath");
        drop(tx);
    });
    settle().await;
    assert_all_idle(&db).await;

    // Writes through the pool commit and are seen by an independent connection, which can
    // also take the write lock.
    spona_store::on_db!(&db, p => sqlx::query("INSERT INTO probe (n) VALUES (3)").execute(p).await.map(|_| ()))
        .expect("insert");
    let started = Instant::now();
    let n: i64 = match &db {
        Db::Sqlite(pool) => {
            let url = format!(
                "sqlite://{}",
                _dir.as_ref().expect("dir").path().join("t.db").display()
            );
            let mut other = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            sqlx::raw_sql("PRAGMA busy_timeout = 3000; BEGIN IMMEDIATE; COMMIT")
                .execute(&mut other)
                .await
                .expect("an outside writer is locked out");
            let _ = pool;
            sqlx::query_scalar("SELECT count(*) FROM probe")
                .fetch_one(&mut other)
                .await
                .expect("count")
        }
        Db::Postgres(pool) => sqlx::query_scalar("SELECT count(*) FROM probe")
            .fetch_one(pool)
            .await
            .expect("count"),
    };
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(n, 1, "only the committed write is stored");
}
