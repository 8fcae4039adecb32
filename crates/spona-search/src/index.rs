//! The index: opening (and recreating on a schema change), writing, committing with the
//! database sequence number, and searching.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use tantivy::query::{AllQuery, Query};
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use std::sync::Arc;

use crate::collect::{Collected, FacetCache, FacetCollector};
use crate::highlight::{Highlighter, Marked};
use crate::query::{self, QueryTerms};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::{
    FacetCount, Facets, Hit, Lang, MAX_DEPTH, MAX_LIMIT, Reader, ResourceDoc, SearchError,
    SearchQuery, SearchResults, Visibility,
};

/// Memory budget of the index writer.
const WRITER_MEMORY: usize = 50_000_000;

/// One open tantivy index; [`crate::SearchIndex`] holds the current one and replaces it
/// when it is found damaged. Writes are serialised through one writer; searches run
/// concurrently and see what was committed.
pub(crate) struct Inner {
    reader: IndexReader,
    index: Index,
    writer: Mutex<WriterState>,
    fields: Fields,
    seq: AtomicI64,
    facets: Arc<FacetCache>,
}

/// The single writer and whether it holds uncommitted changes.
struct WriterState {
    /// `None` while [`Inner::wait_merges`] swaps it, and after a failed write until the
    /// next one opens a new writer.
    writer: Option<IndexWriter<TantivyDocument>>,
    dirty: bool,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("indexed_seq", &self.indexed_seq())
            .finish_non_exhaustive()
    }
}

/// The commit payload: schema version and last indexed database sequence number.
fn payload(seq: i64) -> String {
    format!("spona-search v{SCHEMA_VERSION} seq={seq}")
}

