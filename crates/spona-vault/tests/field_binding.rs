//! A sealed field opens only for the owner it was sealed for (a value moved to another row
//! or column is refused), and its debug form shows no content (found with cargo-mutants:
//! an owner-independent associated data and an empty Debug passed every other test).

use spona_vault::{BlobStore, VaultKey, rewrap, seal_field};

#[test]
fn a_sealed_field_is_bound_to_its_owner() {
    let vault = VaultKey::generate();
    let sealed = seal_field(&vault, "testimony:1:narrative", "what happened");
    assert_eq!(
        sealed
            .open(&vault, "testimony:1:narrative")
            .expect("opens")
            .as_str(),
        "what happened"
    );
    assert!(sealed.open(&vault, "testimony:2:narrative").is_err());
    assert!(sealed.open(&vault, "testimony:1:place").is_err());
    assert!(sealed.open(&vault, "").is_err());
}

#[test]
fn the_debug_form_counts_bytes_and_shows_no_content() {
    let vault = VaultKey::generate();
    let sealed = seal_field(&vault, "case:1:title", "secret title");
    let shown = format!("{sealed:?}");
    assert!(
        shown.starts_with("SealedField(") && shown.ends_with(" bytes)"),
        "{shown}"
    );
    assert!(!shown.contains("secret"));
}

#[test]
fn a_sealed_field_names_the_vault_key_its_data_key_is_wrapped_with() {
    let (old, new) = (VaultKey::generate(), VaultKey::generate());
    let sealed = seal_field(&old, "case:1:title", "title");
    assert_eq!(sealed.vault_key_id_hex(), old.id_hex());
    let moved = sealed.rewrap(&old, &new, "case:1:title").expect("rewrap");
    assert_eq!(moved.vault_key_id_hex(), new.id_hex());
    assert_ne!(old.id_hex(), new.id_hex());
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::open(dir.path()).expect("open");
    let got = store.ingest(&old, &b"x"[..], 10).expect("ingest");
    assert_eq!(got.wrapped_key.vault_key_id_hex(), old.id_hex());
    let owner = spona_vault::blob_owner(&got.blob_id);
    let rewrapped = rewrap(&old, &new, &got.wrapped_key, &owner).expect("rewrap");
    assert_eq!(rewrapped.vault_key_id_hex(), new.id_hex());
}
