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

const VARIANTS: usize = 100_000;
const QUERIES: usize = 1_000;

const EN: &str = "protection victims victim violence domestic family families organisation organisations \
organization organizations refugee refugees rights human legal aid assistance women woman children child law laws \
court courts procedure procedures form forms budget budgets grant grants donor donors project projects funding \
crisis response guideline guidelines trauma psychosocial support supporting counselling discrimination minority \
minorities asylum seekers migrants migrant border borders municipality local community communities citizens \
participation volunteers volunteer training trainings workshop workshops report reports research practice practices \
example examples case cases study studies document documents guide guides recommendations policy policies youth \
health mental housing shelter shelters safe emergency situation war crimes witnesses witness trial trials lawyer \
lawyers free state institutions ministry cooperation network networks partners partner association foundation \
Belgrade Kyiv Lviv Pristina template templates checklist monitoring evaluation advocacy campaign campaigns access \
justice documentation evidence safety security digital data protocol protocols the of and for with in on to a \
by from about how what when this that these their our is are was were be been has have will can should must";

const SR: &str = "zaštita zaštite zaštiti žrtva žrtve žrtava žrtvama nasilje nasilja nasiljem porodica porodice \
porodičnog porodičnom organizacija organizacije organizacijama organizaciji izbeglica izbeglice izbeglicama izbeglica \
pravo prava pravima pravna pravne pravnu pomoć pomoći žena žene ženama deca dece deci dete zakon zakona zakonu sud \
suda sudu postupak postupka obrazac obrasca obrasci budžet budžeta grant granta donatori donatora projekat projekta \
projekti sredstva sredstava finansiranje krizni krizne odgovor odgovora smernice smernica trauma traume \
psihosocijalna podrška podrške podršku savetovanje savetovališta ljudska ljudskih ljudskim diskriminacija \
diskriminacije manjina manjine Romi Roma azil azila tražioci tražilaca migranti migranata granica granice Beograd \
Beogradu Novom Sadu Niš Nišu Đakovica Đakovici Priština Prištini opština opštine lokalna samouprava zajednica \
zajednice zajednici građani građana građanima učešće učešća volonteri volontera obuka obuke obuci radionica \
radionice izveštaj izveštaja istraživanje istraživanja praksa prakse primer primera studija slučaja dokument \
dokumenta vodič vodiča preporuke preporuka politika politike mladi mladih mladima zdravlje zdravlja mentalno \
mentalnog smeštaj smeštaja sigurna kuća kući hitna hitne situacija situacije rat rata ratnih zločina svedoci \
svedoka suđenje suđenja advokat advokata besplatna država države državi institucije institucija ministarstvo \
ministarstva saradnja saradnje saradnju mreža mreže mreži partneri partnera udruženje udruženja fondacija fondacije \
i u na za sa od do o kako koji koja koje je su bio bila biti će može mora";

const UK: &str = "захист захисту жертви жертв жертвам насильство насильства сім'я сім'ї родина родини \
організація організації організаціями організацій біженець біженці біженцям біженців права право правами людини \
правова правової допомога допомоги допомогу жінки жінок жінкам діти дітей дітям закон закону суд суду процедура \
процедури форма форми бюджет бюджету грант гранту донори донорів проєкт проєкту проєкти фінансування криза кризи \
реагування настанови травма травми психосоціальна підтримка підтримки консультування дискримінація меншини \
притулок притулку мігранти кордон кордону громада громади громадам громадяни участь волонтери волонтерів навчання \
тренінг тренінгу звіт звіту дослідження практика практики приклад випадок випадку документ документа посібник \
рекомендації політика молодь здоров'я психічне житло безпечний безпеки надзвичайна ситуація війна війни воєнних \
злочинів свідки свідків адвокат безоплатна держава держави інститути міністерство співпраця мережа мережі \
партнери асоціація фонд Київ Києві Львів Львові Харків Одеса ґрунт і в у на з для від до про як який яка які є";

const KINDS: [&str; 9] = [
    "legal-aid-form",
    "trauma-protocol",
    "grant-budget-template",
    "crisis-response-guideline",
    "best-practice",
    "case-study",
    "funding-guide",
    "policy-brief",
    "training-material",
];
const THEMES: [&str; 8] = [
    "human-rights",
    "gender-violence",
    "refugees",
    "legal-aid",
    "mental-health",
    "youth",
    "transitional-justice",
    "funding",
];
const COUNTRIES: [&str; 5] = ["RS", "UA", "XK", "MK", "BA"];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards the start of the list (a rough Zipf curve).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

