//! Old analyser (light stemmer) against new (dictionary, then light stemmer) on the
//! dictionary's own families: a sample of every twentieth family.
//!
//! - **recall**: of the pairs of forms of one family, the share that get one term
//!   ("a form finds its family's other forms");
//! - **false matches**: of the sample's forms, the share whose term is also the term of
//!   a form of another family (a search for it would find another word).
//!
//! The forms of a family are the dictionary's, so the new analyser's recall on them is
//! high by construction; the figure that matters is what it costs in false matches, and
//! what the old analyser misses.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use spona_search::{Analyzer, Lang};

pub fn run(input: &str) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::io::BufReader::new(std::fs::File::open(input)?);
    let analyzer = Analyzer::new(Lang::Uk);
    let mut families: HashMap<String, Vec<String>> = HashMap::new();
    for line in file.lines() {
        let line = line?;
        let mut cols = line.split('\t');
        if let (Some(form), Some(family)) = (cols.next(), cols.next()) {
            families
                .entry(family.to_string())
                .or_default()
                .push(form.to_string());
        }
    }
    let sampled = |family: &str| {
        let h = family.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        h.is_multiple_of(20)
    };
    type Terms = HashMap<String, HashSet<usize>>;
    let t0 = std::time::Instant::now();
    let mut old_owner: Terms = HashMap::new();
    let mut new_owner: Terms = HashMap::new();
    let mut forms_of: Vec<(bool, Vec<(String, String)>)> = Vec::new();
    for (i, (family, forms)) in families.iter().enumerate() {
        let mut terms = Vec::with_capacity(forms.len());
        for f in forms {
            let folded = analyzer.folded(f);
            let old = spona_search::ukrainian_light_stem(&folded);
            let new = analyzer.term(f);
            old_owner.entry(old.clone()).or_default().insert(i);
            new_owner.entry(new.clone()).or_default().insert(i);
            terms.push((old, new));
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
        "recall: old {:.1} %, new {:.1} %",
        pct(old_same, pairs),
        pct(new_same, pairs)
    );
    println!(
        "false matches: old {:.1} %, new {:.1} %",
        pct(old_false, forms),
        pct(new_false, forms)
    );
    Ok(())
}
