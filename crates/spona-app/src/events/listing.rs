//! The public events list, kept in memory (issue 18: the list page's p99).
//!
//! A [`Snapshot`] holds every event in list order with its organisers' names, and each
//! series' occurrences once they are first needed (expanded once, not on every request).
//! It is built at one [`ListVersion`]: `events_version`, which triggers bump inside every
//! transaction that changes an event, its left-out dates or its organisers (migration
//! 0084), and `directory_version` (organisers' names). Each request reads the version (one
//! small query) and rebuilds the snapshot when either moved, so several servers on one
//! database stay right. A request never gets a snapshot older than the version it read.
//!
//! What a list shows is the same as [`super::list`] with [`super::shown_occurrence`]
//! (tests compare the two).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use spona_store::Db;
use spona_store::events::{self as store, Event, Exdate, Filter, ListVersion};
use tokio::sync::{Mutex, RwLock};

use crate::Result;

/// One event of the list.
#[derive(Debug)]
pub struct Entry {
    /// The event, its long texts (summary, agenda, speakers, report) left out.
    pub event: Event,
    /// The organisers' names, in the order lists show them, joined by ", ".
    pub organisers: String,
    /// Left-out dates of this event.
    exdates: Vec<Exdate>,
    /// The occurrences as (start, end), expanded the first time a request needs them.
    occurrences: OnceLock<Vec<(i64, i64)>>,
}

impl Entry {
    /// The occurrence a list shows, as [`super::shown_occurrence`] gives it.
    pub fn shown(&self, now: i64, first: bool) -> (i64, i64) {
        let e = &self.event;
        if e.rrule.is_none() || (self.exdates.is_empty() && (first || e.ends_at > now)) {
            return (e.starts_at, e.ends_at);
        }
        let occ = self.occurrences.get_or_init(|| {
            super::occurrences(e, &self.exdates)
                .iter()
                .map(|o| (o.starts_at, o.ends_at))
                .collect()
        });
        let found = if first {
            occ.first()
        } else {
            // Every occurrence lasts as long as the first, so their ends are in order.
            occ.get(occ.partition_point(|o| o.1 <= now)).or(occ.first())
        };
        found.copied().unwrap_or((e.starts_at, e.ends_at))
    }
}

/// Every event at one version, in list order.
#[derive(Debug)]
pub struct Snapshot {
    pub version: ListVersion,
    /// Soonest first (by first start, then id), as upcoming lists order them.
    entries: Vec<Entry>,
    /// Indexes into `entries` latest first (by first start descending, then id), as past
    /// lists order them.
    latest_first: Vec<usize>,
}

impl Snapshot {
    async fn load(db: &Db, version: ListVersion) -> Result<Snapshot> {
        let events = store::list(db, &Filter::default()).await?;
        let organisers = store::organisers(db, None).await?;
        let exdates = store::exdates(db, None).await?;
        let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
        for o in &organisers {
            names
                .entry(o.event_id.as_str())
                .or_default()
                .push(o.name.as_str());
        }
        let mut left_out: HashMap<String, Vec<Exdate>> = HashMap::new();
        for x in exdates {
            left_out.entry(x.event_id.clone()).or_default().push(x);
        }
        let entries: Vec<Entry> = events
            .into_iter()
            .map(|mut event| {
                for long in [
                    &mut event.summary,
                    &mut event.agenda,
                    &mut event.speakers,
                    &mut event.report,
                ] {
                    *long = String::new();
                }
                Entry {
                    organisers: names
                        .get(event.id.as_str())
                        .map(|v| v.join(", "))
                        .unwrap_or_default(),
                    exdates: left_out.remove(&event.id).unwrap_or_default(),
                    occurrences: OnceLock::new(),
                    event,
                }
            })
            .collect();
        let mut latest_first: Vec<usize> = (0..entries.len()).collect();
        latest_first.sort_by(|&a, &b| {
            let (a, b) = (&entries[a].event, &entries[b].event);
            b.starts_at.cmp(&a.starts_at).then_with(|| a.id.cmp(&b.id))
        });
        Ok(Snapshot {
            version,
            entries,
            latest_first,
        })
    }

    /// Events not over at `now` (their last occurrence ends after it), soonest first: what
    /// `Filter { ending_after: Some(now), limit }` lists.
    pub fn upcoming(&self, now: i64, limit: usize) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| e.event.last_ends_at > now)
            .take(limit)
    }

    /// Events over at `now`, latest first: what `Filter { ended_before: Some(now), limit }`
    /// lists.
    pub fn past(&self, now: i64, limit: usize) -> impl Iterator<Item = &Entry> {
        self.latest_first
            .iter()
            .map(|&i| &self.entries[i])
            .filter(move |e| e.event.last_ends_at <= now)
            .take(limit)
    }

    /// How many events the snapshot holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The snapshot of one server, shared by its requests.
#[derive(Default)]
pub struct ListCache {
    current: RwLock<Option<Arc<Snapshot>>>,
    reloading: Mutex<()>,
}

impl ListCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The snapshot at the database's current version, rebuilt when anything changed (one
    /// request rebuilds; the others that need the new version wait for it).
    pub async fn snapshot(&self, db: &Db) -> Result<Arc<Snapshot>> {
        let version = store::list_version(db).await?;
        let fresh_enough = |s: &Snapshot| {
            s.version.events >= version.events && s.version.directory >= version.directory
        };
        if let Some(s) = self.current.read().await.as_ref()
            && fresh_enough(s)
        {
            return Ok(s.clone());
        }
        let _guard = self.reloading.lock().await;
        if let Some(s) = self.current.read().await.as_ref()
            && fresh_enough(s)
        {
            return Ok(s.clone());
        }
        // The version is read before the rows: rows newer than it only make the next
        // request rebuild once more, never keep an older list under a newer version.
        let fresh = Arc::new(Snapshot::load(db, version).await?);
        *self.current.write().await = Some(fresh.clone());
        Ok(fresh)
    }
}
