//! A group's name and description in further languages (`group_names`, 0064).

use crate::{Db, Result, Tx, on_db, on_tx};

/// A group's name and description in one more language.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NameVariant {
    pub group_id: String,
    pub lang: String,
    pub name: String,
    pub description: String,
}

/// The language variants of group `group_id`, by language.
pub async fn names(db: &Db, group_id: &str) -> Result<Vec<NameVariant>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, NameVariant>(
        "SELECT group_id, lang, name, description FROM group_names WHERE group_id = $1 \
         ORDER BY lang")
        .bind(group_id).fetch_all(p).await)?)
}

/// Every group's language variants, by group and language (one query for a whole list).
pub async fn all_names(db: &Db) -> Result<Vec<NameVariant>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, NameVariant>(
        "SELECT group_id, lang, name, description FROM group_names ORDER BY group_id, lang")
        .fetch_all(p).await)?)
}

/// Writes (or replaces) a group's name and description in `lang`.
pub async fn set_name_in(
    tx: &mut Tx,
    group_id: &str,
    lang: &str,
    name: &str,
    description: &str,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO group_names (group_id, lang, name, description) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (group_id, lang) DO UPDATE SET name = excluded.name, \
         description = excluded.description")
        .bind(group_id).bind(lang).bind(name).bind(description)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Removes a group's variant in `lang`; whether there was one.
pub async fn remove_name_in(tx: &mut Tx, group_id: &str, lang: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM group_names WHERE group_id = $1 AND lang = $2")
        .bind(group_id).bind(lang).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
