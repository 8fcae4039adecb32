//! Analysis throughput per language (MB of text per second on one core) and the
//! Ukrainian dictionary's load time. Run: `cargo run --release -p spona-search --example
//! analysis_bench` (debug builds are several times slower).
//!
//! Text: 4 MB per language, words drawn with a Zipf-like law from a vocabulary of real
//! words of that language with inflected forms (the test sentences' words and more), so
//! the per-thread memo of analysed words works as it does on real text. "distinct" is
//! the chain alone, each distinct word once (memo bypassed).

use std::time::Instant;

use spona_search::{Analyzer, Lang, split_words};

const VOCAB: &[(Lang, &str)] = &[
    (
        Lang::En,
        "victims of trafficking organization organizations refugees refugee rights human protection report reports legal aid women children court hearing municipality displaced persons support network networks e-mail",
    ),
    (
        Lang::Sr,
        "zaštita zaštite žrtava žrtve izbeglica izbeglice izbeglicama izbjeglica organizacija organizacije organizacijama prava pravima ljudskih djeca deca dijete dete rijeka reka svjedok svedok mlijeko mleko u Novom Sadu Београду заштита жртава организације права људских избеглица Đakovica śutra đece",
    ),
    (
        Lang::Uk,
        "біженець біженці біженцям біженців організація організації організаціями жертви жертвам права людини захист захисту допомога допомоги переміщеним особам у Львові Києві Київ Харкові нозі руці громадянського суспільства",
    ),
    (
        Lang::Sq,
        "organizata organizatës organizatat organizatave të drejtat e njeriut refugjatët refugjatëve shoqërisë civile Kosovë Kosovës Prishtinë mbrojtjen dhunës viktimat raporti raportin",
    ),
    (
        Lang::Mk,
        "организација организацијата организации организациите човекови права граѓанско општество луѓето бегалци бегалците заштита Скопје Крушево слободи граѓанските невладина",
    ),
];

fn text_of(words: &[&str], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while out.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // Zipf-like: index = n * u^3 favours the first words.
        let u = (x >> 11) as f64 / (1u64 << 53) as f64;
        let i = ((words.len() as f64) * u * u * u) as usize;
        out.push_str(words[i.min(words.len() - 1)]);
        let sentence_end = x.is_multiple_of(13);
        out.push(if sentence_end { '.' } else { ' ' });
        if sentence_end {
            out.push(' ');
        }
    }
    out
}

fn main() {
    let t = Instant::now();
    let dict = spona_search::ukrainian_dict::dictionary();
    println!(
        "Ukrainian dictionary: {} forms, opened in {:.1} ms",
        dict.map_or(0, |d| d.len()),
        t.elapsed().as_secs_f64() * 1000.0
    );
    for (lang, vocab) in VOCAB {
        let words: Vec<&str> = vocab.split(' ').collect();
        let text = text_of(&words, 4 << 20);
        let a = Analyzer::new(*lang);
        let t = Instant::now();
        let mut n = 0usize;
        for (s, e) in split_words(&text) {
            a.with(&text[s..e], true, |t| n += t.len());
            a.with(&text[s..e], false, |t| n += t.len());
        }
        let secs = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for w in &words {
            n += a.term(w).len() + a.folded(w).len();
        }
        let per_word = t.elapsed().as_secs_f64() * 1e6 / words.len() as f64;
        println!(
            "{lang}: {:.1} MB/s (stemmed and folded forms of every word), {per_word:.1} µs per distinct word; ({n})",
            text.len() as f64 / 1e6 / secs
        );
    }
}
