//! Importing recommendations from CSV or XLSX files in the UHRI export layout or the UPR Info
//! layout (see [`layout`]): a preview that says what each row would do — created, updated,
//! unchanged, or skipped and why —, and the import itself in one transaction: nothing is
//! written unless every row is good. Matched by mechanism + symbol + paragraph, so a second
//! import of the same file changes nothing.
//!
//! The file is read on a blocking thread ([`read::each_row`]) and handed over in batches of
//! [`BATCH`] rows through a channel of a few batches, so memory stays flat whatever the
//! file's length; each batch is classified (preview) or written (import) in a fixed number
//! of statements ([`spona_store::monitoring::rec_upsert`]).

pub mod countries;
pub mod dates;
pub mod layout;
pub mod read;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use spona_domain::monitoring::NewRecommendation;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::monitoring::rec_prepared::Prepared;
use spona_store::monitoring::rec_upsert::{self, Outcome};
use tokio::sync::mpsc;

pub use layout::{Columns, HeaderError, Layout, RowError};
pub use read::{Format, ReadError};

use crate::{Actor, Error};

/// Rows classified or written together.
pub const BATCH: usize = 500;
/// Rows listed by name in a preview, per list.
pub const LISTED: usize = 100;

/// The ISO alpha-2 code of a state given by code (`RS`) or name (`Serbia`, `Србија`,
/// `Republic of Korea`, `Iran (Islamic Republic of)`).
pub fn state_code(s: &str) -> Option<&'static str> {
    let s = s.trim();
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = s.to_ascii_uppercase();
        return countries::NAMES
            .iter()
            .map(|(_, c)| *c)
            .find(|c| *c == upper);
    }
    let mut key = String::new();
    for c in spona_i18n::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    let key = key.trim_end();
    countries::NAMES
        .binary_search_by(|(n, _)| (*n).cmp(key))
        .ok()
        .map(|i| countries::NAMES[i].1)
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Read(ReadError),
    Header(HeaderError),
    Row(RowError),
}

/// Why an import or a preview did not complete.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file (its reason is shown to the person; nothing was written).
    #[error("the file cannot be imported: {0:?}")]
    File(FileProblem),
    /// Access, the database, anything else.
    #[error(transparent)]
    App(#[from] Error),
}

impl From<spona_store::StoreError> for ImportError {
    fn from(e: spona_store::StoreError) -> Self {
        ImportError::App(Error::Store(e))
    }
}

/// What happens to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    Created,
    Updated,
    Unchanged,
    /// The same mechanism, symbol and paragraph as an earlier row of the file.
    Duplicate {
        of: usize,
    },
}

/// One row as a preview lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRow {
    pub row: usize,
    pub outcome: RowOutcome,
    pub mechanism: String,
    pub symbol: String,
    pub paragraph: String,
    /// The start of the text.
    pub text: String,
}

/// What a preview found, or an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub format: Option<Format>,
    pub layout: Option<Layout>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// The first [`LISTED`] rows that are created, updated or unchanged.
    pub rows: Vec<ListedRow>,
    /// The first [`LISTED`] rows skipped.
    pub skipped_rows: Vec<ListedRow>,
    /// The first [`LISTED`] bad rows; `error_count` counts them all.
    pub errors: Vec<RowError>,
    pub error_count: usize,
    /// A problem with the whole file (unreadable, wrong columns): nothing can be imported.
    pub file_problem: Option<FileProblem>,
}

impl Summary {
    fn empty() -> Self {
        Summary {
            format: None,
            layout: None,
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            rows: Vec::new(),
            skipped_rows: Vec::new(),
            errors: Vec::new(),
            error_count: 0,
            file_problem: None,
        }
    }

    /// Whether the file can be imported as it is.
    pub fn importable(&self) -> bool {
        self.file_problem.is_none() && self.error_count == 0
    }

    fn list(&mut self, row: usize, outcome: RowOutcome, r: &NewRecommendation) {
        let target = match outcome {
            RowOutcome::Duplicate { .. } => &mut self.skipped_rows,
            _ => &mut self.rows,
        };
        if target.len() < LISTED {
            target.push(ListedRow {
                row,
                outcome,
                mechanism: r.mechanism.as_str().to_owned(),
                symbol: r.symbol.clone(),
                paragraph: r.paragraph.clone(),
                text: r
                    .texts
                    .first()
                    .map(|(_, t)| t.chars().take(160).collect())
                    .unwrap_or_default(),
            });
        }
    }

