//! Events, their organisers, left-out occurrences, registrations, reminders sent and private
//! calendar tokens (migration 0080). The use-case layer (`spona_app::events`) decides who may
//! do what; writes take `&mut Tx`.

use spona_domain::event::{EventSpec, RegStatus, format_local};

use crate::{Db, Result, StoreError, Tx, now, on_db, on_tx};

mod calendar;
mod materials;
mod occurrences;
mod version;
pub use calendar::{
    calendar_token_made, revoke_calendar_token_in, saved_zone, saved_zone_in,
    set_calendar_token_in, set_zone_in, user_by_calendar_token,
};
pub use materials::{
    Material, add_material_in, bytes_in_use, delete_material_in, material, materials, materials_of,
};
pub use occurrences::{
    OccurrenceCount, counts_by_occurrence, dates_of_user, first_waiting_at_in, register_at_in,
    registration_at_in, registrations_at_in, registrations_of, taken_by_occurrence_in,
    waiting_dates_in,
};
pub use version::{ListVersion, list_version};

/// An event as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub agenda: String,
    pub speakers: String,
    pub languages: String,
    pub interpretation: String,
    pub attendance: String,
    pub join_url: Option<String>,
    pub dial_in: Option<String>,
    pub low_bandwidth: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
    pub zone: String,
    pub starts_local: String,
    pub ends_local: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub rrule: Option<String>,
    pub last_ends_at: i64,
    pub capacity: Option<i64>,
    pub approval: i64,
    pub report: String,
    pub network_id: Option<String>,
    pub group_id: Option<String>,
    pub cancelled: i64,
    pub sequence: i64,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLS: &str = "id, kind, title, summary, agenda, speakers, languages, interpretation, \
    attendance, join_url, dial_in, low_bandwidth, place, address, zone, starts_local, \
    ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval, report, \
    network_id, group_id, cancelled, sequence, created_by, created_at, updated_at";

/// An organising organisation of an event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organiser {
    pub event_id: String,
    pub org_id: String,
    pub slug: String,
    pub name: String,
}

/// A local start left out of a series.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Exdate {
    pub event_id: String,
    pub occurrence_local: String,
    pub cancelled: i64,
}

/// Which events a list or feed holds; `None` fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only events whose last occurrence ends after this instant.
    pub ending_after: Option<i64>,
    /// Only events whose last occurrence ended before this instant.
    pub ended_before: Option<i64>,
    pub org_id: Option<String>,
    pub network_id: Option<String>,
    pub group_id: Option<String>,
    /// Events the person registered for (not cancelled), or of one of `group_ids`.
    pub person: Option<(String, Vec<String>)>,
    pub limit: Option<i64>,
}

/// Creates an event with its organisers and exceptions.
pub async fn insert_in(
    tx: &mut Tx,
    id: &str,
    spec: &EventSpec,
    organisers: &[String],
    network_id: Option<&str>,
    group_id: Option<&str>,
    created_by: &str,
) -> Result<()> {
    let at = now();
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO events ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, 0, 0, \
         $27, $28, $28)")))
        .bind(id).bind(spec.kind.as_str()).bind(&spec.title).bind(&spec.summary)
        .bind(&spec.agenda).bind(&spec.speakers).bind(spec.languages.join(","))
        .bind(&spec.interpretation).bind(spec.attendance.as_str()).bind(&spec.join_url)
        .bind(&spec.dial_in).bind(&spec.low_bandwidth).bind(&spec.place).bind(&spec.address)
        .bind(spec.zone.name()).bind(format_local(spec.starts_local))
        .bind(format_local(spec.ends_local)).bind(spec.starts_at).bind(spec.ends_at)
        .bind(&spec.rrule).bind(spec.last_ends_at).bind(spec.capacity)
        .bind(i64::from(spec.approval)).bind(&spec.report).bind(network_id).bind(group_id)
        .bind(created_by).bind(at)
        .execute(&mut *c).await.map(|_| ()))?;
    for org in organisers {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO event_organisers (event_id, org_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING")
            .bind(id).bind(org).execute(&mut *c).await.map(|_| ()))?;
    }
    put_exceptions_in(tx, id, spec).await
}

