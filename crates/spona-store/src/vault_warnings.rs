//! Warnings about vault files found at upload (a PDF's active content), sealed with the
//! vault key like every other piece of vault metadata. Only items with a finding have a row;
//! it is written in the item's own transaction ([`crate::vault::add_item_in`]).

use crate::{Db, Result, on_db};

/// Records the sealed warning of `$item_id` inside the open transaction `$tx`.
macro_rules! insert {
    ($tx:expr, $item_id:expr, $sealed:expr) => {{
        sqlx::query("INSERT INTO vault_item_warnings (item_id, sealed) VALUES ($1, $2)")
            .bind($item_id)
            .bind($sealed)
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(crate) use insert;

/// The sealed warning of one item, if it has one.
pub async fn of_item(db: &Db, item_id: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT sealed FROM vault_item_warnings WHERE item_id = $1")
        .bind(item_id).fetch_optional(p).await)?)
}

/// The items of a case that carry a warning, with their sealed warnings.
pub async fn of_case(db: &Db, case_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, String)>(
        "SELECT w.item_id, w.sealed FROM vault_item_warnings w JOIN vault_items i ON i.id = w.item_id \
         WHERE i.case_id = $1 ORDER BY w.item_id")
        .bind(case_id).fetch_all(p).await)?)
}