    fn count(&mut self, row: usize, o: Outcome, r: &NewRecommendation) {
        let outcome = match o {
            Outcome::Created => {
                self.created += 1;
                RowOutcome::Created
            }
            Outcome::Updated => {
                self.updated += 1;
                RowOutcome::Updated
            }
            Outcome::Unchanged => {
                self.unchanged += 1;
                RowOutcome::Unchanged
            }
        };
        self.list(row, outcome, r);
    }
}

/// What the reading thread hands over.
enum Msg {
    /// Good rows (their row numbers, and each prepared), each key once in the whole file
    /// so far.
    Batch(Vec<usize>, Vec<Prepared>),
    /// A row whose key an earlier row had.
    Duplicate(usize, usize, Box<NewRecommendation>),
    Bad(RowError),
}

/// Why the reading thread stopped early.
enum Stop {
    Problem(FileProblem),
    /// The receiver is gone (the import failed, or the preview has enough).
    Closed,
}

impl From<ReadError> for Stop {
    fn from(e: ReadError) -> Self {
        Stop::Problem(FileProblem::Read(e))
    }
}

fn key_hash(r: &NewRecommendation) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rec_upsert::key_of(r).hash(&mut h);
    h.finish()
}

/// The reading thread: it ends with the file's format and layout, or the problem with the
/// whole file (`None` when it stopped because the receiver went away).
type Reader = tokio::task::JoinHandle<Result<(Format, Layout), Option<FileProblem>>>;

/// Reads `path` on a blocking thread; returns the channel of its batches and the thread,
/// which ends with the file's format and layout or the problem with the whole file.
fn scan(path: PathBuf, layout: Option<Layout>) -> (mpsc::Receiver<Msg>, Reader) {
    let (tx, rx) = mpsc::channel::<Msg>(4);
    let handle = tokio::task::spawn_blocking(move || {
        let mut columns: Option<Columns> = None;
        let mut rows: Vec<usize> = Vec::with_capacity(BATCH);
        let mut batch: Vec<Prepared> = Vec::with_capacity(BATCH);
        // Each key's hash and the row that first had it: a few bytes a row.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        let send = |m: Msg| tx.blocking_send(m).map_err(|_| Stop::Closed);
        let result = read::each_row(&path, |row, cells| -> Result<(), Stop> {
            let Some(cols) = &columns else {
                let c = Columns::from_header(&cells, layout)
                    .map_err(|e| Stop::Problem(FileProblem::Header(e)))?;
                columns = Some(c);
                return Ok(());
            };
            if Columns::blank(&cells) {
                return Ok(());
            }
            match cols.recommendation(row, &cells) {
                Err(e) => send(Msg::Bad(e)),
                Ok(r) => match seen.entry(key_hash(&r)) {
                    std::collections::hash_map::Entry::Occupied(first) => {
                        send(Msg::Duplicate(row, *first.get(), Box::new(r)))
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(row);
                        rows.push(row);
                        // Its hash, computed here while the batch before is written.
                        batch.push(Prepared::to_classify(r));
                        if batch.len() >= BATCH {
                            send(Msg::Batch(
                                std::mem::replace(&mut rows, Vec::with_capacity(BATCH)),
                                std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                            ))?;
                        }
                        Ok(())
                    }
                },
            }
        });
        let format = match result {
            Ok(f) => f,
            Err(Stop::Problem(p)) => return Err(Some(p)),
            Err(Stop::Closed) => return Err(None),
        };
        if !batch.is_empty() && tx.blocking_send(Msg::Batch(rows, batch)).is_err() {
            return Err(None);
        }
        match columns {
            Some(c) => Ok((format, c.layout)),
            None => Err(Some(FileProblem::Read(ReadError::Empty))),
        }
    });
    (rx, handle)
}

type ReadOutcome = Result<(Format, Layout), Option<FileProblem>>;

async fn finish(handle: Reader) -> Result<ReadOutcome, Error> {
    handle
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("import reader: {e}")))
}

/// Who may import or add recommendations: platform admins (Spona has no monitoring
/// coordinator role; recommendations are public texts of public bodies, so their
/// curation is the platform's).
pub fn require_editor(actor: &Actor) -> Result<(), Error> {
    actor.require_admin().map(|_| ())
}

/// What importing the file at `path` would do, row by row, without writing anything.
/// Problems are part of the summary, not errors: the page shows them.
pub async fn preview(
    actor: &Actor,
    db: &Db,
    path: &Path,
    layout: Option<Layout>,
) -> Result<Summary, Error> {
    require_editor(actor)?;
    preview_from_command_line(db, path, layout).await
}