struct Vocab {
    words: [Vec<&'static str>; 3],
}

impl Vocab {
    fn new() -> Self {
        Vocab {
            words: [EN, SR, UK].map(|s| s.split_whitespace().collect()),
        }
    }
    fn of(&self, lang: Lang) -> &[&'static str] {
        &self.words[lang as usize]
    }
}

fn sentence(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut s = String::with_capacity(n * 9);
    for i in 0..n {
        if i > 0 {
            s.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if s.ends_with('.') {
                s.push(' ');
            }
        }
        s.push_str(words[rng.skewed(words.len())]);
    }
    s
}

struct Corpus {
    docs: Vec<ResourceDoc>,
    /// Per variant: (resource index, lang, Serbian written in Cyrillic).
    variants: Vec<(usize, Lang, bool)>,
    /// Resources whose Serbian variant is written in Latin.
    latin_serbian: HashSet<String>,
}

fn corpus(rng: &mut Rng, vocab: &Vocab) -> Corpus {
    let mut docs = Vec::new();
    let mut variants = Vec::new();
    let mut latin_serbian = HashSet::new();
    while variants.len() < VARIANTS {
        let r = docs.len();
        let n = (1 + rng.below(3)).min(VARIANTS - variants.len());
        let first = rng.below(3);
        let mut vs = Vec::new();
        for k in 0..n {
            let lang = Lang::ALL[(first + k) % 3];
            let words = vocab.of(lang);
            let (nt, ns, nb) = (4 + rng.below(5), 15 + rng.below(11), 100 + rng.below(201));
            let mut title = sentence(rng, words, nt);
            let mut summary = sentence(rng, words, ns);
            let mut body = sentence(rng, words, nb);
            let cyrillic = lang == Lang::Sr && rng.below(2) == 0;
            if cyrillic {
                title = lat_to_cyr(&title);
                summary = lat_to_cyr(&summary);
                body = lat_to_cyr(&body);
            }
            variants.push((r, lang, cyrillic));
            vs.push(VariantDoc {
                lang,
                title,
                summary,
                body,
                attachments_text: String::new(),
            });
            if lang == Lang::Sr && !cyrillic {
                latin_serbian.insert(format!("res-{r}"));
            }
        }
        let visibility = match rng.below(10) {
            0..=6 => Visibility::Public,
            7 | 8 => Visibility::Members,
            _ => Visibility::Networks(vec![format!("net-{}", rng.below(5))]),
        };
        docs.push(ResourceDoc {
            id: format!("res-{r}"),
            kind: KINDS[rng.below(KINDS.len())].into(),
            themes: (0..1 + rng.below(3))
                .map(|_| THEMES[rng.below(THEMES.len())].to_string())
                .collect(),
            countries: vec![COUNTRIES[rng.below(COUNTRIES.len())].into()],
            owner_org: format!("org-{}", rng.below(200)),
            visibility,
            updated_at: 1_600_000_000 + rng.below(100_000_000) as i64,
            variants: vs,
        });
    }
    Corpus {
        docs,
        variants,
        latin_serbian,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Word,
    TwoWords,
    Phrase,
    Prefix,
    CrossScript,
    Filtered,
}

struct BenchQuery {
    shape: Shape,
    /// Spona's query text.
    text: String,
    prefix: bool,
    kind: Option<&'static str>,
    /// The FTS5 MATCH expression.
    fts: String,
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn queries(rng: &mut Rng, vocab: &Vocab, corpus: &Corpus) -> Vec<BenchQuery> {
    let mut out = Vec::with_capacity(QUERIES);
    // Content words: skip the most frequent function words at the end of each list.
    let content = |lang: Lang| {
        let w = vocab.of(lang);
        &w[..w.len() - 20]
    };
    for i in 0..QUERIES {
        let lang = Lang::ALL[rng.below(3)];
        let words = content(lang);
        let shape = match i % 20 {
            0..=4 => Shape::Word,
            5..=8 => Shape::TwoWords,
            9..=11 => Shape::Phrase,
            12..=14 => Shape::Prefix,
            15..=17 => Shape::CrossScript,
            _ => Shape::Filtered,
        };
        let q = match shape {
            Shape::Word => {
                let w = rng.pick(words);
                BenchQuery {
                    shape,
                    text: w.into(),
                    prefix: false,
                    kind: None,
                    fts: quoted(&[w]),
                }
            }
            Shape::TwoWords => {
                let (a, b) = (rng.pick(words), rng.pick(words));
                BenchQuery {
                    shape,
                    text: format!("{a} {b}"),
                    prefix: false,
                    kind: None,
                    fts: quoted(&[a, b]),
                }
            }
            Shape::Phrase => {
                // Two adjacent words of a real body, so the phrase exists.
                let (r, l, _) = corpus.variants[rng.below(corpus.variants.len())];
                let doc = &corpus.docs[r];
                let body = &doc
                    .variants
                    .iter()
                    .find(|v| v.lang == l)
                    .map_or("", |v| &v.body);
                let ws: Vec<&str> = body.split([' ', '.']).filter(|w| !w.is_empty()).collect();
                let k = rng.below(ws.len().saturating_sub(1).max(1));
                let pair = [
                    ws.get(k).copied().unwrap_or("a"),
                    ws.get(k + 1).copied().unwrap_or("b"),
                ];
                BenchQuery {
                    shape,
                    text: format!("\"{} {}\"", pair[0], pair[1]),
                    prefix: false,
                    kind: None,
                    fts: format!("\"{} {}\"", pair[0], pair[1]),
                }
            }
            Shape::Prefix => {
                let w = rng.pick(words);
                let p: String = w.chars().take(4 + rng.below(3)).collect();
                BenchQuery {
                    shape,
                    text: p.clone(),
                    prefix: true,
                    kind: None,
                    fts: format!("\"{p}\"*"),
                }
            }
            Shape::CrossScript => {
                let w = rng.pick(content(Lang::Sr));
                let c = lat_to_cyr(w);
                BenchQuery {
                    shape,
                    fts: quoted(&[&c]),
                    text: c,
                    prefix: false,
                    kind: None,
                }
            }
            Shape::Filtered => {
                let w = rng.pick(words);
                let kind = KINDS[rng.below(KINDS.len())];
                BenchQuery {
                    shape,
                    text: w.into(),
                    prefix: false,
                    kind: Some(kind),
                    fts: quoted(&[w]),
                }
            }
        };
        out.push(q);
    }
    out
}

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
