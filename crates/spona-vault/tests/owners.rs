//! The owners sealed values are bound to are the ones the module's table promises: a value
//! sealed under one of them opens under the same name only, and names of different rows,
//! cases or columns differ. The web layer stores values sealed under these exact strings,
//! so a change here would leave every sealed value in the database unreadable.

use spona_vault::{VaultKey, open_field, owners, seal_field};

#[test]
fn each_owner_is_spelt_as_documented() {
    assert_eq!(owners::case_title("c1"), "case:c1:title");
    assert_eq!(owners::item("i1"), "item:i1");
    assert_eq!(owners::item_file("i1", "sha256"), "item:i1:sha256");
    assert_eq!(owners::item_warning("i1"), "item:i1:warning");
    assert_eq!(owners::consent_share_with("i1"), "consent:i1:share_with");
    assert_eq!(owners::custody("c1", "reason"), "custody:c1:reason");
}

#[test]
fn a_value_sealed_for_one_owner_opens_only_there() {
    let key = VaultKey::generate();
    let all = [
        owners::case_title("c1"),
        owners::case_title("c2"),
        owners::item("i1"),
        owners::item_file("i1", "size"),
        owners::item_file("i1", "media_type"),
        owners::item_warning("i1"),
        owners::consent_share_with("i1"),
        owners::custody("c1", "reason"),
        owners::custody("c1", "item_sha256"),
    ];
    for (i, owner) in all.iter().enumerate() {
        let sealed = seal_field(&key, owner, "secret");
        assert_eq!(
            open_field(&key, owner, &sealed).expect("opens").as_str(),
            "secret"
        );
        for (j, other) in all.iter().enumerate() {
            if i != j {
                assert!(
                    open_field(&key, other, &sealed).is_err(),
                    "{owner} opened as {other}"
                );
            }
        }
    }
}
