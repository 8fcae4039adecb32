//! Search benchmark: Spona's index against SQLite FTS5 over the same synthetic trilingual
//! corpus. Run with `bench/search.sh` (release build). Prints indexing throughput and
//! query latency percentiles for both, their ratio, and how many cross-script queries
//! (Serbian Cyrillic words looking for text written in Latin) each answered.
//!
//! FTS5 runs through rusqlite (bundled SQLite, the same `libsqlite3-sys` as sqlx), one row
//! per variant, tokenizer `unicode61 remove_diacritics 2`; it returns the total and the top
//! 10 by rank with a highlighted title and snippet. Spona additionally applies the
//! reader's visibility filter and computes four facets on every query.
//!
//! Latency is printed as wall-clock time and as the searching thread's CPU time: on a
//! shared 2-core machine other processes stretch wall-clock time, CPU time shows the
//! work a query itself costs.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use spona_i18n::translit::lat_to_cyr;
use spona_search::{Lang, Reader, ResourceDoc, SearchIndex, SearchQuery, VariantDoc, Visibility};

mod corpus;

use corpus::*;

/// Runs `f`, returning its result, wall-clock time and this thread's CPU time.
fn timed<R>(f: impl FnOnce() -> R) -> (R, Duration, Duration) {
    let cpu = cpu_time::ThreadTime::now();
    let wall = Instant::now();
    let r = f();
    (r, wall.elapsed(), cpu.elapsed())
}

struct Latencies(Vec<Duration>);

