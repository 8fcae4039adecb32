//! One pass over the documents that match the text: drops those the reader may not see,
//! applies the facet filters, counts facets, counts the total and keeps the top of the
//! page. Every number a search returns comes out of this pass, after the visibility check.
//!
//! Filters are checked on per-segment arrays here rather than added to the query so that
//! each facet's counts can ignore that facet's own filter (a document failing only the
//! kind filter still counts towards the kind facet) in the same pass; visibility is
//! checked the same way because intersecting every query with the audience postings
//! cost more than the check.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{
    DocAddress, DocId, Score, Searcher, SearcherGeneration, SegmentOrdinal, SegmentReader, Warmer,
};

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

/// Facet values and dates of one segment's documents, read once from the fast fields
/// and kept in plain arrays (segments are immutable): the collector then touches only
/// memory it owns, which matters when a query matches most of the index.
pub struct SegmentFacets {
    dims: [Dim; 4],
    audience: Dim,
    updated_at: Vec<i64>,
}

/// One dimension: per document the ordinals of its values (CSR layout), and the values.
struct Dim {
    offsets: Vec<u32>,
    ords: Vec<u32>,
    values: Vec<String>,
}

impl Dim {
    fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&s), Some(&e)) => &self.ords[s as usize..e as usize],
            _ => &[],
        }
    }

    fn ord(&self, value: &str) -> Option<u32> {
        self.values
            .binary_search_by(|v| v.as_str().cmp(value))
            .ok()
            .map(|o| o as u32)
    }
}

impl Dim {
    fn load(reader: &SegmentReader, name: &str) -> tantivy::Result<Dim> {
        let max_doc = reader.max_doc();
        let mut dim = Dim {
            offsets: Vec::with_capacity(max_doc as usize + 1),
            ords: Vec::new(),
            values: Vec::new(),
        };
        dim.offsets.push(0);
        let column: Option<StrColumn> = reader.fast_fields().str(name)?;
        let mut buf: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            if let Some(c) = &column {
                buf.clear();
                buf.extend(c.term_ords(doc).map(|o| o as u32));
                buf.sort_unstable();
                buf.dedup();
                dim.ords.extend_from_slice(&buf);
            }
            dim.offsets.push(dim.ords.len() as u32);
        }
        if let Some(c) = &column {
            for ord in 0..c.num_terms() as u64 {
                let mut v = String::new();
                c.ord_to_str(ord, &mut v)?;
                dim.values.push(v);
            }
        }
        Ok(dim)
    }
}

impl SegmentFacets {
    pub fn load(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let [a, b, c, d] = DIMENSIONS;
        let dims = [
            Dim::load(reader, a)?,
            Dim::load(reader, b)?,
            Dim::load(reader, c)?,
            Dim::load(reader, d)?,
        ];
        let audience = Dim::load(reader, schema::AUDIENCE)?;
        let dates: Column<i64> = reader.fast_fields().i64(schema::UPDATED_AT)?;
        let updated_at = (0..reader.max_doc())
            .map(|d| dates.first(d).unwrap_or(0))
            .collect();
        Ok(SegmentFacets {
            dims,
            audience,
            updated_at,
        })
    }
}

/// Per-segment facet arrays, kept while the segment is searched.
#[derive(Default)]
pub struct FacetCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    pub fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(f) = self.lock().get(&id) {
            return Ok(f.clone());
        }
        let f = Arc::new(SegmentFacets::load(reader)?);
        self.lock().insert(id, f.clone());
        Ok(f)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentFacets>>> {
        // The map holds only derived arrays: a panic elsewhere cannot leave it inconsistent.
        self.segments.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Loads the facet arrays of new segments when a searcher is (re)loaded — after a commit
/// and after a background merge — so no search pays for it, and forgets segments no
/// searcher uses any more.
impl Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for r in searcher.segment_readers() {
            self.get(r)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        self.lock()
            .retain(|id, _| live.iter().any(|g| g.segments().contains_key(id)));
    }
}