/// The sequence number of a payload written by this schema version.
fn parse_payload(p: &str) -> Option<i64> {
    let rest = p.strip_prefix(&format!("spona-search v{SCHEMA_VERSION} seq="))?;
    rest.parse().ok()
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Inner {
    /// Opens the index in `dir` (created if missing). An index written with another
    /// schema version, or that cannot be read, is deleted and created anew: it is
    /// derived data, and [`indexed_seq`](Self::indexed_seq) then returns 0 so the caller
    /// reindexes.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, fields) = schema::build();
        if dir.join("meta.json").exists() {
            // An unreadable index is derived data too: start again.
            if let Ok(index) = Index::open_in_dir(dir) {
                let current = index.schema() == schema
                    && index
                        .load_metas()
                        .ok()
                        .and_then(|m| m.payload)
                        .and_then(|p| parse_payload(&p))
                        .is_some();
                if current {
                    return Self::with_index(index, fields);
                }
            }
            remove_contents(dir)?;
        }
        let index = Index::create_in_dir(dir, schema)?;
        let this = Self::with_index(index, fields)?;
        this.commit(0)?;
        Ok(this)
    }

    /// An index in memory (tests, benchmarks).
    pub fn open_in_ram() -> Result<Self, SearchError> {
        let (schema, fields) = schema::build();
        let this = Self::with_index(Index::create_in_ram(schema), fields)?;
        this.commit(0)?;
        Ok(this)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        schema::register_tokenizers(&index);
        let writer = index.writer(WRITER_MEMORY)?;
        let facets: Arc<FacetCache> = Arc::default();
        let warmer: Arc<dyn tantivy::Warmer> = facets.clone();
        // Reloaded explicitly after each commit (so a search right after `commit` sees
        // it) and when a background merge has written new metadata (so searches use the
        // merged segments rather than the many small ones of a bulk load).
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        let seq = index
            .load_metas()?
            .payload
            .and_then(|p| parse_payload(&p))
            .unwrap_or(0);
        Ok(Inner {
            reader,
            index,
            writer: Mutex::new(WriterState {
                writer: Some(writer),
                dirty: false,
            }),
            fields,
            seq: AtomicI64::new(seq),
            facets,
        })
    }

    /// Runs `f` with the writer, under the lock that serialises writes.
    fn with_writer<R>(
        &self,
        f: impl FnOnce(&mut IndexWriter<TantivyDocument>, &mut bool) -> Result<R, SearchError>,
    ) -> Result<R, SearchError> {
        let mut state = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let state = &mut *state;
        if state.writer.is_none() {
            state.writer = Some(self.index.writer(WRITER_MEMORY)?);
        }
        match state.writer.as_mut() {
            Some(w) => f(w, &mut state.dirty),
            None => Err(SearchError::Poisoned),
        }
    }

    /// Waits until background segment merges have finished and searches use the merged
    /// segments. For after a bulk (re)index: a freshly loaded index has many small
    /// segments, and every search pays for each one until merges complete. Call it after
    /// [`commit`](Self::commit); it refuses while there are uncommitted changes.
    pub fn wait_merges(&self) -> Result<(), SearchError> {
        let mut state = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        if state.dirty {
            return Err(SearchError::Uncommitted);
        }
        if let Some(writer) = state.writer.take() {
            writer.wait_merging_threads()?;
        }
        state.writer = Some(self.index.writer(WRITER_MEMORY)?);
        drop(state);
        self.reader.reload()?;
        Ok(())
    }

    /// Number of segments searched (a diagnostic for benchmarks).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Adds a resource, replacing any with the same id. Visible after [`commit`](Self::commit).
    pub fn upsert(&self, doc: &ResourceDoc) -> Result<(), SearchError> {
        if doc.id.is_empty() {
            return Err(SearchError::InvalidDoc("empty id".into()));
        }
        let tdoc = self.to_document(doc);
        self.with_writer(|writer, dirty| {
            *dirty = true;
            writer.delete_term(Term::from_field_text(self.fields.id, &doc.id));
            writer.add_document(tdoc)?;
            Ok(())
        })
    }

    /// Removes a resource. Takes effect at the next [`commit`](Self::commit).
    pub fn delete(&self, id: &str) -> Result<(), SearchError> {
        self.with_writer(|writer, dirty| {
            *dirty = true;
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            Ok(())
        })
    }

    /// Makes the writes so far durable and visible, recording `seq` — the last database
    /// change they reflect — in the commit.
    pub fn commit(&self, seq: i64) -> Result<(), SearchError> {
        self.with_writer(|writer, dirty| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload(seq));
            prepared.commit()?;
            *dirty = false;
            self.seq.store(seq, Ordering::SeqCst);
            Ok(())
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// The sequence number of the last commit (0 for a new or recreated index).
    pub fn indexed_seq(&self) -> i64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// Deletes every resource, for a full rebuild. Takes effect at the next
    /// [`commit`](Self::commit), so searches see the old index until the rebuild commits.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.with_writer(|writer, dirty| {
            *dirty = true;
            writer.delete_all_documents()?;
            // Everything must be indexed again: the next catch-up starts from the beginning.
            self.seq.store(0, Ordering::SeqCst);
            Ok(())
        })
    }

    /// After a failed write: drops the writer with whatever it had not committed, and goes
    /// back to the last commit on disk and its change number, so that the next catch-up
    /// indexes again everything that commit does not hold.
    pub fn reset_writer(&self) {
        self.writer.clear_poison();
        if let Ok(mut state) = self.writer.lock() {
            state.writer = None;
            state.dirty = false;
        }
        let durable = self
            .index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| parse_payload(&p))
            .unwrap_or(0);
        self.seq.store(durable, Ordering::SeqCst);
        let _ = self.reader.reload();
    }

    fn to_document(&self, doc: &ResourceDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        d.add_text(f.kind, &doc.kind);
        for t in dedup(&doc.themes) {
            d.add_text(f.theme, t);
        }
        for c in dedup(&doc.countries) {
            d.add_text(f.country, c);
        }
        d.add_i64(f.updated_at, doc.updated_at);
        match &doc.visibility {
            Visibility::Public => d.add_text(f.audience, "public"),
            Visibility::Members => d.add_text(f.audience, "members"),
            Visibility::Networks(nets) => {
                for n in nets {
                    d.add_text(f.audience, format!("net:{n}"));
                }
            }
        }
        d.add_text(f.audience, format!("org:{}", doc.owner_org));
        let mut langs: Vec<Lang> = Vec::new();
        for v in &doc.variants {
            if !langs.contains(&v.lang) {
                langs.push(v.lang);
                d.add_text(f.lang, v.lang.as_str());
            }
            let lf = &f.langs[v.lang.index()];
            d.add_text(lf.title, &v.title);
            d.add_text(lf.summary, &v.summary);
            d.add_text(lf.body, &v.body);
            d.add_text(lf.attachments, &v.attachments_text);
            for text in [&v.title, &v.summary, &v.body] {
                d.add_text(lf.words, text);
            }
        }
        d
    }

    /// Searches as `q.reader`. Never fails on the query text.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let items = query::parse(&q.text, q.prefix);
        let limit = q.limit.min(MAX_LIMIT);
        let top = q.offset.saturating_add(limit).min(MAX_DEPTH);
        // One searcher for the whole request: doc addresses belong to it.
        let searcher = self.reader.searcher();
        let (collected, relaxed) = if items.is_empty() {
            (
                self.collect(&searcher, q, Box::new(AllQuery), false, top)?,
                false,
            )
        } else {
            let all = query::build(&items, &self.fields, true);
            let strict = self.collect(&searcher, q, all, true, top)?;
            if strict.total == 0 && items.len() > 1 {
                let any = query::build(&items, &self.fields, false);
                (self.collect(&searcher, q, any, true, top)?, true)
            } else {
                (strict, false)
            }
        };
        let terms = QueryTerms::new(&items);
        let mut hits = Vec::new();
        for (key, addr) in collected.top.iter().skip(q.offset).take(limit) {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            hits.push(self.hit(&doc, key.score, q, &terms));
        }
        Ok(SearchResults {
            total: collected.total,
            hits,
            facets: facets(collected.counts),
            relaxed,
        })
    }

    fn collect(
        &self,
        searcher: &tantivy::Searcher,
        q: &SearchQuery,
        text: Box<dyn Query>,
        scored: bool,
        top: usize,
    ) -> Result<Collected, SearchError> {
        // Visibility is enforced in the collector, which every hit, total and count
        // passes through.
        let collector = FacetCollector {
            audience: audience(&q.reader),
            filters: [
                q.kinds.clone(),
                q.themes.clone(),
                q.languages.iter().map(|l| l.as_str().to_string()).collect(),
                q.countries.clone(),
            ],
            top,
            scored,
            cache: self.facets.clone(),
        };
        Ok(searcher.search(text.as_ref(), &collector)?)
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, q: &SearchQuery, terms: &QueryTerms) -> Hit {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let id = text(self.fields.id);
        let present: Vec<Lang> = doc
            .get_all(self.fields.lang)
            .filter_map(|v| v.as_str().and_then(Lang::parse))
            .filter(|l| q.languages.is_empty() || q.languages.contains(l))
            .collect();
        let variant = |l: Lang| {
            let lf = &self.fields.langs[l.index()];
            [
                text(lf.title),
                text(lf.summary),
                text(lf.body),
                text(lf.attachments),
            ]
        };
        // The reader's language when the resource has it, else the best-matching variant.
        let candidates: Vec<Lang> = if present.contains(&q.preferred) || present.is_empty() {
            vec![q.preferred]
        } else if terms.is_empty() || present.len() == 1 {
            vec![present[0]]
        } else {
            present
        };
        let texts: Vec<[String; 4]> = candidates.iter().map(|&l| variant(l)).collect();
        // Each variant's texts are marked once, for choosing and for showing.
        let mut marked: Vec<(Lang, [Marked<'_>; 4])> = candidates
            .iter()
            .zip(&texts)
            .map(|(&l, t)| {
                let mut h = Highlighter::new(l, terms);
                (l, t.each_ref().map(|t| h.mark(t)))
            })
            .collect();
        let mut best = 0;
        if marked.len() > 1 {
            let mut most = 0;
            for (i, (_, [t, s, b, a])) in marked.iter().enumerate() {
                let n = t.distinct_matches() * 3
                    + s.distinct_matches() * 2
                    + b.distinct_matches()
                    + a.distinct_matches();
                if n > most {
                    (most, best) = (n, i);
                }
            }
        }
        let (lang, [title, summary, body, attachments]) = marked.swap_remove(best);
        let title_html = title.to_html();
        let snippet_html = snippet([summary, body, attachments]);
        Hit {
            id,
            lang,
            title_html,
            snippet_html,
            score,
        }
    }
}

/// The audience values a reader may see; `None` for an administrator.
fn audience(reader: &Reader) -> Option<Vec<String>> {
    match reader {
        Reader::Admin => None,
        Reader::Anonymous => Some(vec!["public".into()]),
        Reader::Member { orgs, networks } => {
            let mut v = vec!["public".to_string(), "members".to_string()];
            v.extend(networks.iter().map(|n| format!("net:{n}")));
            v.extend(orgs.iter().map(|o| format!("org:{o}")));
            Some(v)
        }
    }
}

/// The best-matching passage among the texts (first wins ties); the summary, or else the
/// body, when none matches.
fn snippet(marked: [Marked<'_>; 3]) -> String {
    let mut best: Option<(usize, &Marked<'_>)> = None;
    for m in &marked {
        let n = m.distinct_matches();
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, m));
        }
    }
    match best {
        Some((_, m)) => m.snippet_html(),
        None if !marked[0].is_blank() => marked[0].snippet_html(),
        None => marked[1].snippet_html(),
    }
}

fn facets(counts: [std::collections::HashMap<String, u64>; 4]) -> Facets {
    let [kind, theme, language, country] = counts.map(|m| {
        let mut v: Vec<FacetCount> = m
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        v
    });
    Facets {
        kind,
        theme,
        language,
        country,
    }
}

fn dedup(values: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = values.iter().map(String::as_str).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn remove_contents(dir: &Path) -> Result<(), SearchError> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let path = entry.map_err(io_err(dir))?.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(io_err(&path))?;
    }
    Ok(())
}
