//! One transaction on either database, so that a use case can compose several store calls
//! (the change, its audit entry, its notice) into one commit.
//!
//! A store function that takes part in a use case's transaction takes `&mut Tx` and runs its
//! statements through [`on_tx!`](crate::on_tx); its `&Db` form, where one exists, opens a
//! transaction, calls it and commits. Dropping a `Tx` without [`Tx::commit`] rolls it back.

use crate::{Db, Result};

/// An open transaction on one of the two databases.
#[derive(Debug)]
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Expands one body for both transactions: `$conn` is a `&mut SqliteConnection` in one arm
/// and a `&mut PgConnection` in the other; statements run on `&mut *$conn`.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $conn: &mut sqlx::SqliteConnection = &mut *t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $conn: &mut sqlx::PgConnection = &mut *t;
                $body
            }
        }
    };
}

impl Db {
    /// Opens a transaction; commit it with [`Tx::commit`].
    ///
    /// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`, waiting out the busy
    /// timeout). A transaction opened as SQLite's default (`DEFERRED`) reads from a snapshot
    /// and fails its first write at once with `SQLITE_BUSY_SNAPSHOT` ("database is locked",
    /// answered 503) when another connection committed in between, without waiting: that is
    /// what a create behind a background writer hit under load (issue 16's CI). Every
    /// transaction here exists to compose writes, so each one is a writer from its start.
    /// On PostgreSQL a plain `BEGIN`.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Tx::Sqlite(_) => "sqlite",
            Tx::Postgres(_) => "postgres",
        }
    }
}

/// Fails the transaction on purpose when `SPONA_TEST_FAULT` names `point` (`tx:<point>`), so
/// that tests can show a use case interrupted half-way leaves nothing half-done. Costs one
/// environment lookup; never set in production.
pub fn fault_point(point: &str) -> Result<()> {
    if std::env::var("SPONA_TEST_FAULT")
        .is_ok_and(|v| v.split(',').any(|f| f.strip_prefix("tx:") == Some(point)))
    {
        return Err(crate::StoreError::Config(format!(
            "test fault injected at {point}"
        )));
    }
    Ok(())
}