impl Latencies {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort();
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
        v[i].as_secs_f64() * 1000.0
    }
    fn mean(&self) -> f64 {
        self.0.iter().map(Duration::as_secs_f64).sum::<f64>() * 1000.0 / self.0.len() as f64
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Rng(0x5EED_5EED_1234_5678);
    let vocab = Vocab::new();
    let t = Instant::now();
    let corpus = corpus(&mut rng, &vocab);
    let words: usize = corpus
        .docs
        .iter()
        .flat_map(|d| &d.variants)
        .map(|v| v.body.split(' ').count())
        .sum();
    println!(
        "corpus: {} resources, {} variants (en/sr/uk, Serbian half Cyrillic), {:.1}M body words, generated in {:.1}s",
        corpus.docs.len(),
        corpus.variants.len(),
        words as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let queries = queries(&mut rng, &vocab, &corpus);
    let reader = Reader::Member {
        orgs: vec!["org-3".into()],
        networks: vec!["net-1".into()],
    };

    // --- Spona ---
    let dir = tempfile::tempdir()?;
    let index = SearchIndex::open(dir.path())?;
    let t = Instant::now();
    for d in &corpus.docs {
        index.upsert(d)?;
    }
    index.commit(1)?;
    let spona_index_s = t.elapsed().as_secs_f64();
    let segments_before = index.segment_count();
    let t = Instant::now();
    index.wait_merges()?;
    let merge_s = t.elapsed().as_secs_f64();
    let segments_after = index.segment_count();
    let spona_bytes = dir_bytes(dir.path());
    if std::env::var_os("SPONA_BENCH_INDEX_ONLY").is_some() {
        println!(
            "spona indexing: {:.0} variants/s ({spona_index_s:.1} s), merges {merge_s:.1} s ({segments_before} -> {segments_after} segments)",
            VARIANTS as f64 / spona_index_s
        );
        return Ok(());
    }
    // Warm-up (mmap pages, caches), not measured.
    for q in queries.iter().take(50) {
        index.search(&spona_query(q, &reader))?;
    }
    // Profiling aid: SPONA_BENCH_PROFILE=n runs the queries n more times, unmeasured.
    let extra: usize = std::env::var("SPONA_BENCH_PROFILE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    for _ in 0..extra {
        for q in &queries {
            index.search(&spona_query(q, &reader))?;
        }
    }
    if extra > 0 {
        println!("profile passes: {:.1}s", t.elapsed().as_secs_f64());
        return Ok(());
    }
    let mut spona = Latencies(Vec::new());
    let mut spona_cpu = Latencies(Vec::new());
    let mut spona_cross = 0;
    let mut spona_hits = 0;
    for q in &queries {
        let sq = spona_query(q, &reader);
        let (r, wall, cpu) = timed(|| index.search(&sq));
        let r = r?;
        spona.0.push(wall);
        spona_cpu.0.push(cpu);
        if !r.hits.is_empty() {
            spona_hits += 1;
        }
        if q.shape == Shape::CrossScript
            && r.hits.iter().any(|h| corpus.latin_serbian.contains(&h.id))
        {
            spona_cross += 1;
        }
    }

    // --- SQLite FTS5 ---
    let db_dir = tempfile::tempdir()?;
    let mut db = rusqlite::Connection::open(db_dir.path().join("fts.db"))?;
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, kind UNINDEXED,
             latin_sr UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    let t = Instant::now();
    {
        let tx = db.transaction()?;
        {
            let mut ins = tx.prepare(
                "INSERT INTO fts(rowid, title, summary, body, kind, latin_sr) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, &(r, l, cyr)) in corpus.variants.iter().enumerate() {
                let d = &corpus.docs[r];
                let Some(v) = d.variants.iter().find(|v| v.lang == l) else {
                    continue;
                };
                let latin_sr = i64::from(l == Lang::Sr && !cyr);
                ins.execute(rusqlite::params![
                    i as i64, v.title, v.summary, v.body, d.kind, latin_sr
                ])?;
            }
        }
        tx.commit()?;
    }
    let fts_index_s = t.elapsed().as_secs_f64();
    let fts_bytes = dir_bytes(db_dir.path());
    let mut count = db.prepare("SELECT count(*) FROM fts WHERE fts MATCH ?1")?;
    let mut top = db.prepare(
        "SELECT rowid, highlight(fts, 0, '<mark>', '</mark>'), snippet(fts, 2, '<mark>', '</mark>', '…', 16), latin_sr
         FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10",
    )?;
    let mut count_kind = db.prepare("SELECT count(*) FROM fts WHERE fts MATCH ?1 AND kind = ?2")?;
    let mut top_kind = db.prepare(
        "SELECT rowid, highlight(fts, 0, '<mark>', '</mark>'), snippet(fts, 2, '<mark>', '</mark>', '…', 16), latin_sr
         FROM fts WHERE fts MATCH ?1 AND kind = ?2 ORDER BY rank LIMIT 10",
    )?;
    let mut fts_run = |q: &BenchQuery| -> rusqlite::Result<(i64, Vec<i64>)> {
        let row = |r: &rusqlite::Row<'_>| {
            let _: (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            r.get::<_, i64>(3)
        };
        match q.kind {
            None => {
                let n: i64 = count.query_row([&q.fts], |r| r.get(0))?;
                let rows = top
                    .query_map([&q.fts], row)?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((n, rows))
            }
            Some(kind) => {
                let n: i64 = count_kind.query_row([q.fts.as_str(), kind], |r| r.get(0))?;
                let rows = top_kind
                    .query_map([q.fts.as_str(), kind], row)?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((n, rows))
            }
        }
    };
    for q in queries.iter().take(50) {
        fts_run(q)?;
    }
    let mut fts = Latencies(Vec::new());
    let mut fts_cpu = Latencies(Vec::new());
    let mut fts_cross = 0;
    let mut fts_hits = 0;
    for q in &queries {
        let (r, wall, cpu) = timed(|| fts_run(q));
        let (_, rows) = r?;
        fts.0.push(wall);
        fts_cpu.0.push(cpu);
        if !rows.is_empty() {
            fts_hits += 1;
        }
        if q.shape == Shape::CrossScript && rows.contains(&1) {
            fts_cross += 1;
        }
    }

    let cross_total = queries
        .iter()
        .filter(|q| q.shape == Shape::CrossScript)
        .count();
    let n = corpus.variants.len() as f64;
    println!();
    println!("indexing ({} variants):", corpus.variants.len());
    println!(
        "  spona  {:>8.0} variants/s  ({:.1} s, incl. commit)",
        n / spona_index_s,
        spona_index_s
    );
    println!(
        "         then {merge_s:.1} s waiting for background merges ({segments_before} → {segments_after} segments)"
    );
    println!(
        "  fts5   {:>8.0} variants/s  ({:.1} s, one transaction)",
        n / fts_index_s,
        fts_index_s
    );
    println!(
        "  on disk: spona {:.0} MB (stored text included), fts5 {:.0} MB",
        spona_bytes as f64 / 1e6,
        fts_bytes as f64 / 1e6
    );
    println!();
    println!(
        "query latency over {} mixed queries (ms; words, two words, phrases, prefixes, Cyrillic-for-Latin, kind-filtered):",
        queries.len()
    );
    println!("                  p50      p90      p99      max     mean");
    for (name, l) in [
        ("spona wall", &spona),
        ("fts5  wall", &fts),
        ("spona cpu", &spona_cpu),
        ("fts5  cpu", &fts_cpu),
    ] {
        println!(
            "  {name:<12} {:>7.3}  {:>7.3}  {:>7.3}  {:>7.3}  {:>7.3}",
            l.pct(0.5),
            l.pct(0.9),
            l.pct(0.99),
            l.pct(1.0),
            l.mean()
        );
    }
    for (name, a, b) in [("wall", &spona, &fts), ("cpu", &spona_cpu, &fts_cpu)] {
        println!(
            "  ratio spona/fts5 ({name}): p50 {:.2}  p90 {:.2}  p99 {:.2}",
            a.pct(0.5) / b.pct(0.5),
            a.pct(0.9) / b.pct(0.9),
            a.pct(0.99) / b.pct(0.99)
        );
    }
    println!("  per shape (wall ms):");
    for shape in [
        Shape::Word,
        Shape::TwoWords,
        Shape::Phrase,
        Shape::Prefix,
        Shape::CrossScript,
        Shape::Filtered,
    ] {
        let pick = |l: &Latencies| {
            Latencies(
                queries
                    .iter()
                    .zip(&l.0)
                    .filter(|(q, _)| q.shape == shape)
                    .map(|(_, d)| *d)
                    .collect(),
            )
        };
        let (s, f) = (pick(&spona), pick(&fts));
        println!(
            "    {:<12} spona p50 {:>6.3} p99 {:>6.3} | fts5 p50 {:>6.3} p99 {:>6.3}",
            format!("{shape:?}"),
            s.pct(0.5),
            s.pct(0.99),
            f.pct(0.5),
            f.pct(0.99)
        );
    }
    let mut slowest: Vec<(Duration, &BenchQuery)> =
        spona_cpu.0.iter().copied().zip(queries.iter()).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("  slowest spona queries (cpu ms):");
    for (d, q) in slowest.iter().take(6) {
        println!(
            "    {:>7.3}  {:?} {:?}{}",
            d.as_secs_f64() * 1000.0,
            q.shape,
            q.text,
            if q.prefix { " (prefix)" } else { "" }
        );
    }
    println!();
    println!(
        "queries with >= 1 hit: spona {spona_hits}, fts5 {fts_hits} of {}",
        queries.len()
    );
    println!(
        "cross-script (Cyrillic query, Latin-script Serbian text in the top 10): spona {spona_cross}/{cross_total}, fts5 {fts_cross}/{cross_total}"
    );
    println!(
        "(spona also filters by the reader's visibility and counts 4 facets on every query; fts5 does neither)"
    );
    Ok(())
}

/// Total size of the files under `dir`.
fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn spona_query(q: &BenchQuery, reader: &Reader) -> SearchQuery {
    SearchQuery {
        text: q.text.clone(),
        prefix: q.prefix,
        kinds: q.kind.map(|k| vec![k.to_string()]).unwrap_or_default(),
        reader: reader.clone(),
        preferred: Lang::En,
        limit: 10,
        ..SearchQuery::default()
    }
}
