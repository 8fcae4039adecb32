//! Ingest memory is bounded by design: a 256 MiB stream generated on the fly passes through
//! queues of fixed depth, and the peak resident memory of this (single-test) process stays low.

use std::io::Read;

use spona_vault::store::INGEST_BUFFER_BOUND;
use spona_vault::{BlobStore, VaultKey};

// The queues hold a few MiB at most, by construction.
const _: () = assert!(INGEST_BUFFER_BOUND < 4 * 1024 * 1024);

/// An endless-looking stream of `left` pseudo-random bytes, made as it is read.
struct Generated {
    left: u64,
    state: u64,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.left) as usize;
        for chunk in buf[..n].chunks_mut(8) {
            self.state = self
                .state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let bytes = self.state.to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

#[test]
fn ingesting_256_mib_keeps_buffers_bounded() {
    let dir =
        tempfile::tempdir_in(std::env::var_os("CARGO_TARGET_TMPDIR").unwrap_or_else(|| ".".into()))
            .expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let before = peak_rss_kib();
    let size = 256 * 1024 * 1024;
    let got = store
        .ingest(
            &vault,
            Generated {
                left: size,
                state: 1,
            },
            u64::MAX,
        )
        .expect("ingest");
    assert_eq!(got.size, size);
    let grown = peak_rss_kib().saturating_sub(before);
    assert!(
        grown < 32 * 1024,
        "peak memory grew by {grown} KiB while ingesting 256 MiB"
    );
    let stored = std::fs::metadata(store.blob_path(&got.blob_id).expect("path"))
        .expect("meta")
        .len();
    assert_eq!(stored, spona_vault::blob::sealed_size(size));
}
