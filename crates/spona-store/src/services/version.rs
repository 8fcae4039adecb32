//! The version of what the published catalogue shows (migration 0103): `services_version`,
//! bumped by triggers in every transaction that changes a service or any of its rows, and
//! `directory_version` (organisations' names and countries).

use crate::{Db, Result, on_db};

/// Both counters; a catalogue built at one value stays right until either moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CatalogueVersion {
    pub services: i64,
    pub directory: i64,
}

/// The current [`CatalogueVersion`] (one small query).
pub async fn catalogue_version(db: &Db) -> Result<CatalogueVersion> {
    let rows: Vec<(String, i64)> = on_db!(db, p => sqlx::query_as(
        "SELECT key, value FROM meta WHERE key IN ('services_version', 'directory_version')")
        .fetch_all(p).await)?;
    let get = |k: &str| rows.iter().find(|r| r.0 == k).map_or(0, |r| r.1);
    Ok(CatalogueVersion {
        services: get("services_version"),
        directory: get("directory_version"),
    })
}

/// The `search_text` of every published service, by id: the terms the catalogue in memory
/// indexes (the same column `LIKE '% term %'` reads in [`super::search`]).
pub async fn published_search_texts(db: &Db) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, search_text FROM services WHERE status = 'published' ORDER BY id")
        .fetch_all(p).await)?)
}
