//! Issue 25 item 4 for BCMS: does a dictionary beat the Snowball chain? Measures, on the word
//! families of Debian's `hunspell-sr` (expanded by `dict/sr/expand.py`: form, family, entry —
//! tab-separated; entries sharing a form joined into one family):
//!
//! - **Snowball** — today's BCMS chain (`Analyzer::new(Lang::Sr).term`);
//! - **dictionary** — a listed form takes its family's term (the Snowball term of the
//!   family's first entry), as the Ukrainian dictionary does; unlisted words as today.
//!
//! Recall: of the pairs of forms of one family (every twentieth family), the share that get
//! one term. False matches: of the sampled forms, the share whose term is also the term of a
//! form of another family. Usage: `cargo run -p spona-search --example eval_sr_dict -- FILE`.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use spona_search::{Analyzer, Lang};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(input) = std::env::args().nth(1) else {
        eprintln!("usage: eval_sr_dict FAMILIES.tsv");
        std::process::exit(2);
    };
    let analyzer = Analyzer::new(Lang::Sr);
    let mut families: HashMap<String, Vec<String>> = HashMap::new();
    for line in std::io::BufReader::new(std::fs::File::open(input)?).lines() {
        let line = line?;
        let mut cols = line.split('\t');
        if let (Some(form), Some(family)) = (cols.next(), cols.next()) {
            families
                .entry(family.to_owned())
                .or_default()
                .push(form.to_owned());
        }
    }
    let sampled = |family: &str| {
        let h = family.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        h.is_multiple_of(20)
    };
    let t0 = std::time::Instant::now();
    let mut old_owner: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut new_owner: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut forms_of = Vec::new();
    for (i, (family, forms)) in families.iter().enumerate() {
        let dict = analyzer.term(family);
        let mut terms = Vec::with_capacity(forms.len());
        for f in forms {
            let old = analyzer.term(f);
            old_owner.entry(old.clone()).or_default().insert(i);
            new_owner.entry(dict.clone()).or_default().insert(i);
            terms.push((old, dict.clone()));
        }
        forms_of.push((sampled(family), terms));
    }
    let (mut pairs, mut old_same, mut new_same) = (0u64, 0u64, 0u64);
    let (mut forms, mut old_false, mut new_false) = (0u64, 0u64, 0u64);
    for (i, (sample, terms)) in forms_of.iter().enumerate() {
        if !sample {
            continue;
        }
        for (a, (oa, na)) in terms.iter().enumerate() {
            forms += 1;
            old_false += u64::from(old_owner[oa].iter().any(|&o| o != i));
            new_false += u64::from(new_owner[na].iter().any(|&o| o != i));
            for (ob, nb) in &terms[a + 1..] {
                pairs += 1;
                old_same += u64::from(oa == ob);
                new_same += u64::from(na == nb);
            }
        }
    }
    let pct = |a: u64, b: u64| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "families {}, sampled forms {forms}, pairs {pairs} ({:.1} s)",
        families.len(),
        t0.elapsed().as_secs_f64()
    );
    println!(
        "recall: snowball {:.1} %, dictionary {:.1} %",
        pct(old_same, pairs),
        pct(new_same, pairs)
    );
    println!(
        "false matches: snowball {:.1} %, dictionary {:.1} %",
        pct(old_false, forms),
        pct(new_false, forms)
    );
    Ok(())
}
