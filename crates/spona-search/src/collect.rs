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
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema;

mod segment;
pub use segment::FacetCache;
use segment::{CLASS_MEMBERS, CLASS_PUBLIC, CLASS_SHIFT, Ords, SegmentFacets, bits};

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
    /// What the reader may see; `None`: everything.
    visible: Option<Visible>,
    /// Per dimension: `None` no filter; `Some` the accepted ordinals in this segment.
    filters: [Option<Accepted>; 4],
    counts: [Vec<u64>; 4],
    top: usize,
    scored: bool,
    total: usize,
    best: Vec<(SortKey, DocId)>,
    /// The worst key still kept once `best` has been cut to `top`.
    floor: Option<SortKey>,
}

/// The audience a reader may see, in one segment's ordinals.
struct Visible {
    /// [`CLASS_PUBLIC`] / [`CLASS_MEMBERS`] bits the reader sees.
    class: u8,
    /// Per audience ordinal: may the reader see it? Empty when no other ordinal (network,
    /// organisation) of the reader occurs in the segment.
    ords: Vec<bool>,
}

/// A facet filter in one segment's ordinals.
enum Accepted {
    Mask(u64),
    Ords(Vec<u32>),
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
        let mut filters: [Option<Accepted>; 4] = Default::default();
        let mut counts: [Vec<u64>; 4] = Default::default();
        for d in 0..DIMENSIONS.len() {
            let dim = &facets.dims[d];
            if !self.filters[d].is_empty() {
                let ords = self.filters[d].iter().filter_map(|v| dim.ord(v));
                filters[d] = Some(match dim.ords {
                    Ords::Masks(_) => Accepted::Mask(ords.fold(0, |m, o| m | 1 << o)),
                    Ords::Lists { .. } => Accepted::Ords(ords.collect()),
                });
            }
            counts[d] = vec![0; dim.values.len()];
        }
        let visible = self.audience.as_ref().map(|values| {
            let mut class = 0;
            let mut ords = vec![false; facets.audience.values.len()];
            let mut other = false;
            for a in values {
                match a.as_str() {
                    "public" => class |= CLASS_PUBLIC,
                    "members" => class |= CLASS_MEMBERS,
                    _ => {
                        if let Some(o) = facets.audience.ord(a) {
                            ords[o as usize] = true;
                            other = true;
                        }
                    }
                }
            }
            if !other {
                ords.clear();
            }
            Visible { class, ords }
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
    fn sees(&self, doc: DocId) -> bool {
        let Some(v) = &self.visible else {
            return true;
        };
        let class = self
            .facets
            .audience_class
            .get(doc as usize)
            .copied()
            .unwrap_or(0);
        if class & v.class != 0 {
            return true;
        }
        if v.ords.is_empty() {
            return false;
        }
        match &self.facets.audience.ords {
            Ords::Masks(masks) => {
                let m = masks.get(doc as usize).copied().unwrap_or(0);
                bits(m).any(|o| v.ords.get(o as usize).copied().unwrap_or(false))
            }
            Ords::Lists { .. } => self
                .facets
                .audience
                .of(doc)
                .iter()
                .any(|&o| v.ords.get(o as usize).copied().unwrap_or(false)),
        }
    }

    fn passes(&self, d: usize, doc: DocId) -> bool {
        let dim = &self.facets.dims[d];
        match (&self.filters[d], &dim.ords) {
            (None, _) => true,
            (Some(Accepted::Mask(accepted)), Ords::Masks(masks)) => {
                masks.get(doc as usize).copied().unwrap_or(0) & accepted != 0
            }
            (Some(Accepted::Ords(accepted)), Ords::Lists { .. }) => {
                dim.of(doc).iter().any(|o| accepted.contains(o))
            }
            _ => false,
        }
    }

    /// [`SegmentCollector::collect`] on the packed words: the same steps as the general
    /// path (visibility, filters, counts), from one word per document.
    fn collect_packed(&mut self, doc: DocId, score: Score) {
        let Some(p) = &self.facets.packed else {
            return;
        };
        let w = p.words.get(doc as usize).copied().unwrap_or(0);
        if let Some(v) = &self.visible
            && (w >> CLASS_SHIFT) as u8 & v.class == 0
            && (v.ords.is_empty() || !self.sees(doc))
        {
            return;
        }
        let mut dims = [0u64; 4];
        for (d, m) in dims.iter_mut().enumerate() {
            *m = (w >> p.shifts[d]) & p.masks[d];
        }
        let Ok(failed) = failing_facet(|d| match &self.filters[d] {
            Some(Accepted::Mask(accepted)) => dims[d] & accepted != 0,
            _ => true,
        }) else {
            return;
        };
        match failed {
            None => {
                self.total += 1;
                self.keep(doc, score);
                for (d, &m) in dims.iter().enumerate() {
                    self.count_mask(d, m);
                }
            }
            Some(d) => self.count_mask(d, dims[d]),
        }
    }

    fn count_mask(&mut self, d: usize, mask: u64) {
        let counts = &mut self.counts[d];
        for o in bits(mask) {
            if let Some(n) = counts.get_mut(o as usize) {
                *n += 1;
            }
        }
    }

    fn count(&mut self, d: usize, doc: DocId) {
        let counts = &mut self.counts[d];
        match &self.facets.dims[d].ords {
            Ords::Masks(masks) => {
                for o in bits(masks.get(doc as usize).copied().unwrap_or(0)) {
                    if let Some(n) = counts.get_mut(o as usize) {
                        *n += 1;
                    }
                }
            }
            Ords::Lists { .. } => {
                for &o in self.facets.dims[d].of(doc) {
                    if let Some(n) = counts.get_mut(o as usize) {
                        *n += 1;
                    }
                }
            }
        }
    }

    fn keep(&mut self, doc: DocId, score: Score) {
        if self.top == 0 {
            return;
        }
        let score = if self.scored { score } else { 0.0 };
        // Most documents of a large result fall below the floor on the score alone.
        if let Some(floor) = &self.floor
            && score < floor.score
        {
            return;
        }
        let key = SortKey {
            score,
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
        if self.facets.packed.is_some() {
            self.collect_packed(doc, score);
            return;
        }
        if !self.sees(doc) {
            return;
        }
        let Ok(failed) = failing_facet(|d| self.passes(d, doc)) else {
            return;
        };
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

/// Facet counts apply every filter but their own: `Ok(None)` when a document passes every
/// facet's filter (a hit, counted in every facet), `Ok(Some(d))` when it fails only facet
/// `d`'s (counted for that facet alone), `Err(())` when it fails more (counted nowhere).
fn failing_facet(mut passes: impl FnMut(usize) -> bool) -> Result<Option<usize>, ()> {
    let mut failed = None;
    for d in 0..DIMENSIONS.len() {
        if !passes(d) {
            if failed.is_some() {
                return Err(());
            }
            failed = Some(d);
        }
    }
    Ok(failed)
}
