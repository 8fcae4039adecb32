//! The stored blob format's sizes are fixed: blobs sealed by one build are read by the next
//! (found with cargo-mutants: a different chunk length passed every round-trip test).
//! Also: a blob read a few bytes at a time never gives more than it holds, and a source that
//! fails once fails the upload. These two sit here because this is the first integration test
//! cargo runs: a mutant that makes reading loop forever then fails here instead of hanging
//! the later suites until cargo-mutants' timeout.

use std::io::Read;

use spona_vault::blob::{CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN, TAG_LEN, sealed_size};
use spona_vault::{BlobStore, VaultError, VaultKey};

#[test]
fn chunks_are_64_kib_each_with_a_16_byte_tag() {
    assert_eq!(CHUNK_LEN, 65_536);
    assert_eq!(TAG_LEN, 16);
    assert_eq!(SEALED_CHUNK_LEN, 65_552);
    let h = HEADER_LEN as u64;
    // An empty blob still has one (empty, final) chunk and its tag.
    assert_eq!(sealed_size(0), h + 16);
    assert_eq!(sealed_size(1), h + 1 + 16);
    assert_eq!(sealed_size(65_535), h + 65_535 + 16);
    // A full chunk is followed by an empty final one.
    assert_eq!(sealed_size(65_536), h + 65_536 + 2 * 16);
    assert_eq!(sealed_size(3 * 65_536 + 7), h + 3 * 65_536 + 7 + 4 * 16);
}

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8 ^ (i >> 8) as u8).collect()
}

#[test]
fn a_blob_reads_back_in_small_pieces_and_then_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let original = data(CHUNK_LEN + 1000);
    let got = store
        .ingest(&vault, original.as_slice(), u64::MAX)
        .expect("ingest");
    let reader = store
        .open_blob(&vault, &got.blob_id, &got.wrapped_key, &got.sha256_hex)
        .expect("open");
    // At most one byte more than the blob holds: a reader that repeats itself shows here.
    let mut limited = reader.take(original.len() as u64 + 1);
    let mut out = Vec::new();
    let mut piece = [0u8; 777];
    loop {
        let n = limited.read(&mut piece).expect("read");
        if n == 0 {
            break;
        }
        out.extend_from_slice(&piece[..n]);
    }
    assert_eq!(out.len(), original.len());
    assert!(out == original, "the bytes read back differ");
    let reader = limited.into_inner();
    assert_eq!(reader.bytes_read(), original.len() as u64);
    let shown = format!("{reader:?}");
    assert!(
        shown.starts_with("BlobReader") && shown.contains(&got.blob_id),
        "{shown}"
    );
}

#[test]
fn a_source_interrupted_once_is_read_on() {
    /// Answers its second read with `Interrupted` (a signal), then goes on.
    struct Interrupted {
        reads: usize,
        left: usize,
    }
    impl Read for Interrupted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.reads += 1;
            if self.reads == 2 {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(self.left).min(1000);
            buf[..n].fill(5);
            self.left -= n;
            Ok(n)
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let got = store
        .ingest(
            &vault,
            Interrupted {
                reads: 0,
                left: 3000,
            },
            u64::MAX,
        )
        .expect("an interrupted read is retried");
    assert_eq!(got.size, 3000);
}

#[test]
fn a_source_that_fails_once_fails_the_upload() {
    /// Fails with a connection reset on its second read, then would go on giving bytes.
    struct Hiccup {
        reads: usize,
        left: usize,
    }
    impl Read for Hiccup {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.reads += 1;
            if self.reads == 2 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "client went away",
                ));
            }
            let n = buf.len().min(self.left).min(1000);
            buf[..n].fill(5);
            self.left -= n;
            Ok(n)
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let err = store
        .ingest(
            &vault,
            Hiccup {
                reads: 0,
                left: 3000,
            },
            u64::MAX,
        )
        .expect_err("the source failed");
    assert!(matches!(err, VaultError::Stream(_)), "{err}");
}
