//! The one generic path from records to rows: a data set is a [`Table`] — its columns, each
//! with the getter that writes its cell from a record as the reader may see it, its keys,
//! the keyset key a page ends at, and which records the reader may see at all. A page of
//! records becomes a page of rows here for every data set alike.

use super::sets::{Column, PAGE_ROWS, Page};
use super::viewer::Viewer;

type Getter<R> = Box<dyn Fn(&R, &Viewer) -> String + Send + Sync>;

/// One column and how its cell is written.
pub struct Field<R> {
    pub column: Column,
    get: Getter<R>,
}

/// A column whose cell does not depend on the reader.
pub fn field<R>(
    name: impl Into<String>,
    kind: &'static str,
    description: &'static str,
    get: impl Fn(&R) -> String + Send + Sync + 'static,
) -> Field<R> {
    seen(name, kind, description, move |r, _| get(r))
}

/// A column whose cell depends on who reads (contact details).
pub fn seen<R>(
    name: impl Into<String>,
    kind: &'static str,
    description: &'static str,
    get: impl Fn(&R, &Viewer) -> String + Send + Sync + 'static,
) -> Field<R> {
    Field {
        column: Column {
            name: name.into(),
            kind,
            description,
        },
        get: Box::new(get),
    }
}

/// A foreign key of a data set: its column, the data set and column it refers to.
pub type ForeignKey = (&'static str, &'static str, &'static str);

/// A data set's shape: columns, keys, paging and what a reader may see.
pub struct Table<R> {
    pub fields: Vec<Field<R>>,
    pub primary_key: &'static [&'static str],
    pub foreign_keys: &'static [ForeignKey],
    /// The keyset key of a record: the next page starts after it.
    pub key: fn(&R) -> String,
    /// Whether the reader may see the record (records the store's query cannot tell).
    pub keep: fn(&R, &Viewer) -> bool,
}

/// Every record is kept.
pub fn everyone<R>(_: &R, _: &Viewer) -> bool {
    true
}

/// What the exports' descriptor and header ask of any table.
pub trait Shape: Sync {
    fn columns(&self) -> Vec<Column>;
    fn primary_key(&self) -> &'static [&'static str];
    fn foreign_keys(&self) -> &'static [ForeignKey];
}

impl<R> Shape for Table<R>
where
    Table<R>: Sync,
{
    fn columns(&self) -> Vec<Column> {
        self.fields.iter().map(|f| f.column.clone()).collect()
    }
    fn primary_key(&self) -> &'static [&'static str] {
        self.primary_key
    }
    fn foreign_keys(&self) -> &'static [ForeignKey] {
        self.foreign_keys
    }
}

impl<R> Table<R> {
    /// The rows of `records` the viewer may see, and where the next page starts: after the
    /// last record read when the store gave a whole page of `limit`, else nowhere.
    pub fn page(&self, viewer: &Viewer, records: &[R], limit: i64) -> Page {
        let next = if records.len() as i64 == limit {
            records.last().map(self.key)
        } else {
            None
        };
        let rows = records
            .iter()
            .filter(|r| (self.keep)(r, viewer))
            .map(|r| self.fields.iter().map(|f| (f.get)(r, viewer)).collect())
            .collect();
        Page { rows, next }
    }

    /// [`Table::page`] with the exports' page size.
    pub fn full_page(&self, viewer: &Viewer, records: &[R]) -> Page {
        self.page(viewer, records, PAGE_ROWS)
    }
}

/// `Some` text or nothing.
pub fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}
