//! A sealed field opens only for the owner it was sealed for (a value moved to another row
//! or column is refused), and its debug form shows no content (found with cargo-mutants:
//! an owner-independent associated data and an empty Debug passed every other test).

use spona_vault::{VaultKey, seal_field};

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
