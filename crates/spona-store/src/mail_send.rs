//! Sending from the mail queue ([`crate::mail`]): claims with a lease, so that a row is
//! taken by one sender at a time; the outcome of each attempt; addresses that bounced; the
//! tokens of one-click unsubscribe links; counts for the admin page.

use crate::{Db, Result, Tx, new_id, on_db, on_tx};

/// A claimed message with what the sender needs to decide about it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub list_id: Option<String>,
    pub list_name: Option<String>,
    pub thread: Option<String>,
    pub created_at: i64,
    pub attempts: i64,
    /// The recipient left the message's list.
    pub opted_out: bool,
    /// The recipient's address bounced and was not confirmed since.
    pub bouncing: bool,
    /// The locale the message is written in, if its writer said (`sr-Latn`).
    pub locale: Option<String>,
}

/// Claims up to `limit` due messages until `until` and returns them, oldest first. A row
/// claimed by another sender whose claim has not run out is not taken; the claim is
/// re-checked row by row when the update runs (PostgreSQL re-evaluates the condition of a
/// row another transaction changed), so two senders never hold the same row.
pub async fn claim(db: &Db, now: i64, until: i64, limit: i64) -> Result<Vec<Claimed>> {
    let claim = new_id();
    on_db!(db, p => sqlx::query(
        "UPDATE mail_queue SET claim = $1, claimed_until = $2 \
         WHERE due_at IS NOT NULL AND due_at <= $3 \
           AND (claimed_until IS NULL OR claimed_until < $3) \
           AND id IN (SELECT id FROM mail_queue WHERE due_at IS NOT NULL AND due_at <= $3 \
                      AND (claimed_until IS NULL OR claimed_until < $3) \
                      ORDER BY due_at, id LIMIT $4)")
        .bind(&claim).bind(until).bind(now).bind(limit).execute(p).await.map(|_| ()))?;
    Ok(on_db!(db, p => sqlx::query_as::<_, Claimed>(
        "SELECT q.id, q.recipient, q.subject, q.body, q.list_id, q.list_name, q.thread, \
         q.created_at, CAST(q.attempts AS BIGINT) AS attempts, \
         (o.address IS NOT NULL) AS opted_out, (b.address IS NOT NULL) AS bouncing, \
         q.locale FROM mail_queue q \
         LEFT JOIN mail_optouts o ON o.address = q.recipient AND o.list_id = q.list_id \
         LEFT JOIN mail_bounces b ON b.address = q.recipient \
         WHERE q.claim = $1 AND q.due_at IS NOT NULL ORDER BY q.due_at, q.id")
        .bind(&claim).fetch_all(p).await)?)
}

/// Marks a claimed message sent (its server answered 250): never taken again.
pub async fn mark_sent(db: &Db, id: &str, at: i64) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "UPDATE mail_queue SET sent_at = $2, due_at = NULL, attempts = attempts + 1, \
         claim = NULL, claimed_until = NULL, last_error = NULL WHERE id = $1")
        .bind(id).bind(at).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Marks the messages `sent` (id, when) as sent, in one statement (their time: the latest).
async fn mark_all_sent(db: &Db, sent: &[(&str, i64)]) -> Result<()> {
    let at = sent.iter().map(|(_, at)| *at).max().unwrap_or_default();
    let params: Vec<String> = (0..sent.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE mail_queue SET sent_at = $1, due_at = NULL, attempts = attempts + 1, \
         claim = NULL, claimed_until = NULL, last_error = NULL WHERE id IN ({})",
        params.join(", ")
    ));
    on_db!(db, p => {
        let mut q = sqlx::query(sql).bind(at);
        for (id, _) in sent {
            q = q.bind(*id);
        }
        q.execute(p).await.map(|_| ())
    })?;
    Ok(())
}

/// A failed attempt to try again at `due` (a 4xx answer, a timeout, a refused connection).
pub async fn retry_at(db: &Db, id: &str, due: i64, error: &str) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "UPDATE mail_queue SET due_at = $2, attempts = attempts + 1, last_error = $3, \
         claim = NULL, claimed_until = NULL WHERE id = $1")
        .bind(id).bind(due).bind(error).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Gives a message up (a permanent failure, or a recipient who left its list or bounced).
