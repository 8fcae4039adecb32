//! Instances for `bench/matching.sh`.
//!
//! `matching_bench dense N SEED FILE`  — an N×N matrix of scores 0..10000, written to FILE
//!                                       (little-endian i64) for SciPy, solved here.
//! `matching_bench sparse N DEGREE SEED` — N participants per side, DEGREE random candidates
//!                                       each, scores 1..1000, solved exactly here.

use std::io::Write;
use std::time::Instant;

use spona_matching::Problem;
use spona_matching::dense::{Matrix, max_assignment};

fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| {
        args.get(i)
            .cloned()
            .ok_or(format!("missing argument {i}; see the doc comment"))
    };
    match args.get(1).map(String::as_str) {
        Some("dense") => {
            let n: usize = arg(2)?.parse()?;
            let mut next = rng(arg(3)?.parse()?);
            let scores: Vec<i64> = (0..n * n).map(|_| (next() % 10_000) as i64).collect();
            let mut f = std::io::BufWriter::new(std::fs::File::create(arg(4)?)?);
            for s in &scores {
                f.write_all(&s.to_le_bytes())?;
            }
            f.flush()?;
            let m = Matrix {
                rows: n,
                cols: n,
                scores,
            };
            let start = Instant::now();
            let (_, total) = max_assignment(&m);
            println!(
                "dense n={n} total={total} seconds={:.3}",
                start.elapsed().as_secs_f64()
            );
        }
        Some("sparse") => {
            let n: usize = arg(2)?.parse()?;
            let degree: usize = arg(3)?.parse()?;
            let mut next = rng(arg(4)?.parse()?);
            let mut candidates = Vec::with_capacity(n * degree);
            for a in 0..n {
                let mut seen = std::collections::HashSet::new();
                while seen.len() < degree.min(n) {
                    let b = (next() % n as u64) as usize;
                    if seen.insert(b) {
                        candidates.push((a, b, (next() % 1000) as i64 + 1));
                    }
                }
            }
            let problem = Problem {
                left_capacity: vec![1; n],
                right_capacity: vec![1; n],
                candidates,
                ..Default::default()
            };
            let start = Instant::now();
            let result = spona_matching::assign::solve(&problem)?;
            println!(
                "sparse participants={} candidates={} pairs={} total={} seconds={:.3}",
                2 * n,
                problem.candidates.len(),
                result.pairs.len(),
                result.total,
                start.elapsed().as_secs_f64()
            );
        }
        _ => return Err("usage: matching_bench dense N SEED FILE | sparse N DEGREE SEED".into()),
    }
    Ok(())
}
