//! Changing a publication after it is written: its kind and publisher, deleting it, removing
//! and reordering a photo essay's photos, and removing a network's own significant date.
//! Each runs in the caller's transaction (with its audit entry); the files a deletion frees
//! are returned so that the caller removes them once nothing refers to them any more
//! ([`file_in_use`]).

use super::NetworkDate;
use crate::{Db, Result, Tx, on_db, on_tx};

/// Sets the kind, the publisher (an organisation xor a network) and the link.
pub async fn set_kind_in(
    tx: &mut Tx,
    id: &str,
    kind: &str,
    org_id: Option<&str>,
    network_id: Option<&str>,
    link: Option<&str>,
    now: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE publications SET kind = $2, org_id = $3, network_id = $4, link = $5, \
         updated_at = $6 WHERE id = $1")
        .bind(id).bind(kind).bind(org_id).bind(network_id).bind(link).bind(now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a publication with its language versions and photos; the photos' files (which
/// may still be used elsewhere: see [`file_in_use`]).
pub async fn delete_in(tx: &mut Tx, id: &str) -> Result<Vec<String>> {
    let files: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
        "DELETE FROM publication_photos WHERE publication_id = $1 RETURNING file")
        .bind(id).fetch_all(&mut *c).await)?;
    on_tx!(tx, c => sqlx::query("DELETE FROM publication_variants WHERE publication_id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query("DELETE FROM publications WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(files)
}

/// Removes the photo at `position`; its file, if there was one.
pub async fn remove_photo_in(
    tx: &mut Tx,
    id: &str,
    position: i64,
    now: i64,
) -> Result<Option<String>> {
    let file: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "DELETE FROM publication_photos WHERE publication_id = $1 AND position = $2 \
         RETURNING file")
        .bind(id).bind(position).fetch_optional(&mut *c).await)?;
    if file.is_some() {
        super::touch_in(tx, id, now).await?;
    }
    Ok(file)
}

/// Swaps the photo at `position` with the one before it (`earlier`) or after it; whether
/// there was such a neighbour.
pub async fn move_photo_in(
    tx: &mut Tx,
    id: &str,
    position: i64,
    earlier: bool,
    now: i64,
) -> Result<bool> {
    let sql = if earlier {
        "SELECT position FROM publication_photos WHERE publication_id = $1 AND position < $2 \
         ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT position FROM publication_photos WHERE publication_id = $1 AND position > $2 \
         ORDER BY position LIMIT 1"
    };
    let exists: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT position FROM publication_photos WHERE publication_id = $1 AND position = $2")
        .bind(id).bind(position).fetch_optional(&mut *c).await)?;
    let other: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(id).bind(position).fetch_optional(&mut *c).await)?;
    let (Some(_), Some(other)) = (exists, other) else {
        return Ok(false);
    };
    // Positions start at 1: 0 is free to park one row while the other takes its place.
    for (from, to) in [(position, 0), (other, position), (0, other)] {
        on_tx!(tx, c => sqlx::query(
            "UPDATE publication_photos SET position = $3 \
             WHERE publication_id = $1 AND position = $2")
            .bind(id).bind(from).bind(to).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    super::touch_in(tx, id, now).await?;
    Ok(true)
}

/// Whether a media file is still shown somewhere: a publication's photo or an
/// organisation's logo.
pub async fn file_in_use(db: &Db, file: &str) -> Result<bool> {
    let n: i64 = on_db!(db, p => sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM publication_photos WHERE file = $1) + \
         (SELECT COUNT(*) FROM organisations WHERE logo = $1)")
        .bind(file).fetch_one(p).await)?;
    Ok(n > 0)
}

/// A network's significant date by its id.
pub async fn network_date(db: &Db, id: &str) -> Result<Option<NetworkDate>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT d.id, d.network_id, n.slug AS network_slug, n.name AS network_name, d.month, \
         d.day, d.title FROM publication_dates d JOIN networks n ON n.id = d.network_id \
         WHERE d.id = $1")
        .bind(id).fetch_optional(p).await)?)
}

/// Removes a network's significant date; whether it was there.
pub async fn remove_date_in(tx: &mut Tx, id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM publication_dates WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
