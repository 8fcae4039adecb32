//! Spona's storage over SQLite (embedded, the default) and PostgreSQL (production).
//!
//! Each query is written once, in the SQL both databases share (`$n` placeholders,
//! `RETURNING`, `ON CONFLICT`), and run through [`on_db!`] on whichever pool is open.
//! Times are Unix seconds; ids are UUIDv7 strings.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

pub mod audit;
pub mod call_files;
pub mod calls;
pub mod changes;
pub mod custodylog;
pub mod directory;
pub mod endorsements;
pub mod events;
pub mod exports;
pub mod exports_more;
pub mod exports_stream;
pub mod federation;
pub mod groups;
pub mod idempotency;
pub mod ids;
pub mod jobs;
pub mod joint_texts;
pub mod mail;
pub mod mail_send;
pub mod matching;
pub mod monitoring;
pub mod networks;
pub mod newsletters;
pub mod notifications;
pub mod orgs;
pub mod pairs;
pub mod publications;
pub mod publog;
pub mod quiz_answers;
pub mod quizzes;
pub mod quota;
pub mod rate_buckets;
pub mod referrals;
pub mod resources;
pub mod search_upgrade;
pub mod services;
pub mod sessions;
pub mod stored_files;
pub mod tokens;
pub mod trials;
pub mod trials_edit;
pub mod tx;
pub mod users;
pub mod vault;
pub mod vault_warnings;

pub use tx::Tx;

/// Expands one body for both pools: `$pool` is a `&SqlitePool` in one arm and a
/// `&PgPool` in the other, so generic sqlx calls type-check in each.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// An open connection pool to one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// What went wrong in the store. Handlers map these to HTTP statuses.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value is taken already; names the column (e.g. `email`, `slug`).
    #[error("already taken: {0}")]
    Conflict(String),
    /// A create form's one-time key was used already: the first post committed and its
    /// answer pointed here.
    #[error("already done: {0}")]
    Replay(String),
    /// The database URL names no supported database.
    #[error("{0}")]
    Config(String),
    /// Anything else from the database: logged, never shown.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An upload would pass a storage quota: `used` of `allowed` bytes are stored already.
    #[error("storage quota reached: {used} of {allowed} bytes used")]
    OverQuota {
        kind: quota::QuotaKind,
        used: i64,
        allowed: i64,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// The database has no room left: SQLite's `SQLITE_FULL` (a full disk or its page
    /// limit), PostgreSQL's `disk_full` (53100), or the operating system's "no space".
    /// Nothing of the failed statement's transaction was committed.
    pub fn is_storage_full(&self) -> bool {
        let StoreError::Database(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::Database(db) => {
                let code = db.code().unwrap_or_default();
                // SQLite reports its extended code; the primary code is its low byte.
                let sqlite_full = code.parse::<i64>().is_ok_and(|c| c & 0xff == 13);
                sqlite_full || code == "53100" || db.message().contains("disk is full")
            }
            sqlx::Error::Io(io) => io_full(io),
            _ => false,
        }
    }

    /// The database refused for now: SQLite's `SQLITE_BUSY`/`SQLITE_LOCKED` after the busy
    /// timeout, a read-only database file, or no connection to be had in time.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::Database(db) => db
                .code()
                .and_then(|c| c.parse::<i64>().ok())
                .is_some_and(|c| matches!(c & 0xff, 5 | 6 | 8)),
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => true,
            sqlx::Error::Io(io) => !io_full(io),
            _ => false,
        }
    }
}

