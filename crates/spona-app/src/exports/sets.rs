//! The data sets an export can hold: their columns, their rows page by page as the actor may
//! see them, and how many rows to expect.

use spona_domain::org::DirectoryFilter;
use spona_store::Db;
use spona_store::exports as store;
use spona_store::exports_more as more;
use spona_store::monitoring::rec_list::{self, RecFilter};
use spona_store::services::{self as services, Scope};

use super::columns::*;
use super::sinks::csv_field;
use super::table::{ForeignKey, Shape};
use super::viewer::Viewer;
use crate::Result;
use crate::services::hsds_flat::{TABLE_LANGS, service_flat};

/// One data set of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSet {
    /// The directory's organisations (the directory's filters apply).
    Organisations,
    /// Networks with their coordinator and members.
    Networks,
    /// The organisations' offers and needs, one row per term.
    KnowHow,
    /// Events (events are public), without what goes to registrants only.
    Events,
    /// The resource hub's metadata, one row per language variant: public resources, and for
    /// a signed-in reader those the hub's rule lets them read.
    Resources,
    /// Monitoring: the recommendations (public texts).
    Recommendations,
    /// Monitoring: the civil society organisations' assessments.
    Assessments,
    /// The services catalogue: HSDS's `service` table.
    Services,
}

/// A column: its name and its Frictionless type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// `string`, `integer`, `number`, `date` or `datetime`.
    pub kind: &'static str,
    pub description: &'static str,
}

/// Rows of one page and the key to read on from (`None`: the data set is done).
#[derive(Debug, Default)]
pub struct Page {
    pub rows: Vec<Vec<String>>,
    pub next: Option<String>,
}

/// Rows per page read from the database.
pub const PAGE_ROWS: i64 = 1000;