/// The same for the command line's `--dry-run`, run by the operator.
pub async fn preview_from_command_line(
    db: &Db,
    path: &Path,
    layout: Option<Layout>,
) -> Result<Summary, Error> {
    let (mut rx, handle) = scan(path.to_owned(), layout);
    let mut s = Summary::empty();
    while let Some(msg) = rx.recv().await {
        match msg {
            Msg::Batch(rows, recs) => {
                let outcomes = rec_upsert::classify_prepared(db, &recs).await?;
                for ((row, p), o) in rows.iter().zip(&recs).zip(outcomes) {
                    s.count(*row, o, &p.rec);
                }
            }
            Msg::Duplicate(row, of, r) => {
                s.skipped += 1;
                s.list(row, RowOutcome::Duplicate { of }, &r);
            }
            Msg::Bad(e) => {
                s.error_count += 1;
                if s.errors.len() < LISTED {
                    s.errors.push(e);
                }
            }
        }
    }
    match finish(handle).await? {
        Ok((format, layout)) => {
            s.format = Some(format);
            s.layout = Some(layout);
        }
        Err(p) => s.file_problem = p,
    }
    Ok(s)
}

/// Imports the file at `path` for a platform admin: every row or none.
pub async fn apply(
    actor: &Actor,
    db: &Db,
    path: &Path,
    layout: Option<Layout>,
) -> Result<Summary, ImportError> {
    require_editor(actor)?;
    write(db, actor.id(), path, layout).await
}

/// The same from the command line (`spona monitoring import`), run by the operator.
pub async fn apply_from_command_line(
    db: &Db,
    path: &Path,
    layout: Option<Layout>,
) -> Result<Summary, ImportError> {
    write(db, None, path, layout).await
}

async fn write(
    db: &Db,
    actor_id: Option<&str>,
    path: &Path,
    layout: Option<Layout>,
) -> Result<Summary, ImportError> {
    let (mut rx, handle) = scan(path.to_owned(), layout);
    // It reads (classifies) before it writes: the write lock is taken first on SQLite.
    let mut tx = db.begin().await?;
    // The search terms of the rows written: each distinct word analysed once per import.
    let mut memo = spona_search::TermMemo::new();
    let mut s = Summary::empty();
    while let Some(msg) = rx.recv().await {
        match msg {
            Msg::Batch(rows, recs) => {
                let outcomes = rec_upsert::upsert_prepared_in(&mut tx, &recs, &mut memo).await?;
                for ((row, p), (o, _)) in rows.iter().zip(&recs).zip(outcomes) {
                    s.count(*row, o, &p.rec);
                }
            }
            Msg::Duplicate(row, of, r) => {
                s.skipped += 1;
                s.list(row, RowOutcome::Duplicate { of }, &r);
            }
            // The transaction is dropped: nothing of the file is kept.
            Msg::Bad(e) => return Err(ImportError::File(FileProblem::Row(e))),
        }
    }
    let (format, layout) = match finish(handle).await? {
        Ok(v) => v,
        Err(Some(p)) => return Err(ImportError::File(p)),
        Err(None) => {
            return Err(Error::Internal(anyhow::anyhow!("import reader stopped")).into());
        }
    };
    s.format = Some(format);
    s.layout = Some(layout);
    audit::record_in(
        &mut tx,
        Event {
            actor_id,
            action: "monitoring.recommendations_imported",
            target_kind: "recommendations",
            target_id: "",
            detail: format!(
                "format={} layout={} created={} updated={} unchanged={} skipped={}",
                format.describe(),
                layout.as_str(),
                s.created,
                s.updated,
                s.unchanged,
                s.skipped
            ),
        },
    )
    .await?;
    spona_store::tx::fault_point("monitoring.import")?;
    tx.commit().await?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_code_and_by_name() {
        assert_eq!(state_code("RS"), Some("RS"));
        assert_eq!(state_code("rs"), Some("RS"));
        assert_eq!(state_code("Serbia"), Some("RS"));
        assert_eq!(state_code("Србија"), Some("RS"));
        assert_eq!(state_code("Republic of Korea"), Some("KR"));
        assert_eq!(state_code("Iran (Islamic Republic of)"), Some("IR"));
        assert_eq!(state_code("Kosovo"), Some("XK"));
        assert_eq!(state_code("Côte d'Ivoire"), Some("CI"));
        assert_eq!(state_code("Atlantis"), None);
        assert_eq!(state_code("QQ"), None);
    }

    #[test]
    fn the_names_are_sorted_for_the_binary_search() {
        assert!(countries::NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
