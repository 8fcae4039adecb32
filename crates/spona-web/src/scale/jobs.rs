//! Running a background job on exactly one server at a time (issue 26, item 3).
//!
//! Every server runs every loop; each round of a loop asks [`once`], which on PostgreSQL
//! runs the job only while this server holds the job's advisory lock (on a connection of
//! its own, `spona_store::jobs`) and only when the shared schedule says the job is due, and
//! then moves the schedule on by the job's period. So three servers run the review
//! reminders once every six hours between them, never two at once; a server that dies
//! mid-job lets go of the lock with its connection and the job, still due, is run by the
//! next server that looks (within [`LOOK_EVERY`]). On SQLite `once` just runs the job.
//!
//! Already safe without this (claims in the database, checked in their own tests): the
//! mail sender (`mail_queue` claims), the newsletter sender (the cursor's compare-and-set)
//! and the federation sender (`packets::claim_due`); they keep running on every server,
//! which shares their work out.

use std::future::Future;
use std::time::Duration;

use spona_store::Db;

/// On PostgreSQL, how often at most a loop looks whether its job is due, so that the
/// cluster's period stays close to the job's whichever server happens to look.
pub const LOOK_EVERY: Duration = Duration::from_secs(15);

/// Runs `job` if this server should: always on SQLite; on PostgreSQL when it holds the
/// job's lock and the job is due. Returns whether it ran. A database failure skips this
/// round (logged); the next look tries again.
pub async fn once(db: &Db, name: &str, period: Duration, job: impl Future<Output = ()>) -> bool {
    if !matches!(db, Db::Postgres(_)) {
        job.await;
        return true;
    }
    let mut lock = match spona_store::jobs::try_lock(db, name).await {
        Ok(Some(lock)) => lock,
        Ok(None) => return false,
        Err(e) => {
            tracing::warn!(error = %e, job = name, "could not ask for a job's lock");
            return false;
        }
    };
    match lock.due().await {
        Ok(true) => {}
        Ok(false) => {
            lock.release().await;
            return false;
        }
        Err(e) => {
            tracing::warn!(error = %e, job = name, "could not read a job's schedule");
            lock.release().await;
            return false;
        }
    }
    job.await;
    let next = spona_store::now() + period.as_secs() as i64;
    if let Err(e) = lock.done(next, &server_id()).await {
        tracing::warn!(error = %e, job = name, "could not record a job's run");
    }
    lock.release().await;
    true
}

/// How long a loop of `period` sleeps between looks: its period on SQLite, at most
/// [`LOOK_EVERY`] on PostgreSQL.
pub fn look_every(db: &Db, period: Duration) -> Duration {
    match db {
        Db::Postgres(_) => period.min(LOOK_EVERY),
        Db::Sqlite(_) => period,
    }
}

/// This server, as the schedule records who ran a job: host name and process id.
pub fn server_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default();
    format!("{host}:{}", std::process::id())
}

/// A delay before a loop's first round, from the environment variable `var` in seconds
/// (tests start jobs at once), else `default`.
pub fn first_delay(var: &str, default: Duration) -> Duration {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(default)
}