fn io_full(io: &std::io::Error) -> bool {
    matches!(
        io.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// Turns a unique-key violation into [`StoreError::Conflict`] naming the column.
pub(crate) fn conflict(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        let text = format!("{} {}", db.constraint().unwrap_or_default(), db.message());
        let column = ["email", "slug", "network_id", "org_id", "lang"]
            .into_iter()
            .find(|c| text.contains(c))
            .unwrap_or("value");
        return StoreError::Conflict(column.to_owned());
    }
    StoreError::Database(e)
}

/// How long a SQLite write in the server waits for another's to finish before it fails.
pub const SERVER_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite's page cache per connection (`PRAGMA cache_size`, negative: KiB): 4 MiB. Each
/// pooled connection keeps its own cache, filled up to this as it touches pages, so a busy
/// server holds up to (8 + the marks pool's 1) × this. At 16 MiB a server running a digest
/// for 10,000 members while sending it grew by 141 MiB (peak RSS 200 MiB; 4 MiB: +56 MiB,
/// 20,000 members +64 MiB; on PostgreSQL +4 MiB): the growth was the caches filling with
/// the queue's pages, not the run's data (`bench/digest.sh SERVE=1`). A page not cached is
/// read from the operating system's cache.
pub const SQLITE_CACHE_KIB: &str = "-4096";

impl Db {
    /// Opens the database a URL names: `sqlite://path` (created if missing) or
    /// `postgres://…`. Any other scheme is refused, never silently turned into a file.
    pub async fn connect(url: &str) -> Result<Db> {
        Self::connect_in_schema(url, None).await
    }

    /// Like [`Db::connect`]; on PostgreSQL, works inside `schema` (created if missing).
    /// Tests use this to give each run its own schema.
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Db> {
        Self::connect_with(url, schema, SERVER_BUSY_TIMEOUT).await
    }

    /// Like [`Db::connect`], but a SQLite write waits up to `busy` for another connection's
    /// (or process's) write to finish before it fails with "database is locked". The server
    /// keeps [`SERVER_BUSY_TIMEOUT`]; a command run beside a busy server (`spona vault
    /// rotate-signing-key`, imports) waits longer rather than stop half-way.
    pub async fn connect_waiting(url: &str, busy: Duration) -> Result<Db> {
        Self::connect_with(url, None, busy).await
    }

    async fn connect_with(url: &str, schema: Option<&str>, busy: Duration) -> Result<Db> {
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url, None, busy).await
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let mut options = PgConnectOptions::from_str(url)?;
            // One direct attempt first, so that a wrong host or a closed port fails at once,
            // naming where it looked, instead of a pool timing out after seconds.
            {
                use sqlx::Connection;
                let attempt = tokio::time::timeout(
                    Duration::from_secs(5),
                    sqlx::PgConnection::connect_with(&options),
                )
                .await;
                let reason = match attempt {
                    Ok(Ok(c)) => {
                        let _ = c.close().await;
                        None
                    }
                    Ok(Err(e)) => Some(e.to_string()),
                    Err(_) => Some("no answer within 5 seconds".to_owned()),
                };
                if let Some(reason) = reason {
                    return Err(StoreError::Config(format!(
                        "cannot connect to PostgreSQL at {}:{}: {reason}",
                        options.get_host(),
                        options.get_port()
                    )));
                }
            }
            if let Some(schema) = schema {
                if !schema
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    return Err(StoreError::Config(format!(
                        "invalid schema name {schema:?}"
                    )));
                }
                let admin = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(options.clone())
                    .await?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "CREATE SCHEMA IF NOT EXISTS {schema}"
                )))
                .execute(&admin)
                .await?;
                admin.close().await;
                options = options.options([("search_path", schema)]);
            }
            // Named in `pg_stat_activity`, so that an operator (or a test run) can count the
            // connections of each server: `spona` and the schema, if one was asked for.
            options = options.application_name(&match schema {
                Some(schema) => format!("spona {schema}"),
                None => "spona".to_owned(),
            });
            let pool = PgPoolOptions::new()
                .max_connections(Self::pg_pool_size()?)
                .acquire_timeout(Duration::from_secs(10))
                .after_release(|conn, _| Box::pin(async move { pg_idle(conn).await }))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::Config(format!(
                "unsupported database URL {:?}: use sqlite://PATH or postgres://USER@HOST/DB",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }

    /// How many PostgreSQL connections one server's pool may open: `SPONA_DATABASE_POOL`, or
    /// [`PG_POOL_DEFAULT`]. Several servers on one PostgreSQL share its `max_connections`
    /// (100 by default): each server holds up to this many, plus two for the mail sender's
    /// marks and one listening for other servers' changes, so N servers need N × (pool + 3)
    /// below it (`docs/deploy-several-servers.md`).
    pub fn pg_pool_size() -> Result<u32> {
        match std::env::var("SPONA_DATABASE_POOL") {
            Err(_) => Ok(Self::PG_POOL_DEFAULT),
            Ok(v) => match v.trim().parse::<u32>() {
                Ok(n @ 4..=1000) => Ok(n),
                _ => Err(StoreError::Config(format!(
                    "SPONA_DATABASE_POOL must be a number of connections from 4 to 1000, not {v:?}"
                ))),
            },
        }
    }

    /// A server's PostgreSQL connections when `SPONA_DATABASE_POOL` does not say.
    pub const PG_POOL_DEFAULT: u32 = 16;

    /// Opens a SQLite database whose file may grow to at most `max_pages` pages (SQLite's
    /// `max_page_count`, on every connection): a full disk made to order, for fault tests.
    #[doc(hidden)]
    pub async fn connect_sqlite_with_max_pages(url: &str, max_pages: u32) -> Result<Db> {
        Self::connect_sqlite(url, Some(max_pages), SERVER_BUSY_TIMEOUT).await
    }

    async fn connect_sqlite(url: &str, max_pages: Option<u32>, busy: Duration) -> Result<Db> {
        let mut options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk (the WAL synced) before it is acknowledged, so an
            // acknowledged custody entry or upload survives a power failure, not only a
            // crash of the process (NORMAL). Cost: see the README's benchmark figures.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(busy)
            .foreign_keys(true)
            .pragma("temp_store", "memory")
            .pragma("cache_size", SQLITE_CACHE_KIB);
        if let Some(pages) = max_pages {
            options = options.pragma("max_page_count", pages.to_string());
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .after_release(|conn, _| Box::pin(async move { sqlite_idle(conn).await }))
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    /// Applies every migration not yet applied, each in its own transaction.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Db::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// `sqlite` or `postgres`, for logs and the health page.
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A cheap query that fails when the database is unusable.
    pub async fn health(&self) -> Result<()> {
        on_db!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// What the database holds of the vault, for opening its keys: a vault key or a
    /// signing key is never created while data sealed or signed with the old one exists.
    pub async fn vault_facts(&self) -> Result<VaultFacts> {
        let (cases, signed): (i64, i64) = on_db!(self, p => sqlx::query_as(
            "SELECT (SELECT count(*) FROM vault_cases), \
                    (SELECT count(*) FROM vault_cases WHERE head_signature <> '') \
                    + (SELECT count(*) FROM referral_heads)")
            .fetch_one(p).await)?;
        let sample: Option<(String, String)> = on_db!(self, p => sqlx::query_as(
            "SELECT id, title FROM vault_cases ORDER BY id LIMIT 1")
            .fetch_optional(p).await)?;
        Ok(VaultFacts {
            cases,
            signed_heads: signed,
            sample,
        })
    }

    /// Every blob id the vault's items refer to (to find blob files nothing refers to).
    pub async fn vault_blob_ids(&self) -> Result<std::collections::HashSet<String>> {
        let ids: Vec<String> = on_db!(self, p => sqlx::query_scalar(
            "SELECT blob_id FROM vault_items WHERE blob_id IS NOT NULL")
            .fetch_all(p).await)?;
        Ok(ids.into_iter().collect())
    }

    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }
}

/// Whether a SQLite connection coming back to the pool may serve the next request: it must
/// be outside any transaction, both as sqlx counts them and as SQLite knows it.
///
/// After a full disk SQLite may roll a transaction back by itself; sqlx's `ROLLBACK` then
/// fails and its count stays above zero, so the connection's next "transaction" would be a
/// savepoint inside one that never commits, holding the write lock while writes are
/// acknowledged and lost. Such a connection is closed (which rolls back whatever it holds)
/// and the pool opens a fresh one. The probe `BEGIN; ROLLBACK` fails inside a transaction
/// and costs no lock outside one.
async fn sqlite_idle(conn: &mut sqlx::SqliteConnection) -> std::result::Result<bool, sqlx::Error> {
    use sqlx::Connection;
    if conn.is_in_transaction() {
        tracing::warn!("closing a database connection left inside a transaction");
        return Ok(false);
    }
    match sqlx::raw_sql("BEGIN; ROLLBACK").execute(&mut *conn).await {
        Ok(_) => Ok(true),
        Err(error) => {
            tracing::warn!(%error, "closing a database connection left inside a transaction");
            Ok(false)
        }
    }
}

/// The same check on PostgreSQL. Outside a transaction block every statement is its own
/// transaction, so `now()` (the transaction's start) equals `statement_timestamp()`; inside
/// one opened earlier it does not, and inside a failed one the probe itself fails.
async fn pg_idle(conn: &mut sqlx::PgConnection) -> std::result::Result<bool, sqlx::Error> {
    use sqlx::Connection;
    if conn.is_in_transaction() {
        tracing::warn!("closing a database connection left inside a transaction");
        return Ok(false);
    }
    // A simple query (not a prepared one), for which both times are taken together.
    let idle = sqlx::raw_sql("SELECT now() = statement_timestamp()")
        .fetch_one(&mut *conn)
        .await
        .and_then(|row| sqlx::Row::try_get::<bool, _>(&row, 0));
    match idle {
        Ok(true) => Ok(true),
        Ok(false) | Err(_) => {
            tracing::warn!("closing a database connection left inside a transaction");
            Ok(false)
        }
    }
}

/// See [`Db::vault_facts`].
#[derive(Debug, Clone, Default)]
pub struct VaultFacts {
    /// Vault cases in the database.
    pub cases: i64,
    /// Cases whose custody head is signed with the server's key.
    pub signed_heads: i64,
    /// One case's id and sealed title, to tell the right vault key from a wrong one when
    /// the `key-check` file is missing.
    pub sample: Option<(String, String)>,
}

/// Marks the directory as changed; run inside every transaction that changes organisations
/// or networks (see [`directory::Directory`]).
pub(crate) const BUMP_DIRECTORY: &str =
    "UPDATE meta SET value = value + 1 WHERE key = 'directory_version'";

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// A new time-ordered id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A fresh random secret token (256 bits, hex) for sessions, invitations and resets.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

/// What the database stores instead of a token.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// `?, ?, …` style placeholder list `$from, $from+1, …` for `IN (…)` clauses.
pub(crate) fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_from_offset() {
        assert_eq!(super::placeholders(3, 3), "$3, $4, $5");
    }
}
