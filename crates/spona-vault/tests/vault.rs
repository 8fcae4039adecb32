//! Keys, sealed fields and blobs: round trips and tampering (the custody chain: `custody.rs`).

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use sha2::{Digest, Sha256};
use spona_vault::blob::{CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN, sealed_size};
use spona_vault::{
    BlobStore, IntegrityError, SealedField, ServerKey, VaultError, VaultKey, WrappedKey,
    open_field, rewrap, seal_field,
};

fn data(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 9) as u8)
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn files_under(dir: &Path) -> usize {
    let mut n = 0;
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        n += if path.is_dir() { files_under(&path) } else { 1 };
    }
    n
}

fn read_all(
    store: &BlobStore,
    vault: &VaultKey,
    id: &str,
    key: &WrappedKey,
    sha: &str,
) -> Result<Vec<u8>, VaultError> {
    let mut reader = store.open_blob(vault, id, key, sha)?;
    let mut out = Vec::new();
    match reader.read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) => Err(
            match e.into_inner().map(|b| b.downcast::<IntegrityError>()) {
                Some(Ok(i)) => VaultError::Integrity(*i),
                _ => panic!("read failed without an integrity error"),
            },
        ),
    }
}

#[test]
fn key_file_is_created_owner_only_and_refused_when_open_to_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keys/vault.key");
    let key = VaultKey::load_or_create(&path).expect("create");
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let again = VaultKey::load_or_create(&path).expect("load");
    assert_eq!(key.id_hex(), again.id_hex());
    assert!(!format!("{key:?}").contains(&fs::read_to_string(&path).expect("read").trim()[..16]));

    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = VaultKey::load(&path).expect_err("too open");
    assert!(matches!(err, VaultError::KeyFileTooOpen { .. }), "{err}");
    assert!(err.to_string().contains("chmod 600"), "{err}");

    let err = VaultKey::load(&dir.path().join("absent.key")).expect_err("missing");
    assert!(matches!(err, VaultError::KeyFileMissing { .. }), "{err}");

    let bad = dir.path().join("bad.key");
    fs::write(&bad, "not a key").expect("write");
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(matches!(
        VaultKey::load(&bad),
        Err(VaultError::KeyFileMalformed { .. })
    ));

    let server = dir.path().join("server.key");
    let sk = ServerKey::load_or_create(&server).expect("server key");
    assert_eq!(
        fs::metadata(&server).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        ServerKey::load_or_create(&server).expect("reload").public(),
        sk.public()
    );
}

#[test]
fn operator_supplied_key_file_is_loaded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.key");
    let mut f = fs::File::create(&path).expect("create");
    writeln!(f, "{}", "ab".repeat(32)).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).expect("chmod");
    let a = VaultKey::load(&path).expect("load");
    let b = VaultKey::load_or_create(&path).expect("load");
    assert_eq!(a.id_hex(), b.id_hex());
}

#[test]
fn sealed_fields_round_trip_and_refuse_wrong_key_owner_and_tampering() {
    let vault = VaultKey::generate();
    let sealed = seal_field(&vault, "testimony:1:narrative", "Свједочанство — testimony");
    let text = open_field(&vault, "testimony:1:narrative", &sealed).expect("open");
    assert_eq!(text.as_str(), "Свједочанство — testimony");
    let restored = SealedField::from_base64(&sealed.to_base64()).expect("base64");
    assert_eq!(
        restored
            .open(&vault, "testimony:1:narrative")
            .expect("open")
            .as_str(),
        "Свједочанство — testimony"
    );

    let other = VaultKey::generate();
    let err = open_field(&other, "testimony:1:narrative", &sealed).expect_err("wrong key");
    assert!(matches!(err, VaultError::WrongVaultKey { .. }), "{err}");
    assert!(err.to_string().contains("vault key does not match"));

    assert!(matches!(
        open_field(&vault, "testimony:2:narrative", &sealed),
        Err(VaultError::FieldTampered { .. })
    ));
    for at in [10, 120, sealed.as_bytes().len() - 1] {
        let mut bytes = sealed.as_bytes().to_vec();
        bytes[at] ^= 1;
        let tampered = SealedField::from_bytes(&bytes).expect("format");
        assert!(
            tampered.open(&vault, "testimony:1:narrative").is_err(),
            "flip at {at} went unnoticed"
        );
    }

    let new = VaultKey::generate();
    let rotated = sealed
        .rewrap(&vault, &new, "testimony:1:narrative")
        .expect("rewrap");
    assert_eq!(
        rotated
            .open(&new, "testimony:1:narrative")
            .expect("open")
            .as_str(),
        "Свједочанство — testimony"
    );
    assert!(rotated.open(&vault, "testimony:1:narrative").is_err());
}

