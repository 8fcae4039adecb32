//! The index's life cycle around faults. The index is derived data, so no fault in it may
//! stop Spona or lose a document for good:
//!
//! - a failed write (a full disk) drops the writer and goes back to the last commit on
//!   disk and its change number, so the next catch-up indexes again what was lost;
//! - an index that cannot be opened, or that fails (or panics) while searching, is moved
//!   aside (`search.damaged-<time>`) and replaced by an empty one; until the caller has
//!   caught it up from the database and called [`SearchIndex::mark_complete`], searches
//!   answer [`SearchError::Rebuilding`] with the reason;
//! - an index whose lock another process holds is never touched: [`SearchError::Locked`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::index::Inner;
use crate::{SearchError, SearchQuery, SearchResults};

/// The search index of the resource hub. `Send + Sync`: share it behind an `Arc`.
pub struct SearchIndex {
    /// `None` for an index in memory.
    dir: Option<PathBuf>,
    current: RwLock<Arc<Inner>>,
    /// Why the index is incomplete (it is being rebuilt), or `None`.
    rebuilding: Mutex<Option<String>>,
    /// Whether a repair (a catch-up retried until it succeeds) is running.
    repairing: AtomicBool,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("indexed_seq", &self.indexed_seq())
            .field("rebuilding", &self.rebuilding())
            .finish()
    }
}

/// Runs `f`, turning a panic into an error.
fn guarded<R>(f: impl FnOnce() -> Result<R, SearchError>) -> Result<R, SearchError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let text = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_owned());
            Err(SearchError::Panicked(text))
        }
    }
}

/// Whether tantivy refused because another writer (another process) holds the index.
fn locked(e: &SearchError) -> bool {
    matches!(
        e,
        SearchError::Index(tantivy::TantivyError::LockFailure(..))
    )
}

