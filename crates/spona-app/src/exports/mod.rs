//! Open data without caps (issue 24 item 1): every public data set as CSV, XLSX or ODS,
//! however many rows it has, written as it is read from the database.
//!
//! [`run`] is the one export loop, shared by the HTTP downloads and anything else that
//! writes an export to a `Write`: it reads a page of rows ([`DataSet::page`], keyset paging,
//! with the same access rules as the pages — contact details only where the directory shows
//! them), hands each row to the format's [`Sink`], and reads the next page only once the
//! sink has taken the last. It runs on a blocking thread; its writer blocks while the reader
//! is slower, and fails once the reader is gone, and then the loop stops: no page is read
//! for a client that hung up. The directory's organisations take a faster road of their
//! own ([`directory_rows`]): one pass over the database, cells written as borrowed text.

pub mod columns;
mod directory_rows;
pub mod sets;
pub mod sinks;
pub mod table;
pub mod viewer;

use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use serde::Deserialize;
use spona_domain::org::DirectoryFilter;
use spona_store::Db;

pub use sets::{Column, DataSet, Page};
pub use sinks::Sink;
pub use viewer::Viewer;

use crate::directory::query::DirectoryQuery;
use crate::{Actor, Error, Result};

/// A file format of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Ods,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Xlsx, Format::Ods];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }

    pub fn parse(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }
}

/// The query string of a download: the directory's filters (organisations only) and `bom`.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct ExportQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub offers: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub network: String,
    /// `1`: a CSV starts with a byte-order mark (for Excel); `0` or absent: none.
    #[serde(default)]
    pub bom: String,
}

/// One export, checked: what, in which format, filtered how.
#[derive(Debug, Clone)]
pub struct Request {
    pub set: DataSet,
    pub format: Format,
    pub filter: DirectoryFilter,
    pub bom: bool,
}

impl Request {
    /// Checks a download's file name (`organisations.csv`) and query. An unknown data set is
    /// [`Error::NotFound`]; an unknown format, a bad `bom` or a bad filter is
    /// [`Error::BadRequest`] naming it.
    pub fn parse(file: &str, q: &ExportQuery) -> Result<Request> {
        let (name, ext) = file.rsplit_once('.').ok_or(Error::NotFound)?;
        let set = DataSet::parse(name).ok_or(Error::NotFound)?;
        let format = Format::parse(ext).ok_or(Error::BadRequest("exp-err-format"))?;
        let bom = match q.bom.as_str() {
            "" | "0" => false,
            "1" => true,
            _ => return Err(Error::BadRequest("exp-err-bom")),
        };
        let dq = DirectoryQuery {
            q: q.q.clone(),
            country: q.country.clone(),
            theme: q.theme.clone(),
            offers: q.offers.clone(),
            needs: q.needs.clone(),
            language: q.language.clone(),
            network: q.network.clone(),
            page: None,
        };
        if !set.filterable() && (dq.has_filters() || !dq.q.is_empty()) {
            return Err(Error::BadRequest("exp-err-no-filters"));
        }
        let filter = dq.filter()?;
        Ok(Request {
            set,
            format,
            filter,
            bom,
        })
    }

    /// The download's file name.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.set.name(), self.format.extension())
    }
}

/// Rows written by every export since the process started (for tests and logs).
pub static ROWS_WRITTEN: AtomicU64 = AtomicU64::new(0);
/// Exports running now.
pub static RUNNING: AtomicI64 = AtomicI64::new(0);

/// Counts a running export while it lives.
struct Running;

impl Running {
    fn start() -> Running {
        RUNNING.fetch_add(1, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How an export ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every row was written; how many (without the header).
    Done(u64),
    /// The reader went away after this many rows; nothing more was read.
    Abandoned(u64),
}

/// Writes the export `req` to `out` as `actor` may see it. Blocking: run it on a blocking
/// thread, with `rt` the runtime the database pool lives on. `gone` tells whether the
/// reader has gone away (asked between pages, for formats that write nothing until the
/// end); a write that fails ends the export as abandoned too.
pub fn run<'w, W: Write + Send + 'w>(
    actor: &Actor,
    db: &Db,
    rt: &tokio::runtime::Handle,
    req: &Request,
    out: W,
    gone: impl Fn() -> bool,
) -> Result<Outcome> {
    let _running = Running::start();
    let viewer = rt.block_on(Viewer::of(db, actor))?;
    let mut sink: Box<dyn Sink + 'w> = match req.format {
        Format::Csv => Box::new(sinks::Csv::new(out, req.bom).map_err(io_error)?),
        Format::Xlsx => Box::new(sinks::Xlsx::new(out).map_err(io_error)?),
        Format::Ods => Box::new(sinks::Ods::new(out, req.set.name()).map_err(io_error)?),
    };
    let mut rows = 0u64;
    if sink.row(&req.set.header()).is_err() {
        return Ok(Outcome::Abandoned(rows));
    }
    if req.set == DataSet::Organisations {
        let outcome = directory_rows::write(&viewer, db, rt, &req.filter, &mut *sink, &gone)?;
        if matches!(outcome, Outcome::Abandoned(_)) || gone() || sink.finish().is_err() {
            let (Outcome::Done(n) | Outcome::Abandoned(n)) = outcome;
            return Ok(Outcome::Abandoned(n));
        }
        return Ok(outcome);
    }
    let mut after = String::new();
    loop {
        if gone() {
            return Ok(Outcome::Abandoned(rows));
        }
        let page = rt.block_on(req.set.page(&viewer, db, &req.filter, &after))?;
        for row in &page.rows {
            if sink.row(row).is_err() {
                return Ok(Outcome::Abandoned(rows));
            }
            rows += 1;
        }
        ROWS_WRITTEN.fetch_add(page.rows.len() as u64, Ordering::Relaxed);
        match page.next {
            Some(next) => after = next,
            None => break,
        }
    }
    if gone() || sink.finish().is_err() {
        return Ok(Outcome::Abandoned(rows));
    }
    Ok(Outcome::Done(rows))
}

fn io_error(e: std::io::Error) -> Error {
    Error::Internal(anyhow::anyhow!(e))
}
