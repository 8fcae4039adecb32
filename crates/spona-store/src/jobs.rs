//! Background jobs that must run on one server at a time (issue 26): on PostgreSQL a job is
//! run only by the server holding its advisory lock, taken with `pg_try_advisory_lock` on a
//! connection of its own and held for the run, and only when `job_schedule` says it is due.
//! A server that dies mid-run closes its connection, PostgreSQL lets go of the lock, and the
//! job, still due (its `next_at` moves on only after a run ends), is taken by the next
//! server that looks. SQLite serves one process: the lock is always had and the job always
//! due, so a loop runs as it did before.

use sqlx::Postgres;
use sqlx::pool::PoolConnection;

use crate::{Db, Result, now};

/// The advisory lock's key: the job's name within this schema (tests run many schemas in
/// one database; their jobs must not shut each other out).
const LOCK_KEY: &str = "hashtext(current_schema() || ':spona-job:' || $1)";

/// A job this server may run now; let go with [`JobLock::release`] (dropping it closes its
/// connection, which lets go too).
pub struct JobLock {
    name: String,
    conn: Option<PoolConnection<Postgres>>,
}

/// Takes `name`'s lock if no other server holds it. `None`: another server is running it.
pub async fn try_lock(db: &Db, name: &str) -> Result<Option<JobLock>> {
    let Db::Postgres(pool) = db else {
        return Ok(Some(JobLock {
            name: name.to_owned(),
            conn: None,
        }));
    };
    let mut conn = pool.acquire().await?;
    let got: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT pg_try_advisory_lock({LOCK_KEY})"
    )))
    .bind(name)
    .fetch_one(&mut *conn)
    .await?;
    Ok(got.then(|| JobLock {
        name: name.to_owned(),
        conn: Some(conn),
    }))
}

impl JobLock {
    /// Whether the job is due now by the shared schedule (a job never run is due).
    pub async fn due(&mut self) -> Result<bool> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(true);
        };
        let next: Option<i64> =
            sqlx::query_scalar("SELECT next_at FROM job_schedule WHERE name = $1")
                .bind(&self.name)
                .fetch_optional(&mut **conn)
                .await?;
        Ok(next.is_none_or(|at| at <= now()))
    }

    /// Records a finished run by `by` and when the job is next due.
    pub async fn done(&mut self, next_at: i64, by: &str) -> Result<()> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO job_schedule (name, next_at, runs, last_run_by, last_run_at) \
             VALUES ($1, $2, 1, $3, $4) ON CONFLICT (name) DO UPDATE \
             SET next_at = $2, runs = job_schedule.runs + 1, last_run_by = $3, last_run_at = $4",
        )
        .bind(&self.name)
        .bind(next_at)
        .bind(by)
        .bind(now())
        .execute(&mut **conn)
        .await?;
        Ok(())
    }

    /// Lets go of the lock; the connection goes back to the pool.
    pub async fn release(mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        let unlocked = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT pg_advisory_unlock({LOCK_KEY})"
        )))
        .bind(&self.name)
        .execute(&mut *conn)
        .await;
        if let Err(e) = unlocked {
            tracing::warn!(error = %e, job = %self.name, "could not unlock a job; closing its connection");
            drop(conn.detach());
        }
    }
}

impl Drop for JobLock {
    fn drop(&mut self) {
        // Not released (a panic, a cancelled task): a pooled connection would keep the lock
        // for whoever uses it next, so it is closed instead.
        if let Some(conn) = self.conn.take() {
            drop(conn.detach());
        }
    }
}

/// How often each job ran and where, for tests and operators.
pub async fn runs(db: &Db, name: &str) -> Result<Option<(i64, String)>> {
    let Db::Postgres(pool) = db else {
        return Ok(None);
    };
    Ok(
        sqlx::query_as("SELECT runs, last_run_by FROM job_schedule WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await?,
    )
}
