//! A full disk: a clear error, the temporary file removed, stored blobs untouched.
//! Needs a small tmpfs (mounting needs privileges); skipped with a loud message without one.

use std::fs;
use std::process::Command;

use spona_vault::{BlobStore, VaultError, VaultKey};

struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(dir.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!(
            "\n\n!!!!!!!! SKIPPING the full-disk test: cannot mount a small tmpfs here !!!!!!!!\n\n"
        );
        return;
    }
    let _mount = Mount(dir.path().to_path_buf());
    let store = BlobStore::open(dir.path()).expect("open");
    let vault = VaultKey::generate();
    let small = vec![7u8; 200 * 1024];
    let kept = store
        .ingest(&vault, small.as_slice(), u64::MAX)
        .expect("fits");

    let big = vec![9u8; 4 * 1024 * 1024];
    let err = store
        .ingest(&vault, big.as_slice(), u64::MAX)
        .expect_err("disk full");
    assert!(matches!(err, VaultError::StorageFull { .. }), "{err}");
    assert!(err.to_string().contains("storage is full"), "{err}");
    assert_eq!(
        fs::read_dir(dir.path().join("tmp")).expect("tmp").count(),
        0,
        "temporary file left behind"
    );
    store
        .verify(&vault, &kept.blob_id, &kept.wrapped_key, &kept.sha256_hex)
        .expect("stored blob intact");
    // And the store works again once there is room.
    store
        .ingest(&vault, &b"small again"[..], 100)
        .expect("after the error");
}