async fn put_exceptions_in(tx: &mut Tx, id: &str, spec: &EventSpec) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM event_exdates WHERE event_id = $1 AND cancelled = 0")
        .bind(id).execute(&mut *c).await.map(|_| ()))?;
    for e in &spec.exceptions {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO event_exdates (event_id, occurrence_local, cancelled, created_at) \
             VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING")
            .bind(id).bind(format_local(*e)).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Changes an event; its SEQUENCE goes up by one.
pub async fn update_in(tx: &mut Tx, id: &str, spec: &EventSpec) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE events SET kind = $2, title = $3, summary = $4, agenda = $5, speakers = $6, \
         languages = $7, interpretation = $8, attendance = $9, join_url = $10, dial_in = $11, \
         low_bandwidth = $12, place = $13, address = $14, zone = $15, starts_local = $16, \
         ends_local = $17, starts_at = $18, ends_at = $19, rrule = $20, last_ends_at = $21, \
         capacity = $22, approval = $23, report = $24, sequence = sequence + 1, \
         updated_at = $25 WHERE id = $1")
        .bind(id).bind(spec.kind.as_str()).bind(&spec.title).bind(&spec.summary)
        .bind(&spec.agenda).bind(&spec.speakers).bind(spec.languages.join(","))
        .bind(&spec.interpretation).bind(spec.attendance.as_str()).bind(&spec.join_url)
        .bind(&spec.dial_in).bind(&spec.low_bandwidth).bind(&spec.place).bind(&spec.address)
        .bind(spec.zone.name()).bind(format_local(spec.starts_local))
        .bind(format_local(spec.ends_local)).bind(spec.starts_at).bind(spec.ends_at)
        .bind(&spec.rrule).bind(spec.last_ends_at).bind(spec.capacity)
        .bind(i64::from(spec.approval)).bind(&spec.report).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    put_exceptions_in(tx, id, spec).await
}

/// Cancels the whole event (SEQUENCE up).
pub async fn cancel_in(tx: &mut Tx, id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE events SET cancelled = 1, sequence = sequence + 1, updated_at = $2 WHERE id = $1")
        .bind(id).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Cancels one occurrence of a series (SEQUENCE up).
pub async fn cancel_occurrence_in(tx: &mut Tx, id: &str, local: &str) -> Result<()> {
    // The event's row first, then the date, in the order `update_in` takes them.
    on_tx!(tx, c => sqlx::query(
        "UPDATE events SET sequence = sequence + 1, updated_at = $2 WHERE id = $1")
        .bind(id).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO event_exdates (event_id, occurrence_local, cancelled, created_at) \
         VALUES ($1, $2, 1, $3) ON CONFLICT (event_id, occurrence_local) DO UPDATE SET cancelled = 1")
        .bind(id).bind(local).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Sets the report written after the event.
pub async fn set_report_in(tx: &mut Tx, id: &str, report: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE events SET report = $2, sequence = sequence + 1, updated_at = $3 WHERE id = $1")
        .bind(id).bind(report).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub async fn get(db: &Db, id: &str) -> Result<Event> {
    on_db!(db, p => sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(format!("SELECT {COLS} FROM events WHERE id = $1")))
        .bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// Takes the event's registration lock for the rest of `tx` and reads the event: on
/// PostgreSQL the row stays locked until commit (a second registration waits here); on
/// SQLite the write makes this transaction the single writer.
pub async fn lock_in(tx: &mut Tx, id: &str) -> Result<Event> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE events SET seats = seats + 1 WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let sql = format!("SELECT {COLS} FROM events WHERE id = $1");
    Ok(match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(sql.clone()))
                .bind(id)
                .fetch_one(&mut **t)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(format!("{sql} FOR UPDATE")))
                .bind(id)
                .fetch_one(&mut **t)
                .await?
        }
    })
}

