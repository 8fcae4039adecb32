//! What a campaign's page reads — the campaign with its texts, its counters per country
//! and its owner's name — kept for at most [`FRESH_FOR`] per campaign and database, so
//! that a page under load (issue 22: ≥ 2,000 req/s with 50,000 endorsements, and holding
//! while 1,000 endorsements a second arrive) reads no database at all most of the time,
//! and a burst of endorsements does not starve it of pooled connections.
//!
//! Fresh: an entry is dropped as soon as this process writes to any campaign
//! ([`spona_store::endorsements::changes`] moves; the confirming POST, a bulk
//! invalidation, an edit or a closing), so a reader sees their own confirmation at once;
//! writes from elsewhere (another process) show within [`FRESH_FOR`]. A request to
//! endorse changes nothing a page shows (only confirmed endorsements count), so a burst
//! of them leaves the entries in place.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use spona_store::Db;
use spona_store::endorsements::{self as store, Campaign};

use crate::Result;

/// How long an entry serves without a write of this process in between.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// Entries kept at most; past it the stale ones go, then all.
const MAX_ENTRIES: usize = 1024;

/// A campaign's page as read from the database.
#[derive(Debug)]
pub struct Read {
    pub campaign: Campaign,
    pub counts: Vec<(String, i64)>,
    pub owner_name: String,
}

struct Entry {
    at: Instant,
    changes: u64,
    read: Arc<Read>,
}

type Key = (String, String);

static ENTRIES: LazyLock<Mutex<HashMap<Key, Entry>>> = LazyLock::new(Default::default);

/// Which database: the SQLite file, or PostgreSQL's server, database and options
/// (its schema), so that two databases in one process never share entries.
pub(super) fn database(db: &Db) -> String {
    match db {
        Db::Sqlite(p) => p.connect_options().get_filename().display().to_string(),
        Db::Postgres(p) => {
            let o = p.connect_options();
            format!(
                "{}:{}/{}?{}",
                o.get_host(),
                o.get_port(),
                o.get_database().unwrap_or_default(),
                o.get_options().unwrap_or_default()
            )
        }
    }
}

/// Campaign `id`'s page, from the cache while fresh, else read (and kept); `None` for an
/// unknown campaign (not kept: it may be created any moment).
pub async fn read(db: &Db, id: &str) -> Result<Option<Arc<Read>>> {
    let key = (database(db), id.to_owned());
    let changes = store::changes();
    if let Some(e) = lock().get(&key)
        && e.changes == changes
        && e.at.elapsed() < FRESH_FOR
    {
        return Ok(Some(e.read.clone()));
    }
    let at = Instant::now();
    let Some(campaign) = store::campaign(db, id).await? else {
        return Ok(None);
    };
    let counts = store::counts(db, id).await?;
    let owner_name = super::campaigns::owner_names(db, std::slice::from_ref(&campaign))
        .await?
        .pop()
        .unwrap_or_default();
    let read = Arc::new(Read {
        campaign,
        counts,
        owner_name,
    });
    let mut entries = lock();
    if entries.len() >= MAX_ENTRIES {
        entries.retain(|_, e| e.at.elapsed() < FRESH_FOR);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
    }
    entries.insert(
        key,
        Entry {
            at,
            changes,
            read: read.clone(),
        },
    );
    Ok(Some(read))
}

fn lock() -> std::sync::MutexGuard<'static, HashMap<Key, Entry>> {
    // A panic while holding the lock leaves nothing half-written worth refusing.
    ENTRIES.lock().unwrap_or_else(|e| e.into_inner())
}
