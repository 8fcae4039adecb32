//! Writes the Ukrainian dictionary's files (`forms.fst`, `terms.txt`) from the families
//! file of `dict/uk/families.py` (form, family name, own entry — tab-separated). Run by
//! `dict/uk/build.sh`. With `--eval`, instead measures old (light stemmer) against new
//! (dictionary) on a sample of entries: see `eval.rs`.

mod eval;

use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: build_uk_dict FAMILIES.tsv OUT_DIR | --eval FAMILIES.tsv");
        std::process::exit(2);
    };
    if input == "--eval" {
        return eval::run(out_dir);
    }
    let file = std::io::BufReader::new(std::fs::File::open(input)?);
    let mut pairs = Vec::new();
    for line in file.lines() {
        let line = line?;
        let mut cols = line.split('\t');
        if let (Some(form), Some(family)) = (cols.next(), cols.next()) {
            pairs.push((form.to_string(), family.to_string()));
        }
    }
    let n = pairs.len();
    let (fst, terms) = spona_search::ukrainian_dict::build(pairs)?;
    let dir = std::path::Path::new(out_dir);
    std::fs::write(dir.join("forms.fst"), &fst)?;
    std::fs::write(dir.join("terms.txt"), &terms)?;
    let corrections = tantivy_fst::Map::from_bytes(fst.clone())?.len();
    println!(
        "{n} forms read; {corrections} corrections, {} terms; forms.fst {} bytes, terms.txt {} bytes",
        terms.lines().count(),
        fst.len(),
        terms.len()
    );
    Ok(())
}
