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
pub mod directory;
pub mod idempotency;
pub mod matching;
pub mod networks;
pub mod notifications;
pub mod orgs;
pub mod pairs;
pub mod resources;
pub mod sessions;
pub mod tokens;
pub mod users;
pub mod vault;

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
    /// The database URL names no supported database.
    #[error("{0}")]
    Config(String),
    /// Anything else from the database: logged, never shown.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

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

impl Db {
    /// Opens the database a URL names: `sqlite://path` (created if missing) or
    /// `postgres://…`. Any other scheme is refused, never silently turned into a file.
    pub async fn connect(url: &str) -> Result<Db> {
        Self::connect_in_schema(url, None).await
    }

    /// Like [`Db::connect`]; on PostgreSQL, works inside `schema` (created if missing).
    /// Tests use this to give each run its own schema.
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Db> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-16000");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let mut options = PgConnectOptions::from_str(url)?;
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
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
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

    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }
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
    fn migration_lists_match() {
        let names = |dir: &str| {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .expect("migrations dir")
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            v.sort();
            v
        };
        let sqlite = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"));
        let postgres = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"));
        assert!(!sqlite.is_empty());
        assert_eq!(
            sqlite, postgres,
            "every migration must exist for both databases"
        );
    }

    #[test]
    fn placeholders_number_from_offset() {
        assert_eq!(super::placeholders(3, 3), "$3, $4, $5");
    }
}