pub async fn give_up(db: &Db, id: &str, reason: &str, counts_as_attempt: bool) -> Result<()> {
    let add = i64::from(counts_as_attempt);
    on_db!(db, p => sqlx::query(
        "UPDATE mail_queue SET due_at = NULL, failed = $2, last_error = $2, \
         attempts = attempts + $3, claim = NULL, claimed_until = NULL WHERE id = $1")
        .bind(id).bind(reason).bind(add).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Records that mail to `address` bounced permanently (kept at its first bounce until
/// confirmed; a later bounce replaces the reason).
pub async fn mark_bouncing(db: &Db, address: &str, at: i64, reason: &str) -> Result<()> {
    let address = address.trim().to_lowercase();
    on_db!(db, p => sqlx::query(
        "INSERT INTO mail_bounces (address, bounced_at, reason) VALUES ($1, $2, $3) \
         ON CONFLICT (address) DO UPDATE SET reason = excluded.reason")
        .bind(&address).bind(at).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// An address that bounced.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Bounce {
    pub address: String,
    pub bounced_at: i64,
    pub reason: String,
}

/// Whether (and why) `address` bounced.
pub async fn bounce(db: &Db, address: &str) -> Result<Option<Bounce>> {
    let address = address.trim().to_lowercase();
    Ok(on_db!(db, p => sqlx::query_as::<_, Bounce>(
        "SELECT address, bounced_at, reason FROM mail_bounces WHERE address = $1")
        .bind(&address).fetch_optional(p).await)?)
}

/// Stores the SHA-256 (hex) of a new confirmation link for a bouncing address; `false` when
/// the address is not bouncing.
pub async fn set_confirm_hash_in(tx: &mut Tx, address: &str, hash: &str) -> Result<bool> {
    let address = address.trim().to_lowercase();
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE mail_bounces SET confirm_hash = $2 WHERE address = $1")
        .bind(&address).bind(hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// The bouncing address a confirmation link (by its hash) belongs to.
pub async fn confirming(db: &Db, hash: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT address FROM mail_bounces WHERE confirm_hash = $1")
        .bind(hash).fetch_optional(p).await)?)
}

/// Confirms the address of a confirmation link: its bounce is forgotten. Returns the address,
/// or `None` for a link that is unknown or already used.
pub async fn confirm_in(tx: &mut Tx, hash: &str) -> Result<Option<String>> {
    let address: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT address FROM mail_bounces WHERE confirm_hash = $1")
        .bind(hash).fetch_optional(&mut *c).await)?;
    if let Some(a) = &address {
        on_tx!(tx, c => sqlx::query("DELETE FROM mail_bounces WHERE address = $1")
            .bind(a).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(address)
}

/// What an unsubscribe token stands for.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListToken {
    pub address: String,
    pub list_id: String,
    pub list_name: Option<String>,
    /// The address already left the list.
    pub left: bool,
}

/// The (address, list) of an unsubscribe token stored by an earlier version (random, one
/// per address and list), if it is one; links made now are signed ([`queued_list`]).
pub async fn by_token(db: &Db, token: &str) -> Result<Option<ListToken>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ListToken>(
        "SELECT t.address, t.list_id, t.list_name, (o.address IS NOT NULL) AS left \
         FROM mail_list_tokens t LEFT JOIN mail_optouts o \
           ON o.address = t.address AND o.list_id = t.list_id WHERE t.token = $1")
        .bind(token).fetch_optional(p).await)?)
}

/// The queue at a glance, for platform admins.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Waiting to leave (due now or later).
    pub queued: i64,
    pub sent: i64,
    /// Given up (permanent failures, recipients who left a list or bounced).
    pub failed: i64,
    /// Waiting after a failed attempt.
    pub retrying: i64,
    /// Addresses that bounced and were not confirmed since.
    pub bouncing: i64,
    /// The newest error of a message still waiting, or of the last one given up.
    pub last_error: Option<String>,
}

/// Counts of the queue.
pub async fn stats(db: &Db) -> Result<Stats> {
    let (queued, sent, failed, retrying): (i64, i64, i64, i64) = on_db!(db, p => sqlx::query_as(
        "SELECT \
           CAST(COALESCE(SUM(CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN failed IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN due_at IS NOT NULL AND attempts > 0 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM mail_queue")
        .fetch_one(p).await)?;
    let bouncing: i64 = on_db!(db, p => sqlx::query_scalar("SELECT COUNT(*) FROM mail_bounces")
        .fetch_one(p).await)?;
    let last_error: Option<String> = on_db!(db, p => sqlx::query_scalar(
        "SELECT last_error FROM mail_queue WHERE last_error IS NOT NULL \
         ORDER BY (due_at IS NULL), created_at DESC, id DESC LIMIT 1")
        .fetch_optional(p).await)?;
    Ok(Stats {
        queued,
        sent,
        failed,
        retrying,
        bouncing,
        last_error,
    })
}

/// Messages waiting to leave now (claimed or not): what a test waits for.
pub async fn due_count(db: &Db, now: i64) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_queue WHERE due_at IS NOT NULL AND due_at <= $1")
        .bind(now).fetch_one(p).await)?)
}

/// What happened to one message of a batch, written with the others in one transaction
/// ([`record`]).
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The server answered 250: never taken again.
    Sent { id: String, at: i64 },
    /// Try again at `due` (a 4xx answer, a timeout, a refused connection or login).
    Retry { id: String, due: i64, error: String },
    /// Given up (a permanent failure, or a recipient who left its list or bounced).
    GiveUp {
        id: String,
        reason: String,
        counts_as_attempt: bool,
    },
    /// The recipient's server refused it for good: given up, the address bounces.
    Bounced {
        id: String,
        address: String,
        at: i64,
        reason: String,
    },
}