pub struct FacetCollector {
    /// Audience values the reader may see; `None`: everything (administrators).
    pub audience: Option<Vec<String>>,
    /// Per dimension: accepted values (empty: no filter).
    pub filters: [Vec<String>; 4],
    /// How many of the best documents to keep.
    pub top: usize,
    pub scored: bool,
    pub cache: Arc<FacetCache>,
}

pub struct FacetSegmentCollector {
    segment: SegmentOrdinal,
    facets: Arc<SegmentFacets>,
    /// Per audience ordinal of this segment: may the reader see it? `None`: everything.
    visible: Option<Vec<bool>>,
    /// Per dimension: `None` no filter; `Some(ords)` accepted ordinals in this segment.
    filters: [Option<Vec<u32>>; 4],
    counts: [Vec<u64>; 4],
    top: usize,
    scored: bool,
    total: usize,
    best: Vec<(SortKey, DocId)>,
    /// The worst key still kept once `best` has been cut to `top`.
    floor: Option<SortKey>,
}

impl Collector for FacetCollector {
    type Fruit = Collected;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let facets = self.cache.get(reader)?;
        let mut filters: [Option<Vec<u32>>; 4] = Default::default();
        let mut counts: [Vec<u64>; 4] = Default::default();
        for d in 0..DIMENSIONS.len() {
            let dim = &facets.dims[d];
            if !self.filters[d].is_empty() {
                filters[d] = Some(self.filters[d].iter().filter_map(|v| dim.ord(v)).collect());
            }
            counts[d] = vec![0; dim.values.len()];
        }
        let visible = self.audience.as_ref().map(|values| {
            let mut v = vec![false; facets.audience.values.len()];
            for o in values.iter().filter_map(|a| facets.audience.ord(a)) {
                v[o as usize] = true;
            }
            v
        });
        Ok(FacetSegmentCollector {
            segment,
            visible,
            facets,
            filters,
            counts,
            top: self.top,
            scored: self.scored,
            total: 0,
            best: Vec::new(),
            floor: None,
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
    fn passes(&self, d: usize, doc: DocId) -> bool {
        match &self.filters[d] {
            None => true,
            Some(accepted) => self.facets.dims[d]
                .of(doc)
                .iter()
                .any(|o| accepted.contains(o)),
        }
    }

    fn count(&mut self, d: usize, doc: DocId) {
        for &o in self.facets.dims[d].of(doc) {
            if let Some(n) = self.counts[d].get_mut(o as usize) {
                *n += 1;
            }
        }
    }

    fn keep(&mut self, doc: DocId, score: Score) {
        if self.top == 0 {
            return;
        }
        let key = SortKey {
            score: if self.scored { score } else { 0.0 },
            updated_at: self
                .facets
                .updated_at
                .get(doc as usize)
                .copied()
                .unwrap_or(0),
        };
        if let Some(floor) = &self.floor
            && key.cmp_desc(floor) != std::cmp::Ordering::Less
        {
            return;
        }
        self.best.push((key, doc));
        if self.best.len() >= self.top * 2 + 16 {
            self.shrink();
        }
    }

    fn shrink(&mut self) {
        self.best
            .sort_by(|a, b| a.0.cmp_desc(&b.0).then(a.1.cmp(&b.1)));
        self.best.truncate(self.top);
        if self.best.len() == self.top {
            self.floor = self.best.last().map(|b| b.0);
        }
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(visible) = &self.visible
            && !self
                .facets
                .audience
                .of(doc)
                .iter()
                .any(|&o| visible.get(o as usize).copied().unwrap_or(false))
        {
            return;
        }
        let mut failed = None;
        for d in 0..DIMENSIONS.len() {
            if !self.passes(d, doc) {
                if failed.is_some() {
                    return;
                }
                failed = Some(d);
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
        for (d, dim) in self.facets.dims.iter().enumerate() {
            for (ord, &n) in self.counts[d].iter().enumerate() {
                if n > 0
                    && let Some(v) = dim.values.get(ord)
                {
                    counts[d].insert(v.clone(), n);
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