impl SearchIndex {
    /// Opens the index in `dir` (created if missing). An index of another schema version
    /// is recreated (then [`indexed_seq`](Self::indexed_seq) is 0). A damaged one is moved
    /// aside and replaced by an empty one that [`rebuilding`](Self::rebuilding) explains.
    /// Fails only when the directory cannot be used, or when another process holds the
    /// index ([`SearchError::Locked`]).
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let (inner, rebuilding) = match guarded(|| Inner::open(dir)) {
            Ok(inner) => (inner, None),
            Err(e) if locked(&e) => {
                return Err(SearchError::Locked {
                    path: dir.to_path_buf(),
                });
            }
            Err(e @ SearchError::Io { .. }) => return Err(e),
            Err(e) => {
                let aside = move_aside(dir)?;
                let reason = format!(
                    "the search index could not be opened ({e}); it was moved to {} and is \
                     being rebuilt from the database",
                    aside.display()
                );
                (Inner::open(dir)?, Some(reason))
            }
        };
        Ok(SearchIndex {
            dir: Some(dir.to_path_buf()),
            current: RwLock::new(Arc::new(inner)),
            rebuilding: Mutex::new(rebuilding),
            repairing: AtomicBool::new(false),
        })
    }

    /// An index in memory (tests, benchmarks).
    pub fn open_in_ram() -> Result<Self, SearchError> {
        Ok(SearchIndex {
            dir: None,
            current: RwLock::new(Arc::new(Inner::open_in_ram()?)),
            rebuilding: Mutex::new(None),
            repairing: AtomicBool::new(false),
        })
    }

    fn current(&self) -> Arc<Inner> {
        match self.current.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Why searches cannot be answered now: the index is being rebuilt from the database.
    pub fn rebuilding(&self) -> Option<String> {
        match self.rebuilding.lock() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Says that the index holds everything again (the caller caught it up after a
    /// rebuild).
    pub fn mark_complete(&self) {
        match self.rebuilding.lock() {
            Ok(mut r) => *r = None,
            Err(poisoned) => *poisoned.into_inner() = None,
        }
    }

    /// Moves a damaged index aside and starts an empty one (change number 0); searches
    /// answer [`SearchError::Rebuilding`] with `reason` until [`mark_complete`](Self::mark_complete).
    pub fn replace_damaged(&self, reason: &str) -> Result<(), SearchError> {
        let mut current = match self.current.write() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        let fresh = match &self.dir {
            Some(dir) => {
                // The old index keeps its files open until the last search on it ends; on
                // Unix moving the directory does not disturb them.
                current.reset_writer();
                let aside = move_aside(dir)?;
                let said = format!(
                    "the search index failed ({reason}); it was moved to {} and is being \
                     rebuilt from the database",
                    aside.display()
                );
                *self.rebuilding.lock().unwrap_or_else(|p| p.into_inner()) = Some(said);
                Inner::open(dir)?
            }
            None => {
                *self.rebuilding.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!(
                    "the search index failed ({reason}); it is being rebuilt"
                ));
                Inner::open_in_ram()?
            }
        };
        *current = Arc::new(fresh);
        Ok(())
    }

    /// Claims the one repair that may run at a time; `false` when one runs already.
    pub fn begin_repair(&self) -> bool {
        !self.repairing.swap(true, Ordering::SeqCst)
    }

    /// Ends the repair [`begin_repair`](Self::begin_repair) claimed.
    pub fn end_repair(&self) {
        self.repairing.store(false, Ordering::SeqCst);
    }

    /// Runs a write on the current index; after a failure the writer is dropped and the
    /// index goes back to its last commit (see [`Inner::reset_writer`]).
    fn write<R>(&self, f: impl FnOnce(&Inner) -> Result<R, SearchError>) -> Result<R, SearchError> {
        let inner = self.current();
        let r = guarded(|| f(&inner));
        if r.is_err() {
            inner.reset_writer();
        }
        r
    }

    /// Adds a resource, replacing any with the same id. Visible after [`commit`](Self::commit).
    pub fn upsert(&self, doc: &crate::ResourceDoc) -> Result<(), SearchError> {
        self.write(|i| i.upsert(doc))
    }

    /// Removes a resource. Takes effect at the next [`commit`](Self::commit).
    pub fn delete(&self, id: &str) -> Result<(), SearchError> {
        self.write(|i| i.delete(id))
    }

    /// Makes the writes so far durable and visible, recording `seq` — the last database
    /// change they reflect — in the commit. On failure nothing since the last commit
    /// counts: [`indexed_seq`](Self::indexed_seq) goes back to that commit's number.
    pub fn commit(&self, seq: i64) -> Result<(), SearchError> {
        self.write(|i| i.commit(seq))
    }

    /// Deletes every resource and sets the change number to 0, for a full rebuild. Takes
    /// effect at the next [`commit`](Self::commit), so searches see the old index until
    /// the rebuild commits.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.write(|i| i.clear())
    }

    /// The change number of the last commit (0 for a new, recreated or cleared index).
    pub fn indexed_seq(&self) -> i64 {
        self.current().indexed_seq()
    }

    /// Searches as `q.reader`. Never fails on the query text. While the index is being
    /// rebuilt: [`SearchError::Rebuilding`]. A search that fails (or panics) in the index
    /// itself marks it damaged: it is replaced, and the error says it is being rebuilt.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        if let Some(reason) = self.rebuilding() {
            return Err(SearchError::Rebuilding(reason));
        }
        let inner = self.current();
        match guarded(|| inner.search(q)) {
            Ok(r) => Ok(r),
            Err(e) => {
                drop(inner);
                let reason = e.to_string();
                self.replace_damaged(&reason)?;
                Err(SearchError::Rebuilding(self.rebuilding().unwrap_or(reason)))
            }
        }
    }

    /// Waits until background segment merges have finished (see [`Inner::wait_merges`]).
    pub fn wait_merges(&self) -> Result<(), SearchError> {
        self.current().wait_merges()
    }

    /// Number of segments searched (a diagnostic for benchmarks).
    pub fn segment_count(&self) -> usize {
        self.current().segment_count()
    }
}

/// Moves `dir` to `dir.damaged-<unix seconds>` and creates `dir` again, empty.
fn move_aside(dir: &Path) -> Result<PathBuf, SearchError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "search".to_owned());
    let mut aside = dir.with_file_name(format!("{name}.damaged-{secs}"));
    let mut n = 1;
    while aside.exists() {
        aside = dir.with_file_name(format!("{name}.damaged-{secs}-{n}"));
        n += 1;
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SearchError::Io { path, source }
    };
    std::fs::rename(dir, &aside).map_err(io(dir))?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    Ok(aside)
}
