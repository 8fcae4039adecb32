//! The version of what event lists show (migration 0084): `events_version`, bumped by
//! triggers in every transaction that changes an event, its left-out dates or its
//! organisers, and `directory_version` (organisers' names).

use crate::{Db, Result, on_db};

/// Both counters; a list built at one value stays right until either moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListVersion {
    pub events: i64,
    pub directory: i64,
}

/// The current [`ListVersion`] (one small query).
pub async fn list_version(db: &Db) -> Result<ListVersion> {
    let rows: Vec<(String, i64)> = on_db!(db, p => sqlx::query_as(
        "SELECT key, value FROM meta WHERE key IN ('events_version', 'directory_version')")
        .fetch_all(p).await)?;
    let get = |k: &str| rows.iter().find(|r| r.0 == k).map_or(0, |r| r.1);
    Ok(ListVersion {
        events: get("events_version"),
        directory: get("directory_version"),
    })
}