/// Events matching `f`, soonest first.
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<Event>> {
    let mut sql = format!("SELECT {COLS} FROM events e WHERE 1 = 1");
    let mut n = 0;
    let mut p = |sql: &mut String, cond: &str| {
        n += 1;
        sql.push_str(&cond.replace('?', &format!("${n}")));
    };
    if f.ending_after.is_some() {
        p(&mut sql, " AND e.last_ends_at > ?");
    }
    if f.ended_before.is_some() {
        p(&mut sql, " AND e.last_ends_at <= ?");
    }
    if f.org_id.is_some() {
        p(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM event_organisers o WHERE o.event_id = e.id AND o.org_id = ?)",
        );
    }
    if f.network_id.is_some() {
        p(&mut sql, " AND e.network_id = ?");
    }
    if f.group_id.is_some() {
        p(&mut sql, " AND e.group_id = ?");
    }
    if let Some((_, groups)) = &f.person {
        let mut cond = String::from(
            " AND (EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = e.id \
             AND r.status <> 'cancelled' AND r.user_id = ?)",
        );
        for _ in groups {
            cond.push_str(" OR e.group_id = ?");
        }
        cond.push(')');
        // Number each `?` in turn.
        for part in cond.split_inclusive('?') {
            if part.ends_with('?') {
                n += 1;
                sql.push_str(&part.replace('?', &format!("${n}")));
            } else {
                sql.push_str(part);
            }
        }
    }
    if f.ended_before.is_some() {
        sql.push_str(" ORDER BY e.starts_at DESC, e.id");
    } else {
        sql.push_str(" ORDER BY e.starts_at, e.id");
    }
    if let Some(l) = f.limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    macro_rules! bind_all {
        ($q:expr) => {{
            let mut q = $q;
            if let Some(v) = f.ending_after {
                q = q.bind(v);
            }
            if let Some(v) = f.ended_before {
                q = q.bind(v);
            }
            if let Some(v) = &f.org_id {
                q = q.bind(v);
            }
            if let Some(v) = &f.network_id {
                q = q.bind(v);
            }
            if let Some(v) = &f.group_id {
                q = q.bind(v);
            }
            if let Some((user, groups)) = &f.person {
                q = q.bind(user);
                for g in groups {
                    q = q.bind(g);
                }
            }
            q
        }};
    }
    Ok(
        on_db!(db, pool => bind_all!(sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(sql.clone()))).fetch_all(pool).await)?,
    )
}

/// The organisers of every event in `ids` (all events when `ids` is `None`), read in
/// chunks of at most 500 ids so that a list loads only what it shows.
pub async fn organisers(db: &Db, ids: Option<&[String]>) -> Result<Vec<Organiser>> {
    let base = "SELECT eo.event_id, eo.org_id, o.slug, o.name FROM event_organisers eo \
                JOIN organisations o ON o.id = eo.org_id";
    let Some(ids) = ids else {
        return Ok(on_db!(db, p => sqlx::query_as::<_, Organiser>(
            sqlx::AssertSqlSafe(format!("{base} ORDER BY o.sort_key"))).fetch_all(p).await)?);
    };
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "{base} WHERE eo.event_id IN ({}) ORDER BY o.sort_key",
            placeholders(chunk.len())
        );
        let rows = on_db!(db, p => {
            let mut q = sqlx::query_as::<_, Organiser>(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// How many ids one `IN (…)` list holds.
const CHUNK: usize = 500;

/// `$1, $2, …, $n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Left-out occurrences of one event, or of all events.
pub async fn exdates(db: &Db, id: Option<&str>) -> Result<Vec<Exdate>> {
    Ok(match id {
        Some(id) => on_db!(db, p => sqlx::query_as::<_, Exdate>(
            "SELECT event_id, occurrence_local, cancelled FROM event_exdates WHERE event_id = $1 \
             ORDER BY occurrence_local").bind(id).fetch_all(p).await)?,
        None => on_db!(db, p => sqlx::query_as::<_, Exdate>(
            "SELECT event_id, occurrence_local, cancelled FROM event_exdates \
             ORDER BY event_id, occurrence_local").fetch_all(p).await)?,
    })
}

/// Left-out occurrences of the events in `ids` (in chunks, as `organisers`).
pub async fn exdates_of(db: &Db, ids: &[String]) -> Result<Vec<Exdate>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT event_id, occurrence_local, cancelled FROM event_exdates \
             WHERE event_id IN ({}) ORDER BY event_id, occurrence_local",
            placeholders(chunk.len())
        );
        let rows = on_db!(db, p => {
            let mut q = sqlx::query_as::<_, Exdate>(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// A registration with the person's name and address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registration {
    pub id: String,
    pub event_id: String,
    pub user_id: String,
    /// The local start of the one date registered for; empty: the whole event.
    pub occurrence_local: String,
    #[sqlx(try_from = "String")]
    pub status: RegStatus,
    pub interpretation: String,
    pub accessibility: String,
    pub dietary: String,
    pub travel_support: i64,
    pub visa_support: i64,
    pub attended: Option<i64>,
    pub created_at: i64,
    pub email: String,
    pub display_name: String,
}

const REG_COLS: &str = "r.id, r.event_id, r.user_id, r.occurrence_local, r.status, r.interpretation, \
    r.accessibility, r.dietary, r.travel_support, r.visa_support, r.attended, r.created_at, \
    u.email, u.display_name";

/// Answers a person gives when registering.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub interpretation: String,
    pub accessibility: String,
    pub dietary: String,
    pub travel_support: bool,
    pub visa_support: bool,
}

/// Seats taken: confirmed registrations and those awaiting the organiser.
pub async fn taken_in(tx: &mut Tx, event_id: &str) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 \
         AND occurrence_local = '' AND status IN ('confirmed', 'pending')")
        .bind(event_id).fetch_one(&mut *c).await)?)
}

