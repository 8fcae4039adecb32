//! Each segment's facet values and dates in plain arrays, read once from the fast fields and
//! cached per segment (segments are immutable), so that the collector touches only memory
//! it owns.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use super::DIMENSIONS;
use crate::schema;

/// Facet values and dates of one segment's documents, read once from the fast fields
/// and kept in plain arrays (segments are immutable): the collector then touches only
/// memory it owns, which matters when a query matches most of the index.
pub struct SegmentFacets {
    pub(super) dims: [Dim; 4],
    pub(super) audience: Dim,
    /// Per document: bit 0 its audience has `public`, bit 1 `members` (most documents are
    /// one of them, so visibility is usually one bit test).
    pub(super) audience_class: Vec<u8>,
    pub(super) updated_at: Vec<i64>,
    /// When the four dimensions have at most 62 values together: per document all its
    /// facet bits and its audience class in one word, so the collector's per-document
    /// work is one load (a query matching most of the index is bound by memory reads).
    pub(super) packed: Option<Packed>,
}

/// Bits of dimension `d` at `shifts[d]`, `masks[d]` wide; the audience class in the top
/// two bits.
pub(super) struct Packed {
    pub(super) words: Vec<u64>,
    pub(super) shifts: [u32; 4],
    pub(super) masks: [u64; 4],
}

pub(super) const CLASS_SHIFT: u32 = 62;

pub(super) const CLASS_PUBLIC: u8 = 1;
pub(super) const CLASS_MEMBERS: u8 = 2;

/// One dimension: per document the ordinals of its values, and the values.
pub(super) struct Dim {
    pub(super) ords: Ords,
    pub(super) values: Vec<String>,
}

/// The ordinals of each document's values.
pub(super) enum Ords {
    /// At most 64 values in the segment (kinds, themes, languages, countries of the hub):
    /// one bit set per document, so filtering is one AND and counting a loop over set bits.
    Masks(Vec<u64>),
    /// More values (the audience: one per organisation and network): CSR layout.
    Lists { offsets: Vec<u32>, ords: Vec<u32> },
}

impl Dim {
    pub(super) fn of(&self, doc: DocId) -> &[u32] {
        match &self.ords {
            Ords::Lists { offsets, ords } => {
                let d = doc as usize;
                match (offsets.get(d), offsets.get(d + 1)) {
                    (Some(&s), Some(&e)) => &ords[s as usize..e as usize],
                    _ => &[],
                }
            }
            Ords::Masks(_) => &[],
        }
    }

    pub(super) fn ord(&self, value: &str) -> Option<u32> {
        self.values
            .binary_search_by(|v| v.as_str().cmp(value))
            .ok()
            .map(|o| o as u32)
    }

    pub(super) fn load(reader: &SegmentReader, name: &str) -> tantivy::Result<Dim> {
        let max_doc = reader.max_doc();
        let column: Option<StrColumn> = reader.fast_fields().str(name)?;
        let mut values = Vec::new();
        if let Some(c) = &column {
            for ord in 0..c.num_terms() as u64 {
                let mut v = String::new();
                c.ord_to_str(ord, &mut v)?;
                values.push(v);
            }
        }
        let ords = if values.len() <= 64 {
            let mut masks = vec![0u64; max_doc as usize];
            if let Some(c) = &column {
                for (doc, m) in masks.iter_mut().enumerate() {
                    for o in c.term_ords(doc as DocId) {
                        *m |= 1 << o;
                    }
                }
            }
            Ords::Masks(masks)
        } else {
            let mut offsets = Vec::with_capacity(max_doc as usize + 1);
            let mut ords = Vec::new();
            offsets.push(0);
            let mut buf: Vec<u32> = Vec::new();
            for doc in 0..max_doc {
                if let Some(c) = &column {
                    buf.clear();
                    buf.extend(c.term_ords(doc).map(|o| o as u32));
                    buf.sort_unstable();
                    buf.dedup();
                    ords.extend_from_slice(&buf);
                }
                offsets.push(ords.len() as u32);
            }
            Ords::Lists { offsets, ords }
        };
        Ok(Dim { ords, values })
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
        let class_of = |ord: u32| match audience.values.get(ord as usize).map(String::as_str) {
            Some("public") => CLASS_PUBLIC,
            Some("members") => CLASS_MEMBERS,
            _ => 0,
        };
        let audience_class: Vec<u8> = match &audience.ords {
            Ords::Masks(masks) => masks
                .iter()
                .map(|&m| bits(m).fold(0, |c, o| c | class_of(o)))
                .collect(),
            Ords::Lists { .. } => (0..reader.max_doc())
                .map(|doc| audience.of(doc).iter().fold(0, |c, &o| c | class_of(o)))
                .collect(),
        };
        let dates: Column<i64> = reader.fast_fields().i64(schema::UPDATED_AT)?;
        let updated_at = (0..reader.max_doc())
            .map(|d| dates.first(d).unwrap_or(0))
            .collect();
        let packed = Packed::of(&dims, &audience_class);
        Ok(SegmentFacets {
            dims,
            audience,
            audience_class,
            updated_at,
            packed,
        })
    }
}

impl Packed {
    pub(super) fn of(dims: &[Dim; 4], class: &[u8]) -> Option<Packed> {
        let mut shifts = [0; 4];
        let mut masks = [0; 4];
        let mut shift = 0u32;
        let mut per_dim: Vec<&[u64]> = Vec::with_capacity(4);
        for (d, dim) in dims.iter().enumerate() {
            let Ords::Masks(m) = &dim.ords else {
                return None;
            };
            let width = dim.values.len() as u32;
            if shift + width > CLASS_SHIFT {
                return None;
            }
            shifts[d] = shift;
            masks[d] = if width == 0 {
                0
            } else {
                u64::MAX >> (64 - width)
            };
            shift += width;
            per_dim.push(m);
        }
        let words = class
            .iter()
            .enumerate()
            .map(|(doc, &c)| {
                let mut w = u64::from(c) << CLASS_SHIFT;
                for (d, m) in per_dim.iter().enumerate() {
                    w |= (m.get(doc).copied().unwrap_or(0) & masks[d]) << shifts[d];
                }
                w
            })
            .collect();
        Some(Packed {
            words,
            shifts,
            masks,
        })
    }
}

/// The set bits of a mask, lowest first.
pub(super) fn bits(mut m: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        if m == 0 {
            return None;
        }
        let o = m.trailing_zeros();
        m &= m - 1;
        Some(o)
    })
}

/// Per-segment facet arrays, kept while the segment is searched.
#[derive(Default)]
pub struct FacetCache {
    pub(super) segments: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
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
