//! Rate limits shared by every server on one PostgreSQL (issue 26): a GCRA bucket per key in
//! `rate_buckets`, taken with one atomic statement, so N servers give an attacker no more
//! guesses than one. SQLite keeps its limits in the process (`spona_web::http::ratelimit`);
//! these functions are only called on PostgreSQL.
//!
//! GCRA ("generic cell rate algorithm", what the in-process `governor` limiter runs): a key
//! stores its theoretical arrival time `tat`. A request at `now` is let through when
//! `max(tat, now) + interval - now <= interval × burst`, and moves `tat` to
//! `max(tat, now) + interval`; so `burst` requests pass at once and then one per `interval`.
//! The check and the move are one `INSERT … ON CONFLICT DO UPDATE … WHERE`: the row lock
//! serialises concurrent callers, each seeing the last committed `tat`. Time is the
//! database's (`statement_timestamp()`), so servers whose clocks differ agree.

use sqlx::PgPool;

use crate::{Db, Result, StoreError};

/// How many requests a key may make: `burst` at once, then one every `interval_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub interval_ms: i64,
    pub burst: i64,
}

impl Quota {
    /// `n` a minute, `n` at once (as `governor::Quota::per_minute`).
    pub const fn per_minute(n: i64) -> Quota {
        Quota {
            interval_ms: 60_000 / n,
            burst: n,
        }
    }

    /// `n` an hour, `burst` at once.
    pub const fn per_hour(n: i64, burst: i64) -> Quota {
        Quota {
            interval_ms: 3_600_000 / n,
            burst,
        }
    }
}

/// The database's now in milliseconds, fixed for the statement.
const NOW_MS: &str = "(extract(epoch FROM statement_timestamp()) * 1000)::bigint";

/// Takes one request from `key`'s bucket: `None` when it may go ahead, or how many
/// milliseconds to wait before the next one would be let through.
pub async fn take(db: &Db, key: &str, q: Quota) -> Result<Option<i64>> {
    let pool = pg(db)?;
    let taken: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "INSERT INTO rate_buckets (key, tat_ms) VALUES ($1, {NOW_MS} + $2) \
         ON CONFLICT (key) DO UPDATE \
         SET tat_ms = GREATEST(rate_buckets.tat_ms, {NOW_MS}) + $2 \
         WHERE GREATEST(rate_buckets.tat_ms, {NOW_MS}) + $2 - {NOW_MS} <= $3 \
         RETURNING tat_ms"
    )))
    .bind(key)
    .bind(q.interval_ms)
    .bind(q.interval_ms * q.burst)
    .fetch_optional(pool)
    .await?;
    if taken.is_some() {
        return Ok(None);
    }
    // Refused: the next request passes once max(tat, now) + interval - now <= tolerance.
    let wait: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT tat_ms + $2 - $3 - {NOW_MS} FROM rate_buckets WHERE key = $1"
    )))
    .bind(key)
    .bind(q.interval_ms)
    .bind(q.interval_ms * q.burst)
    .fetch_optional(pool)
    .await?;
    Ok(Some(wait.unwrap_or(1000).max(1)))
}

/// The back-off of wrong second-factor codes of one account: milliseconds still to wait
/// before the next code is looked at, if any.
pub async fn backoff_wait(db: &Db, key: &str) -> Result<Option<i64>> {
    let pool = pg(db)?;
    let wait: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT tat_ms - {NOW_MS} FROM rate_buckets WHERE key = $1 AND failures > 0"
    )))
    .bind(key)
    .fetch_optional(pool)
    .await?;
    Ok(wait.filter(|w| *w > 0))
}

/// One more wrong code in a row: after `free` of them, the account waits 2, 4, 8 … seconds
/// (at most `max_wait_ms`) from now. One statement, so concurrent failures all count.
pub async fn backoff_failed(db: &Db, key: &str, free: i32, max_wait_ms: i64) -> Result<()> {
    let pool = pg(db)?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO rate_buckets AS b (key, tat_ms, failures) VALUES ($1, {NOW_MS}, 1) \
         ON CONFLICT (key) DO UPDATE SET failures = b.failures + 1, \
         tat_ms = CASE WHEN b.failures + 1 >= $2 \
             THEN {NOW_MS} + LEAST((1000 * power(2, LEAST(b.failures + 2 - $2, 20)))::bigint, $3) \
             ELSE b.tat_ms END"
    )))
    .bind(key)
    .bind(free)
    .bind(max_wait_ms)
    .execute(pool)
    .await?;
    Ok(())
}

/// A correct code ends the back-off.
pub async fn backoff_passed(db: &Db, key: &str) -> Result<()> {
    let pool = pg(db)?;
    sqlx::query("DELETE FROM rate_buckets WHERE key = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets buckets idle for an hour (a bucket whose `tat` has passed is as good as none;
/// a back-off an hour past its wait starts again from zero). Returns how many went.
pub async fn prune(db: &Db) -> Result<u64> {
    let pool = pg(db)?;
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM rate_buckets WHERE tat_ms < {NOW_MS} - 3600000"
    )))
    .execute(pool)
    .await?
    .rows_affected())
}

fn pg(db: &Db) -> Result<&PgPool> {
    match db {
        Db::Postgres(pool) => Ok(pool),
        Db::Sqlite(_) => Err(StoreError::Config(
            "shared rate limits need PostgreSQL; SQLite keeps them in the process".into(),
        )),
    }
}
