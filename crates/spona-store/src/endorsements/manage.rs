//! Changing a campaign after it is opened: its days and its texts (a language added later,
//! a wording corrected), closing it now, and the confirmed endorsements per UTC day and
//! country its coordinators download (numbers only, never an address or a name).

use super::Text;
use crate::{Db, Result, Tx, on_db, on_tx};

/// Sets a campaign's days and replaces its texts with `texts`.
pub async fn update_in(
    tx: &mut Tx,
    id: &str,
    opens_at: i64,
    closes_at: Option<i64>,
    texts: &[Text],
) -> Result<bool> {
    super::changed();
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE endorsement_campaigns SET opens_at = $2, closes_at = $3 WHERE id = $1")
        .bind(id).bind(opens_at).bind(closes_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query("DELETE FROM endorsement_campaign_texts WHERE campaign_id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for t in texts {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO endorsement_campaign_texts (campaign_id, lang, title, statement) \
             VALUES ($1, $2, $3, $4)")
            .bind(id).bind(&t.lang).bind(&t.title).bind(&t.statement)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(true)
}

/// Closes a campaign at `now` unless it closes earlier already; whether it changed.
pub async fn close_in(tx: &mut Tx, id: &str, now: i64) -> Result<bool> {
    super::changed();
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE endorsement_campaigns SET closes_at = $2 \
         WHERE id = $1 AND (closes_at IS NULL OR closes_at > $2)")
        .bind(id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Confirmed endorsements still counted, per UTC day of their confirmation (the day's
/// start, Unix seconds) and country: `(day, country, count)`, by day then country.
pub async fn daily_counts(db: &Db, campaign_id: &str) -> Result<Vec<(i64, String, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT (confirmed_at / 86400) * 86400 AS day, country, COUNT(*) AS n \
         FROM endorsements \
         WHERE campaign_id = $1 AND confirmed_at IS NOT NULL AND invalidated_at IS NULL \
         GROUP BY (confirmed_at / 86400) * 86400, country ORDER BY day, country")
        .bind(campaign_id).fetch_all(p).await)?)
}
