//! Notices of changes made by other servers on one PostgreSQL (issue 26): migration 0350's
//! trigger sends `NOTIFY spona_resource_seq` with `schema:number` when a transaction that
//! took a new `meta.resource_seq` commits; a [`Listener`] hears those of its own schema.
//! SQLite serves one process and has no listener.

use sqlx::postgres::PgListener;

use crate::{Db, Result};

/// The channel migration 0350's trigger notifies.
pub const RESOURCE_SEQ: &str = "spona_resource_seq";

/// A connection of its own listening for resource changes.
pub struct Listener {
    inner: PgListener,
    prefix: String,
}

impl Listener {
    /// Starts listening; `None` on SQLite.
    pub async fn connect(db: &Db) -> Result<Option<Listener>> {
        let Db::Postgres(pool) = db else {
            return Ok(None);
        };
        let schema: String = sqlx::query_scalar("SELECT current_schema()")
            .fetch_one(pool)
            .await?;
        let mut inner = PgListener::connect_with(pool).await?;
        inner.listen(RESOURCE_SEQ).await?;
        Ok(Some(Listener {
            inner,
            prefix: format!("{schema}:"),
        }))
    }

    /// Waits for the next change of this schema and returns its change number, or `None`
    /// when the connection was lost: what was notified meanwhile is lost with it, so the
    /// caller catches up by reading the database (the next call connects again).
    pub async fn next(&mut self) -> Result<Option<i64>> {
        loop {
            let Some(n) = self.inner.try_recv().await? else {
                return Ok(None);
            };
            if let Some(seq) = n.payload().strip_prefix(&self.prefix)
                && let Ok(seq) = seq.parse()
            {
                return Ok(Some(seq));
            }
        }
    }
}
