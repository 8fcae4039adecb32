//! Ingests one file into a fresh blob store and prints wall time and throughput.
//! Used by `bench/vault.sh`, which measures peak memory around it.
//!
//! `cargo run --release -p spona-vault --example ingest_bench -- <file> <store dir>`
//! With `VERIFY=1` it then reads the blob back (decrypt + hash) and times that too.

use std::time::Instant;

use spona_vault::{BlobStore, VaultKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(dir)) = (args.next(), args.next()) else {
        return Err("usage: ingest_bench <file> <store dir>".into());
    };
    let store = BlobStore::open(std::path::Path::new(&dir))?;
    let vault = VaultKey::generate();
    let input = std::fs::File::open(&file)?;
    let started = Instant::now();
    let got = store.ingest(&vault, input, u64::MAX)?;
    let secs = started.elapsed().as_secs_f64();
    let mib = got.size as f64 / (1024.0 * 1024.0);
    println!("{}  {}", got.sha256_hex, file);
    println!(
        "spona ingest: {mib:.0} MiB in {secs:.2} s = {:.0} MiB/s",
        mib / secs
    );
    if std::env::var_os("VERIFY").is_none() {
        return Ok(());
    }
    let verify = Instant::now();
    store.verify(&vault, &got.blob_id, &got.wrapped_key, &got.sha256_hex)?;
    let vsecs = verify.elapsed().as_secs_f64();
    println!(
        "spona verify (decrypt + hash): {vsecs:.2} s = {:.0} MiB/s",
        mib / vsecs
    );
    Ok(())
}
