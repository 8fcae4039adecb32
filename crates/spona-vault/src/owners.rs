//! What each sealed value of the vault's tables is bound to: the `owner` given to
//! [`crate::seal_field`] and [`crate::open_field`]. A value copied to another row, case or
//! column does not open there.
//!
//! | value | owner |
//! |---|---|
//! | a case's title | `case:<case id>:title` |
//! | an item's file name or testimony | `item:<item id>` |
//! | a file's size, SHA-256, media type | `item:<item id>:size`, `…:sha256`, `…:media_type` |
//! | a file's active-content warning (`vault_item_warnings`) | `item:<item id>:warning` |
//! | the organisations a consent allows sharing with | `consent:<item id>:share_with` |
//! | a custody entry's reason and item hash | `custody:<case id>:reason`, `custody:<case id>:item_sha256` |
//!
//! Custody values are bound to their case only: the entry's hash covers them in clear, so a
//! value moved to another entry of the same case shows as an altered entry.

pub fn case_title(case_id: &str) -> String {
    format!("case:{case_id}:title")
}

pub fn item(item_id: &str) -> String {
    format!("item:{item_id}")
}

/// `column` is `size`, `sha256` or `media_type`.
pub fn item_file(item_id: &str, column: &str) -> String {
    format!("item:{item_id}:{column}")
}

/// A PDF's active-content warning (`vault_item_warnings.sealed`).
pub fn item_warning(item_id: &str) -> String {
    format!("item:{item_id}:warning")
}

pub fn consent_share_with(item_id: &str) -> String {
    format!("consent:{item_id}:share_with")
}

/// `column` is `reason` or `item_sha256`.
pub fn custody(case_id: &str, column: &str) -> String {
    format!("custody:{case_id}:{column}")
}