pub async fn registration_in(
    tx: &mut Tx,
    event_id: &str,
    user_id: &str,
) -> Result<Option<Registration>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.user_id = $2 AND r.occurrence_local = ''")))
        .bind(event_id).bind(user_id).fetch_optional(&mut *c).await)?,
    )
}

pub async fn registration_by_id_in(tx: &mut Tx, id: &str) -> Result<Registration> {
    on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.id = $1")))
        .bind(id).fetch_optional(&mut *c).await)?
    .ok_or(StoreError::NotFound)
}

/// Writes a person's registration for the whole event (a new one, or one they cancelled
/// before); [`register_at_in`] for one date.
pub async fn register_in(
    tx: &mut Tx,
    event_id: &str,
    user_id: &str,
    status: RegStatus,
    a: &Answers,
) -> Result<String> {
    register_at_in(tx, event_id, user_id, "", status, a).await
}

pub async fn set_status_in(tx: &mut Tx, reg_id: &str, status: RegStatus) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE event_registrations SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(reg_id).bind(status.as_str()).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub async fn set_attended_in(tx: &mut Tx, reg_id: &str, attended: bool) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE event_registrations SET attended = $2, updated_at = $3 WHERE id = $1")
        .bind(reg_id).bind(i64::from(attended)).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The longest-waiting registration, if any.
pub async fn first_waiting_in(tx: &mut Tx, event_id: &str) -> Result<Option<Registration>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.occurrence_local = '' AND r.status = 'waiting' \
         ORDER BY r.created_at, r.id LIMIT 1")))
        .bind(event_id).fetch_optional(&mut *c).await)?,
    )
}

/// Every registration of an event, in the order they came.
pub async fn registrations(db: &Db, event_id: &str) -> Result<Vec<Registration>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 ORDER BY r.created_at, r.id")))
        .bind(event_id).fetch_all(p).await)?,
    )
}

/// A person's registration for one event, if any.
pub async fn registration(db: &Db, event_id: &str, user_id: &str) -> Result<Option<Registration>> {
    let mut tx = db.begin().await?;
    let r = registration_in(&mut tx, event_id, user_id).await?;
    tx.commit().await?;
    Ok(r)
}

/// Counts of registrations by status for an event: (confirmed + pending, waiting).
pub async fn counts(db: &Db, event_id: &str) -> Result<(i64, i64)> {
    let rows: Vec<(String, i64)> = on_db!(db, p => sqlx::query_as(
        "SELECT status, COUNT(*) FROM event_registrations WHERE event_id = $1 \
         AND occurrence_local = '' GROUP BY status")
        .bind(event_id).fetch_all(p).await)?;
    let get = |s: &str| rows.iter().find(|r| r.0 == s).map_or(0, |r| r.1);
    Ok((get("confirmed") + get("pending"), get("waiting")))
}

/// Confirmed registrations of events that start before `until` and end after `from` (the
/// reminder loop expands series itself).
pub async fn confirmed_between(db: &Db, from: i64, until: i64) -> Result<Vec<Registration>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Registration>(sqlx::AssertSqlSafe(format!(
        "SELECT {REG_COLS} FROM event_registrations r JOIN users u ON u.id = r.user_id \
         JOIN events e ON e.id = r.event_id WHERE r.status = 'confirmed' AND e.cancelled = 0 \
         AND e.starts_at < $2 AND e.last_ends_at > $1 ORDER BY r.event_id, r.id")))
        .bind(from).bind(until).fetch_all(p).await)?,
    )
}

/// Records a reminder; false when it was sent already.
pub async fn mark_reminded_in(
    tx: &mut Tx,
    event_id: &str,
    user_id: &str,
    starts_at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO event_reminders (event_id, user_id, starts_at, sent_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING")
        .bind(event_id).bind(user_id).bind(starts_at).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Claims a create form's one-time key in `tx` for the event `id` (see `claim_once!`).
pub async fn claim_once_in(tx: &mut Tx, once: &crate::idempotency::Once, id: &str) -> Result<()> {
    on_tx!(tx, c => async {
        crate::claim_once!(&mut *c, once, id);
        Ok::<(), StoreError>(())
    }.await)?;
    Ok(())
}

/// A registration's date as `YYYY-MM-DD` (UTC), for exports.
pub fn registered_on(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
