//! Registrations for one date of a series (migration 0085): `occurrence_local` holds the
//! date's local start, '' a registration for the whole event.

use spona_domain::event::RegStatus;

use super::{Answers, REG_COLS, Registration};
use crate::{Db, Result, Tx, now, on_db, on_tx};

/// Seats taken (confirmed and awaiting the organiser) by the registrations of each date
/// of an event, `''` for those of the whole event.
pub async fn taken_by_occurrence_in(tx: &mut Tx, event_id: &str) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, (String, i64)>(
        "SELECT occurrence_local, COUNT(*) FROM event_registrations WHERE event_id = $1 \
         AND status IN ('confirmed', 'pending') GROUP BY occurrence_local")
        .bind(event_id).fetch_all(&mut *c).await)?)
}

/// The dates (`''` first: the whole event) with someone waiting, in order.
pub async fn waiting_dates_in(tx: &mut Tx, event_id: &str) -> Result<Vec<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, String>(
        "SELECT DISTINCT occurrence_local FROM event_registrations WHERE event_id = $1 \
         AND status = 'waiting' ORDER BY occurrence_local")
        .bind(event_id).fetch_all(&mut *c).await)?)
}

/// A person's registration for one date (`''`: the whole event).
pub async fn registration_at_in(
    tx: &mut Tx,
    event_id: &str,
    user_id: &str,
    occurrence: &str,
) -> Result<Option<Registration>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.user_id = $2 AND r.occurrence_local = $3")))
        .bind(event_id).bind(user_id).bind(occurrence).fetch_optional(&mut *c).await)?,
    )
}

/// The registrations for one date (`''`: the whole event), in the order they came.
pub async fn registrations_at_in(
    tx: &mut Tx,
    event_id: &str,
    occurrence: &str,
) -> Result<Vec<Registration>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.occurrence_local = $2 ORDER BY r.created_at, r.id")))
        .bind(event_id).bind(occurrence).fetch_all(&mut *c).await)?,
    )
}

/// The longest-waiting registration for one date, if any.
pub async fn first_waiting_at_in(
    tx: &mut Tx,
    event_id: &str,
    occurrence: &str,
) -> Result<Option<Registration>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.occurrence_local = $2 AND r.status = 'waiting' \
         ORDER BY r.created_at, r.id LIMIT 1")))
        .bind(event_id).bind(occurrence).fetch_optional(&mut *c).await)?,
    )
}

/// Writes a person's registration for one date (`''`: the whole event), a new one or one
/// they cancelled before.
pub async fn register_at_in(
    tx: &mut Tx,
    event_id: &str,
    user_id: &str,
    occurrence: &str,
    status: RegStatus,
    a: &Answers,
) -> Result<String> {
    let id = crate::new_id();
    let at = now();
    let got: String = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO event_registrations (id, event_id, user_id, occurrence_local, status, \
         interpretation, accessibility, dietary, travel_support, visa_support, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
         ON CONFLICT (event_id, user_id, occurrence_local) DO UPDATE SET status = excluded.status, \
         interpretation = excluded.interpretation, accessibility = excluded.accessibility, \
         dietary = excluded.dietary, travel_support = excluded.travel_support, \
         visa_support = excluded.visa_support, created_at = excluded.created_at, \
         updated_at = excluded.updated_at RETURNING id")
        .bind(&id).bind(event_id).bind(user_id).bind(occurrence).bind(status.as_str())
        .bind(&a.interpretation).bind(&a.accessibility).bind(&a.dietary)
        .bind(i64::from(a.travel_support)).bind(i64::from(a.visa_support)).bind(at)
        .fetch_one(&mut *c).await)?;
    Ok(got)
}

/// A person's registrations for an event: the whole event and single dates.
pub async fn registrations_of(db: &Db, event_id: &str, user_id: &str) -> Result<Vec<Registration>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.user_id = $2 ORDER BY r.occurrence_local")))
        .bind(event_id).bind(user_id).fetch_all(p).await)?,
    )
}

/// Registrations of one date by status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OccurrenceCount {
    pub occurrence_local: String,
    /// Confirmed and awaiting the organiser.
    pub taken: i64,
    pub waiting: i64,
}

/// [`OccurrenceCount`] of every date of an event with registrations (`''`: the whole
/// event), in order.
pub async fn counts_by_occurrence(db: &Db, event_id: &str) -> Result<Vec<OccurrenceCount>> {
    let rows: Vec<(String, String, i64)> = on_db!(db, p => sqlx::query_as(
        "SELECT occurrence_local, status, COUNT(*) FROM event_registrations WHERE event_id = $1 \
         GROUP BY occurrence_local, status ORDER BY occurrence_local")
        .bind(event_id).fetch_all(p).await)?;
    let mut out: Vec<OccurrenceCount> = Vec::new();
    for (occ, status, n) in rows {
        if out.last().is_none_or(|c| c.occurrence_local != occ) {
            out.push(OccurrenceCount {
                occurrence_local: occ,
                ..Default::default()
            });
        }
        let Some(c) = out.last_mut() else { continue };
        match status.as_str() {
            "confirmed" | "pending" => c.taken += n,
            "waiting" => c.waiting += n,
            _ => {}
        }
    }
    Ok(out)
}

/// A person's registrations not cancelled, as (event id, date), `''` for the whole event.
pub async fn dates_of_user(db: &Db, user_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, String)>(
        "SELECT event_id, occurrence_local FROM event_registrations WHERE user_id = $1 \
         AND status <> 'cancelled' ORDER BY event_id, occurrence_local")
        .bind(user_id).fetch_all(p).await)?)
}
