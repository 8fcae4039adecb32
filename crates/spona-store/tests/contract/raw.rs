//! Writing to the database behind the store's back, to give it stored data it did not write:
//! old rows, values another version left, values no constraint would let in.

use super::*;

/// Runs one statement (test values only, written into the SQL); the rows it changed.
pub(crate) async fn exec(db: &Db, sql: impl Into<String>) -> u64 {
    let sql = sqlx::AssertSqlSafe(sql.into());
    spona_store::on_db!(db, p => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()))
        .expect("statement")
}

/// One text value read back as stored.
pub(crate) async fn stored(db: &Db, sql: impl Into<String>) -> Option<String> {
    let sql = sqlx::AssertSqlSafe(sql.into());
    spona_store::on_db!(db, p => sqlx::query_scalar::<_, Option<String>>(sql).fetch_one(p).await)
        .expect("read")
}

/// Runs `sql`, which writes a value `table`'s CHECK constraints refuse, as a database
/// another version wrote (or one edited by hand) may hold it: on SQLite with the checks
/// off for one connection, on PostgreSQL (a test's own schema) with `table`'s check
/// constraints on `column` dropped.
pub(crate) async fn exec_unchecked(db: &Db, table: &str, column: &str, sql: &str) {
    match db {
        Db::Sqlite(p) => {
            let mut c = p.acquire().await.expect("connection");
            sqlx::query("PRAGMA ignore_check_constraints = ON")
                .execute(&mut *c)
                .await
                .expect("checks off");
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(&mut *c)
                .await
                .expect("unchecked write");
            sqlx::query("PRAGMA ignore_check_constraints = OFF")
                .execute(&mut *c)
                .await
                .expect("checks on");
        }
        Db::Postgres(p) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT conname::text FROM pg_constraint WHERE conrelid = $1::regclass \
                 AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%' || $2 || '%'",
            )
            .bind(table)
            .bind(column)
            .fetch_all(p)
            .await
            .expect("constraints");
            assert!(!names.is_empty(), "no check on {table}.{column}");
            for name in names {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "ALTER TABLE {table} DROP CONSTRAINT {name}"
                )))
                .execute(p)
                .await
                .expect("drop check");
            }
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(p)
                .await
                .expect("unchecked write");
        }
    }
}

/// The directory's version counter (bumped by every change to organisations and networks).
pub(crate) async fn directory_version(db: &Db) -> i64 {
    count(db, "SELECT value FROM meta WHERE key = 'directory_version'").await
}