/// A time as the exports write it: RFC 3339 in UTC, to the second.
pub fn utc(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

impl DataSet {
    pub const ALL: [DataSet; 8] = [
        DataSet::Organisations,
        DataSet::Networks,
        DataSet::KnowHow,
        DataSet::Events,
        DataSet::Resources,
        DataSet::Recommendations,
        DataSet::Assessments,
        DataSet::Services,
    ];

    /// The name in addresses and file names.
    pub fn name(self) -> &'static str {
        match self {
            DataSet::Organisations => "organisations",
            DataSet::Networks => "networks",
            DataSet::KnowHow => "know-how",
            DataSet::Events => "events",
            DataSet::Resources => "resources",
            DataSet::Recommendations => "recommendations",
            DataSet::Assessments => "assessments",
            DataSet::Services => "services",
        }
    }

    pub fn parse(name: &str) -> Option<DataSet> {
        DataSet::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Whether the directory's filters apply.
    pub fn filterable(self) -> bool {
        self == DataSet::Organisations
    }

    /// The table of columns.
    fn shape(self) -> &'static dyn Shape {
        match self {
            DataSet::Organisations => &*ORGANISATIONS,
            DataSet::Networks => &*NETWORKS,
            DataSet::KnowHow => &*KNOW_HOW,
            DataSet::Events => &*EVENTS,
            DataSet::Resources => &*RESOURCES,
            DataSet::Recommendations => &*RECOMMENDATIONS,
            DataSet::Assessments => &*ASSESSMENTS,
            DataSet::Services => &*SERVICES,
        }
    }

    /// The columns, in file order.
    pub fn columns(self) -> Vec<Column> {
        self.shape().columns()
    }

    /// The primary key's columns.
    pub fn primary_key(self) -> &'static [&'static str] {
        self.shape().primary_key()
    }

    /// Foreign keys: (column, data set, its column).
    pub fn foreign_keys(self) -> &'static [ForeignKey] {
        self.shape().foreign_keys()
    }

    /// The header row.
    pub fn header(self) -> Vec<String> {
        self.columns().into_iter().map(|c| c.name).collect()
    }

    /// How many rows the export will have for `viewer` (read now; rows written during a
    /// long export may add to it).
    pub async fn count(self, viewer: &Viewer, db: &Db, filter: &DirectoryFilter) -> Result<i64> {
        Ok(match self {
            DataSet::Organisations => store::count_orgs(db, filter).await?,
            DataSet::Networks => store::count(db, store::Counted::Networks).await?,
            DataSet::KnowHow => store::count(db, store::Counted::KnowHow).await?,
            DataSet::Events => store::count(db, store::Counted::Events).await?,
            DataSet::Resources => more::count_hub(db, &viewer.hub_reader()).await?,
            DataSet::Recommendations => rec_list::count(db, &RecFilter::default()).await?,
            DataSet::Assessments => more::count(db, more::Counted::Assessments).await?,
            DataSet::Services => more::count(db, more::Counted::Services).await?,
        })
    }

    /// The rows following the key `after` (empty: from the start), as `viewer` may see them.
    pub async fn page(
        self,
        viewer: &Viewer,
        db: &Db,
        filter: &DirectoryFilter,
        after: &str,
    ) -> Result<Page> {
        self.page_of(viewer, db, filter, after, PAGE_ROWS).await
    }

    /// [`DataSet::page`] reading at most `n` records.
    async fn page_of(
        self,
        viewer: &Viewer,
        db: &Db,
        filter: &DirectoryFilter,
        after: &str,
        n: i64,
    ) -> Result<Page> {
        let v = viewer;
        Ok(match self {
            DataSet::Organisations => {
                ORGANISATIONS.page(v, &store::orgs(db, filter, after, n).await?, n)
            }
            DataSet::Networks => NETWORKS.page(v, &store::networks(db, after, n).await?, n),
            DataSet::KnowHow => KNOW_HOW.page(v, &store::know_how(db, after, n).await?, n),
            DataSet::Events => EVENTS.page(v, &store::events(db, after, n).await?, n),
            DataSet::Resources => {
                let public_only = !v.actor.is_signed_in();
                RESOURCES.page(v, &more::hub(db, public_only, after, n).await?, n)
            }
            DataSet::Recommendations => {
                let recs = rec_list::after(db, &RecFilter::default(), after, n as u32).await?;
                RECOMMENDATIONS.page(v, &recs, n)
            }
            DataSet::Assessments => ASSESSMENTS.page(v, &more::assessments(db, after, n).await?, n),
            DataSet::Services => {
                let ids = services::published_ids_after(db, after, n as u32).await?;
                let mut found = services::load(db, Scope::Ids(&ids)).await?;
                found.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
                let rows: Vec<_> = found
                    .iter()
                    .map(|s| service_flat(s, &TABLE_LANGS))
                    .collect();
                let mut page = SERVICES.page(v, &rows, n);
                // Paged by the ids read, whatever `load` found of them.
                page.next = (ids.len() as i64 == n)
                    .then(|| ids.last().cloned())
                    .flatten();
                page
            }
        })
    }

    /// The rows `viewer` would download and an estimate of the CSV's size in bytes, from
    /// the first rows written as CSV (the export page's note before a download).
    pub async fn estimate(self, viewer: &Viewer, db: &Db) -> Result<(i64, u64)> {
        let all = DirectoryFilter::default();
        let rows = self.count(viewer, db, &all).await?;
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                csv_field(&mut out, c);
            }
            out.len() as u64 + 2
        };
        let header = line(&self.header());
        if rows == 0 {
            return Ok((0, header));
        }
        let sample = self.page_of(viewer, db, &all, "", SAMPLE_ROWS).await?;
        let n = sample.rows.len() as u64;
        let bytes: u64 = sample.rows.iter().map(|r| line(r)).sum();
        let per_row = if n == 0 { 0 } else { bytes.div_ceil(n) };
        Ok((rows, header + per_row * rows as u64))
    }
}

/// Records read to estimate a file's size.
const SAMPLE_ROWS: i64 = 100;