/// Writes outcomes in one transaction (one commit, one fsync on SQLite); a lone "sent" mark
/// is one statement (no `BEGIN`: the sender writes most marks one by one, right after their
/// 250, and the shortest write is the shortest window for a repeat).
pub async fn record(db: &Db, outcomes: &[Outcome]) -> Result<()> {
    match outcomes {
        [] => return Ok(()),
        [Outcome::Sent { id, at }] => return mark_sent(db, id, *at).await,
        _ => {}
    }
    // Messages sent: one statement for the whole group, so that a group never takes longer
    // to mark than one row does (a sender fast enough to outrun row-by-row marks would
    // otherwise grow its groups, and a crash during a long one loses all of its marks).
    let sent: Vec<(&str, i64)> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Sent { id, at } => Some((id.as_str(), *at)),
            _ => None,
        })
        .collect();
    if sent.len() == outcomes.len() {
        return mark_all_sent(db, &sent).await;
    }
    let mut tx = db.begin().await?;
    for o in outcomes {
        match o {
            Outcome::Sent { id, at } => on_tx!(&mut tx, c => sqlx::query(
                "UPDATE mail_queue SET sent_at = $2, due_at = NULL, attempts = attempts + 1, \
                 claim = NULL, claimed_until = NULL, last_error = NULL WHERE id = $1")
                .bind(id).bind(at).execute(&mut *c).await.map(|_| ()))?,
            Outcome::Retry { id, due, error } => on_tx!(&mut tx, c => sqlx::query(
                "UPDATE mail_queue SET due_at = $2, attempts = attempts + 1, last_error = $3, \
                 claim = NULL, claimed_until = NULL WHERE id = $1")
                .bind(id).bind(due).bind(error).execute(&mut *c).await.map(|_| ()))?,
            Outcome::GiveUp {
                id,
                reason,
                counts_as_attempt,
            } => give_up_in(&mut tx, id, reason, *counts_as_attempt).await?,
            Outcome::Bounced {
                id,
                address,
                at,
                reason,
            } => {
                give_up_in(&mut tx, id, reason, true).await?;
                let address = address.trim().to_lowercase();
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO mail_bounces (address, bounced_at, reason) VALUES ($1, $2, $3) \
                     ON CONFLICT (address) DO UPDATE SET reason = excluded.reason")
                    .bind(&address).bind(at).bind(reason).execute(&mut *c).await.map(|_| ()))?;
            }
        }
    }
    tx.commit().await
}

async fn give_up_in(tx: &mut Tx, id: &str, reason: &str, counts_as_attempt: bool) -> Result<()> {
    let add = i64::from(counts_as_attempt);
    on_tx!(tx, c => sqlx::query(
        "UPDATE mail_queue SET due_at = NULL, failed = $2, last_error = $2, \
         attempts = attempts + $3, claim = NULL, claimed_until = NULL WHERE id = $1")
        .bind(id).bind(reason).bind(add).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// A second, small pool on the same database whose commits do not wait for the disk: SQLite
/// `synchronous = NORMAL` (in WAL mode a commit is written to the log, not synced) and
/// PostgreSQL `synchronous_commit = off`. The sender writes its outcomes through it
/// ([`record`] on this pool): a mark is safe from a crash of the process the moment its
/// commit returns (SQLite: the log is in the operating system's cache; PostgreSQL: the
/// server committed it), so the time a 250 waits unmarked is one short write, not an fsync;
/// a power cut may lose the last marks, and those messages are sent again (never lost). Every
/// other write keeps the main pool's full durability (the next synced commit on either pool
/// makes the marks before it durable too).
pub async fn marks_pool(db: &Db) -> Result<Db> {
    Ok(match db {
        Db::Sqlite(p) => {
            let options = (*p.connect_options())
                .clone()
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
            Db::Sqlite(
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(options)
                    .await?,
            )
        }
        Db::Postgres(p) => {
            let options = (*p.connect_options())
                .clone()
                .options([("synchronous_commit", "off")]);
            Db::Postgres(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(2)
                    .connect_with(options)
                    .await?,
            )
        }
    })
}

/// Records the locale a queued message is written in (its list footer follows it).
pub async fn set_locale_in(tx: &mut Tx, id: &str, locale: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE mail_queue SET locale = $2 WHERE id = $1")
        .bind(id).bind(locale).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The list message `id` was sent on, its recipient and whether the recipient left the list
/// since: what a signed unsubscribe link of that message stands for.
pub async fn queued_list(db: &Db, id: &str) -> Result<Option<ListToken>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ListToken>(
        "SELECT q.recipient AS address, q.list_id, q.list_name, (o.address IS NOT NULL) AS left \
         FROM mail_queue q LEFT JOIN mail_optouts o \
           ON o.address = q.recipient AND o.list_id = q.list_id \
         WHERE q.id = $1 AND q.list_id IS NOT NULL")
        .bind(id).fetch_optional(p).await)?)
}

/// The server's secret `name` (hex), made (random, 32 bytes) on first use; every server on
/// the database shares it.
pub async fn secret(db: &Db, name: &str, fresh: &str, at: i64) -> Result<String> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING")
        .bind(name).bind(fresh).bind(at).execute(p).await.map(|_| ()))?;
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT secret FROM server_secrets WHERE name = $1")
        .bind(name).fetch_one(p).await)?)
}