#[test]
fn blob_round_trip_for_sizes_around_chunk_boundaries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    for len in [
        0,
        1,
        CHUNK_LEN - 1,
        CHUNK_LEN,
        CHUNK_LEN + 1,
        3 * CHUNK_LEN,
        3 * CHUNK_LEN + 77,
    ] {
        let bytes = data(len, 7);
        let got = store
            .ingest(&vault, bytes.as_slice(), 1 << 30)
            .expect("ingest");
        assert_eq!(got.size, len as u64);
        assert_eq!(got.sha256_hex, sha(&bytes));
        let stored = fs::metadata(store.blob_path(&got.blob_id).expect("path"))
            .expect("meta")
            .len();
        assert_eq!(stored, sealed_size(len as u64), "len {len}");
        let back = read_all(
            &store,
            &vault,
            &got.blob_id,
            &got.wrapped_key,
            &got.sha256_hex,
        )
        .expect("read");
        assert_eq!(back, bytes, "len {len}");
        store
            .verify(&vault, &got.blob_id, &got.wrapped_key, &got.sha256_hex)
            .expect("verify");
        let key = WrappedKey::from_base64(&got.wrapped_key.to_base64()).expect("base64");
        assert_eq!(key, got.wrapped_key);
    }
    // Stored bytes reveal nothing of the original.
    let bytes = vec![b'A'; 4 * CHUNK_LEN];
    let got = store
        .ingest(&vault, bytes.as_slice(), u64::MAX)
        .expect("ingest");
    let stored = fs::read(store.blob_path(&got.blob_id).expect("path")).expect("read");
    assert!(!stored.windows(64).any(|w| w == &bytes[..64]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_ingest_streams_into_the_same_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let bytes = data(5 * CHUNK_LEN + 3, 1);
    let got = store
        .ingest_async(&vault, bytes.as_slice(), 1 << 30)
        .await
        .expect("ingest");
    assert_eq!(got.sha256_hex, sha(&bytes));
    let back = read_all(
        &store,
        &vault,
        &got.blob_id,
        &got.wrapped_key,
        &got.sha256_hex,
    )
    .expect("read");
    assert_eq!(back, bytes);

    let err = store
        .ingest_async(&vault, bytes.as_slice(), 1000)
        .await
        .expect_err("too large");
    assert!(matches!(err, VaultError::TooLarge { limit: 1000 }), "{err}");
}

struct Stored {
    _dir: tempfile::TempDir,
    store: BlobStore,
    vault: VaultKey,
    got: spona_vault::Ingested,
    bytes: Vec<u8>,
}

fn stored(len: usize) -> Stored {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let bytes = data(len, 3);
    let got = store
        .ingest(&vault, bytes.as_slice(), u64::MAX)
        .expect("ingest");
    Stored {
        _dir: dir,
        store,
        vault,
        got,
        bytes,
    }
}

impl Stored {
    fn path(&self) -> std::path::PathBuf {
        self.store.blob_path(&self.got.blob_id).expect("path")
    }
    fn read(&self) -> Result<Vec<u8>, VaultError> {
        read_all(
            &self.store,
            &self.vault,
            &self.got.blob_id,
            &self.got.wrapped_key,
            &self.got.sha256_hex,
        )
    }
    fn verify(&self) -> Result<(), VaultError> {
        self.store.verify(
            &self.vault,
            &self.got.blob_id,
            &self.got.wrapped_key,
            &self.got.sha256_hex,
        )
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_read_returns_the_original_and_fails_loudly_on_tampering() {
    use tokio::io::AsyncReadExt;
    let s = stored(3 * CHUNK_LEN + 11);
    let mut stream = s
        .store
        .open_blob_async(
            &s.vault,
            &s.got.blob_id,
            &s.got.wrapped_key,
            &s.got.sha256_hex,
        )
        .expect("open");
    let mut back = Vec::new();
    stream.read_to_end(&mut back).await.expect("read");
    assert_eq!(back, s.bytes);

    let mut bytes = fs::read(s.path()).expect("read");
    let n = bytes.len();
    bytes[n - 5] ^= 1;
    fs::write(s.path(), &bytes).expect("write");
    let mut stream = s
        .store
        .open_blob_async(
            &s.vault,
            &s.got.blob_id,
            &s.got.wrapped_key,
            &s.got.sha256_hex,
        )
        .expect("open");
    let mut back = Vec::new();
    let err = stream
        .read_to_end(&mut back)
        .await
        .expect_err("tampered last chunk");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert_eq!(
        back.len(),
        3 * CHUNK_LEN,
        "only authenticated chunks were released"
    );
}

#[test]
fn wrong_vault_key_is_named() {
    let s = stored(1000);
    let other = VaultKey::generate();
    let err = s
        .store
        .open_blob(
            &other,
            &s.got.blob_id,
            &s.got.wrapped_key,
            &s.got.sha256_hex,
        )
        .expect_err("wrong");
    assert!(matches!(err, VaultError::WrongVaultKey { .. }), "{err}");
    assert!(
        err.to_string().contains("vault key does not match"),
        "{err}"
    );
}

#[test]
fn a_flipped_byte_anywhere_in_a_blob_is_detected() {
    let s = stored(3 * CHUNK_LEN + 500);
    let len = fs::metadata(s.path()).expect("meta").len() as usize;
    for at in [
        0,
        5,
        10,
        HEADER_LEN - 1,
        HEADER_LEN,
        HEADER_LEN + 100,
        HEADER_LEN + SEALED_CHUNK_LEN + 3,
        len - 1,
    ] {
        let original = fs::read(s.path()).expect("read");
        let mut bytes = original.clone();
        bytes[at] ^= 0x01;
        fs::write(s.path(), &bytes).expect("write");
        assert!(s.read().is_err(), "flip at {at} not detected by read");
        assert!(s.verify().is_err(), "flip at {at} not detected by verify");
        fs::write(s.path(), &original).expect("restore");
    }
    assert_eq!(s.read().expect("intact again"), s.bytes);
    let mut bytes = fs::read(s.path()).expect("read");
    bytes[HEADER_LEN + SEALED_CHUNK_LEN + 3] ^= 0x80;
    fs::write(s.path(), &bytes).expect("write");
    let err = s.verify().expect_err("tampered");
    assert!(
        matches!(
            err,
            VaultError::Integrity(IntegrityError::ChunkTampered { chunk: 1, .. })
        ),
        "{err}"
    );
}

#[test]
fn a_flipped_byte_in_a_wrapped_key_or_a_key_of_another_blob_is_refused() {
    let s = stored(1000);
    for at in 12..spona_vault::WrappedKey::from_bytes(s.got.wrapped_key.as_bytes())
        .expect("ok")
        .as_bytes()
        .len()
    {
        let mut bytes = s.got.wrapped_key.as_bytes().to_vec();
        bytes[at] ^= 0x01;
        let key = WrappedKey::from_bytes(&bytes).expect("format");
        let err = s
            .store
            .open_blob(&s.vault, &s.got.blob_id, &key, &s.got.sha256_hex)
            .expect_err("tampered");
        assert!(
            matches!(err, VaultError::WrappedKeyTampered { .. }),
            "at {at}: {err}"
        );
    }
    let other = s
        .store
        .ingest(&s.vault, &b"other"[..], 100)
        .expect("ingest");
    let err = s
        .store
        .open_blob(
            &s.vault,
            &s.got.blob_id,
            &other.wrapped_key,
            &s.got.sha256_hex,
        )
        .expect_err("other");
    assert!(
        matches!(err, VaultError::WrappedKeyTampered { .. }),
        "{err}"
    );
}

#[test]
fn truncation_appending_and_swapped_chunks_are_detected() {
    let s = stored(3 * CHUNK_LEN + 500);
    let original = fs::read(s.path()).expect("read");
    // Cut at a chunk boundary, inside a chunk, inside the header.
    for cut in [
        HEADER_LEN + 2 * SEALED_CHUNK_LEN,
        HEADER_LEN + SEALED_CHUNK_LEN + 9,
        original.len() - 1,
        10,
    ] {
        fs::write(s.path(), &original[..cut]).expect("write");
        assert!(s.read().is_err(), "cut at {cut} not detected");
        assert!(s.verify().is_err(), "cut at {cut} not detected");
    }
    fs::write(s.path(), &original[..HEADER_LEN + 3 * SEALED_CHUNK_LEN]).expect("write");
    assert!(matches!(
        s.verify(),
        Err(VaultError::Integrity(IntegrityError::Truncated {
            chunks: 3,
            ..
        }))
    ));

    let mut appended = original.clone();
    appended.extend_from_slice(&[0u8; 40]);
    fs::write(s.path(), &appended).expect("write");
    assert!(s.verify().is_err(), "appended bytes not detected");

    let mut swapped = original.clone();
    let (a, b) = (HEADER_LEN, HEADER_LEN + SEALED_CHUNK_LEN);
    let chunk0 = original[a..b].to_vec();
    swapped[a..b].copy_from_slice(&original[b..b + SEALED_CHUNK_LEN]);
    swapped[b..b + SEALED_CHUNK_LEN].copy_from_slice(&chunk0);
    fs::write(s.path(), &swapped).expect("write");
    assert!(matches!(
        s.verify(),
        Err(VaultError::Integrity(IntegrityError::ChunkTampered {
            chunk: 0,
            ..
        }))
    ));

    fs::write(s.path(), &original).expect("restore");
    s.verify().expect("intact");
    let err = s
        .store
        .verify(
            &s.vault,
            &s.got.blob_id,
            &s.got.wrapped_key,
            &sha(b"something else"),
        )
        .expect_err("hash");
    assert!(
        matches!(
            err,
            VaultError::Integrity(IntegrityError::HashMismatch { .. })
        ),
        "{err}"
    );
}

#[test]
fn rotation_rewraps_without_touching_the_blob() {
    let s = stored(2 * CHUNK_LEN);
    let before = fs::read(s.path()).expect("read");
    let new = VaultKey::generate();
    let owner = spona_vault::blob_owner(&s.got.blob_id);
    let rewrapped = rewrap(&s.vault, &new, &s.got.wrapped_key, &owner).expect("rewrap");
    assert_eq!(rewrapped.vault_key_id_hex(), new.id_hex());
    let mut back = Vec::new();
    s.store
        .open_blob(&new, &s.got.blob_id, &rewrapped, &s.got.sha256_hex)
        .expect("open with new key")
        .read_to_end(&mut back)
        .expect("read");
    assert_eq!(back, s.bytes);
    let err = s
        .store
        .open_blob(&s.vault, &s.got.blob_id, &rewrapped, &s.got.sha256_hex)
        .expect_err("old key");
    assert!(matches!(err, VaultError::WrongVaultKey { .. }), "{err}");
    assert_eq!(fs::read(s.path()).expect("read"), before);
}

#[test]
fn leftovers_of_interrupted_uploads_are_cleaned_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    assert_eq!(store.cleaned_at_open(), 0);
    let vault = VaultKey::generate();
    let kept = store.ingest(&vault, &b"kept"[..], 100).expect("ingest");
    fs::write(dir.path().join("tmp/aaaa.part"), b"half an upload").expect("write");
    fs::write(dir.path().join("tmp/bbbb.part"), b"another").expect("write");
    let store = BlobStore::open(dir.path()).expect("reopen");
    assert_eq!(store.cleaned_at_open(), 2);
    assert_eq!(files_under(&dir.path().join("tmp")), 0);
    store
        .verify(&vault, &kept.blob_id, &kept.wrapped_key, &kept.sha256_hex)
        .expect("kept blob intact");
}

#[test]
fn over_limit_and_failing_uploads_leave_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let bytes = data(10 * CHUNK_LEN, 9);
    let err = store
        .ingest(&vault, bytes.as_slice(), 3 * CHUNK_LEN as u64 + 1)
        .expect_err("too large");
    assert!(matches!(err, VaultError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("nothing was stored"));
    // Exactly at the limit is accepted.
    store
        .ingest(&vault, &bytes[..1000], 1000)
        .expect("at the limit");
    assert_eq!(files_under(&dir.path().join("blobs")), 1);

    struct Failing(usize);
    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "client went away",
                ));
            }
            self.0 -= 1;
            buf.fill(1);
            Ok(buf.len())
        }
    }
    let err = store
        .ingest(&vault, Failing(20), u64::MAX)
        .expect_err("fails");
    assert!(matches!(err, VaultError::Stream(_)), "{err}");
    assert_eq!(files_under(&dir.path().join("tmp")), 0);
    assert_eq!(files_under(&dir.path().join("blobs")), 1);
}

#[test]
fn a_storage_error_removes_the_temporary_file_and_keeps_stored_blobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let kept = store.ingest(&vault, &b"kept"[..], 100).expect("ingest");
    // Make the shard directories unwritable is not enough as root; instead remove tmp/ while
    // the store is in use: creating the temporary file fails with a clear error.
    fs::remove_dir(dir.path().join("tmp")).expect("rm tmp");
    let err = store.ingest(&vault, &b"lost"[..], 100).expect_err("no tmp");
    assert!(err.to_string().contains("storage error"), "{err}");
    store
        .verify(&vault, &kept.blob_id, &kept.wrapped_key, &kept.sha256_hex)
        .expect("kept");
}
