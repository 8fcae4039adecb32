//! One pass over the documents that match the text and the reader's audience: applies
//! the facet filters, counts facets, counts the total and keeps the top of the page.
//!
//! Filters are checked on fast fields here rather than added to the query so that each
//! facet's counts can ignore that facet's own filter (a document failing only the kind
//! filter still counts towards the kind facet) in the same pass.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema;

/// The facet dimensions, in the order of [`FacetCollector::filters`].
pub const DIMENSIONS: [&str; 4] = [schema::KIND, schema::THEME, schema::LANG, schema::COUNTRY];

/// Sort key: higher first. Relevance: (score, updated_at); browse: (0, updated_at).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SortKey {
    pub score: Score,
    pub updated_at: i64,
}

impl SortKey {
    fn cmp_desc(&self, other: &SortKey) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(other.updated_at.cmp(&self.updated_at))
    }
}

/// What the collector returns.
#[derive(Debug, Default)]
pub struct Collected {
    pub total: usize,
    /// Best first, at most `top` of them.
    pub top: Vec<(SortKey, DocAddress)>,
    /// Counts per dimension, by value.
    pub counts: [HashMap<String, u64>; 4],
}

pub struct FacetCollector {
    /// Per dimension: accepted values (empty: no filter).
    pub filters: [Vec<String>; 4],
    /// How many of the best documents to keep.
    pub top: usize,
    pub scored: bool,
}

pub struct FacetSegmentCollector {
    segment: SegmentOrdinal,
    columns: [Option<StrColumn>; 4],
    /// Per dimension: `None` no filter; `Some(ords)` accepted ordinals in this segment.
    filters: [Option<Vec<u64>>; 4],
    counts: [Vec<u64>; 4],
    updated_at: Column<i64>,
    top: usize,
    scored: bool,
    total: usize,
    best: Vec<(SortKey, DocId)>,
    ords: Vec<u64>,
}

impl Collector for FacetCollector {
    type Fruit = Collected;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let ff = reader.fast_fields();
        let mut columns: [Option<StrColumn>; 4] = Default::default();
        let mut filters: [Option<Vec<u64>>; 4] = Default::default();
        let mut counts: [Vec<u64>; 4] = Default::default();
        for (d, name) in DIMENSIONS.iter().enumerate() {
            let column = ff.str(name)?;
            if !self.filters[d].is_empty() {
                let mut ords = Vec::new();
                if let Some(c) = &column {
                    for v in &self.filters[d] {
                        if let Some(o) = c.dictionary().term_ord(v)? {
                            ords.push(o);
                        }
                    }
                }
                filters[d] = Some(ords);
            }
            counts[d] = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
            columns[d] = column;
        }
        Ok(FacetSegmentCollector {
            segment,
            columns,
            filters,
            counts,
            updated_at: ff.i64(schema::UPDATED_AT)?,
            top: self.top,
            scored: self.scored,
            total: 0,
            best: Vec::new(),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut out = Collected::default();
        for f in fruits {
            out.total += f.total;
            out.top.extend(f.top);
            for (d, counts) in f.counts.into_iter().enumerate() {
                for (v, n) in counts {
                    *out.counts[d].entry(v).or_default() += n;
                }
            }
        }
        out.top
            .sort_by(|a, b| a.0.cmp_desc(&b.0).then(a.1.cmp(&b.1)));
        out.top.truncate(self.top);
        Ok(out)
    }
}

impl FacetSegmentCollector {
    /// Whether the document passes dimension `d`'s filter.
    fn passes(&mut self, d: usize, doc: DocId) -> bool {
        let Some(accepted) = &self.filters[d] else {
            return true;
        };
        let Some(column) = &self.columns[d] else {
            return false;
        };
        column.term_ords(doc).any(|o| accepted.contains(&o))
    }

    fn count(&mut self, d: usize, doc: DocId) {
        if let Some(column) = &self.columns[d] {
            self.ords.clear();
            self.ords.extend(column.term_ords(doc));
            self.ords.sort_unstable();
            self.ords.dedup();
            for &o in &self.ords {
                if let Some(n) = self.counts[d].get_mut(o as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn keep(&mut self, doc: DocId, score: Score) {
        if self.top == 0 {
            return;
        }
        let key = SortKey {
            score: if self.scored { score } else { 0.0 },
            updated_at: self.updated_at.first(doc).unwrap_or(0),
        };
        self.best.push((key, doc));
        if self.best.len() >= self.top * 2 + 16 {
            self.shrink();
        }
    }

    fn shrink(&mut self) {
        self.best
            .sort_by(|a, b| a.0.cmp_desc(&b.0).then(a.1.cmp(&b.1)));
        self.best.truncate(self.top);
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut failed = None;
        let mut failures = 0;
        for d in 0..DIMENSIONS.len() {
            if !self.passes(d, doc) {
                failures += 1;
                failed = Some(d);
                if failures > 1 {
                    return;
                }
            }
        }
        match failed {
            None => {
                self.total += 1;
                self.keep(doc, score);
                for d in 0..DIMENSIONS.len() {
                    self.count(d, doc);
                }
            }
            // Fails only this facet's filter: counts for this facet alone.
            Some(d) => self.count(d, doc),
        }
    }

    fn harvest(mut self) -> Collected {
        self.shrink();
        let mut counts: [HashMap<String, u64>; 4] = Default::default();
        for (d, column) in self.columns.iter().enumerate() {
            let Some(column) = column else { continue };
            for (ord, &n) in self.counts[d].iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let mut value = String::new();
                if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                    counts[d].insert(value, n);
                }
            }
        }
        let segment = self.segment;
        Collected {
            total: self.total,
            top: self
                .best
                .into_iter()
                .map(|(k, doc)| (k, DocAddress::new(segment, doc)))
                .collect(),
            counts,
        }
    }
}
