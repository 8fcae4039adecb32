//! Referrals (issue 19): case workers (`referral_workers`), referrals and their notes, each
//! referral's custody chain (`referral_custody`), and hotline intakes. Values about a person
//! arrive here sealed (`*_sealed`); this module never sees them in clear. Access is decided
//! by `spona_app::referrals`.

use spona_domain::referral::Status;
use spona_vault::CustodyEntry;

use crate::{Db, Result, Tx, now, on_db, on_tx};

pub mod heads;

/// A named case worker of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Worker {
    pub org_id: String,
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub may_override: bool,
}

/// Makes `user_id` a case worker of `org_id` (or changes the override permission).
pub async fn set_worker_in(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    may_override: bool,
    by: Option<&str>,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referral_workers (org_id, user_id, may_override, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, user_id) DO UPDATE SET \
         may_override = excluded.may_override, granted_by = excluded.granted_by, \
         granted_at = excluded.granted_at")
        .bind(org_id).bind(user_id).bind(may_override).bind(by).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes the role; returns whether there was one.
pub async fn remove_worker_in(tx: &mut Tx, org_id: &str, user_id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM referral_workers WHERE org_id = $1 AND user_id = $2")
        .bind(org_id).bind(user_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

const WORKER: &str = "SELECT w.org_id, w.user_id, u.display_name, u.email, w.may_override \
     FROM referral_workers w JOIN users u ON u.id = w.user_id";

/// An organisation's case workers, by name.
pub async fn workers(db: &Db, org_id: &str) -> Result<Vec<Worker>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{WORKER} WHERE w.org_id = $1 ORDER BY u.display_name, u.id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Worker>(sql).bind(org_id).fetch_all(p).await)?)
}

/// The organisations where `user_id` is a case worker.
pub async fn worker_roles(db: &Db, user_id: &str) -> Result<Vec<Worker>> {
    let sql = sqlx::AssertSqlSafe(format!("{WORKER} WHERE w.user_id = $1 ORDER BY w.org_id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, Worker>(sql).bind(user_id).fetch_all(p).await)?)
}

/// The same, inside a use case's transaction (checked again where it acts).
pub async fn worker_roles_in(tx: &mut Tx, user_id: &str) -> Result<Vec<Worker>> {
    let sql = sqlx::AssertSqlSafe(format!("{WORKER} WHERE w.user_id = $1 ORDER BY w.org_id"));
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Worker>(sql).bind(user_id).fetch_all(&mut *c).await)?)
}

/// A referral as stored (sealed values stay sealed).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Referral {
    pub id: String,
    pub from_org: String,
    pub to_org: String,
    pub service_id: String,
    pub service_kind: String,
    pub from_country: String,
    pub to_country: String,
    pub referred_by: Option<String>,
    pub urgent: bool,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub age_band: String,
    pub gender: String,
    pub person_sealed: String,
    pub reason_sealed: String,
    pub consent_how: String,
    pub consent_until: Option<i64>,
    pub consent_sealed: Option<String>,
    pub override_sealed: Option<String>,
    pub outcome: Option<String>,
    pub answered_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub reminded_at: Option<i64>,
    pub intake_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, from_org, to_org, service_id, service_kind, from_country, to_country, \
     referred_by, urgent, status, age_band, gender, person_sealed, reason_sealed, consent_how, \
     consent_until, consent_sealed, override_sealed, outcome, answered_at, withdrawn_at, \
     reminded_at, intake_id, created_at, updated_at";

/// Saves a new referral (status `sent`).
pub async fn insert_in(tx: &mut Tx, r: &Referral) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referrals (id, from_org, to_org, service_id, service_kind, from_country, \
         to_country, referred_by, urgent, status, age_band, gender, person_sealed, reason_sealed, \
         consent_how, consent_until, consent_sealed, override_sealed, outcome, answered_at, \
         withdrawn_at, reminded_at, intake_id, created_at, updated_at) VALUES ($1, $2, $3, $4, \
         $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, NULL, NULL, NULL, \
         NULL, $19, $20, $20)")
        .bind(&r.id).bind(&r.from_org).bind(&r.to_org).bind(&r.service_id)
        .bind(&r.service_kind).bind(&r.from_country).bind(&r.to_country)
        .bind(r.referred_by.as_deref()).bind(r.urgent).bind(r.status.as_str())
        .bind(&r.age_band).bind(&r.gender).bind(&r.person_sealed).bind(&r.reason_sealed)
        .bind(&r.consent_how).bind(r.consent_until).bind(r.consent_sealed.as_deref())
        .bind(r.override_sealed.as_deref()).bind(r.intake_id.as_deref()).bind(r.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The referral, its row locked for the rest of the transaction (the update takes the
/// lock on both databases, so two answers to one referral are applied one after the other).
pub async fn lock_in(tx: &mut Tx, id: &str) -> Result<Option<Referral>> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE referrals SET updated_at = updated_at WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(None);
    }
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM referrals WHERE id = $1"));
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Referral>(sql).bind(id).fetch_optional(&mut *c).await)?)
}

pub async fn get(db: &Db, id: &str) -> Result<Option<Referral>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM referrals WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(sql).bind(id).fetch_optional(p).await)?)
}

/// Referrals sent by or to `org_id`, newest first.
pub async fn for_org(db: &Db, org_id: &str) -> Result<Vec<Referral>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM referrals WHERE from_org = $1 OR to_org = $1 \
         ORDER BY created_at DESC, id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(sql).bind(org_id).fetch_all(p).await)?)
}

/// Every referral (statistics; the caller keeps what the reader may count).
pub async fn all(db: &Db) -> Result<Vec<Referral>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM referrals ORDER BY created_at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(sql).fetch_all(p).await)?)
}

/// Moves the referral on; `answered` also stamps the first answer's time.
pub async fn set_status_in(
    tx: &mut Tx,
    id: &str,
    status: Status,
    outcome: Option<&str>,
    answered: bool,
) -> Result<()> {
    let at = now();
    on_tx!(tx, c => sqlx::query(
        "UPDATE referrals SET status = $2, outcome = COALESCE($3, outcome), \
         answered_at = CASE WHEN $4 THEN COALESCE(answered_at, $5) ELSE answered_at END, \
         withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN $5 ELSE withdrawn_at END, \
         updated_at = $5 WHERE id = $1")
        .bind(id).bind(status.as_str()).bind(outcome).bind(answered).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks every note of the referral withdrawn (consent withdrawn: both sides see it so).
pub async fn withdraw_notes_in(tx: &mut Tx, id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE referral_notes SET withdrawn = TRUE WHERE referral_id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Urgent referrals still awaiting their first answer, sent before `before` and not yet
/// reminded about.
pub async fn due_urgent(db: &Db, before: i64) -> Result<Vec<Referral>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM referrals WHERE urgent = TRUE AND status IN ('sent', 'more-info') \
         AND answered_at IS NULL AND reminded_at IS NULL AND created_at <= $1 \
         ORDER BY created_at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Referral>(sql).bind(before).fetch_all(p).await)?)
}

/// Claims the reminder of one referral; false when another run took it first.
pub async fn claim_reminder_in(tx: &mut Tx, id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE referrals SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL \
         AND answered_at IS NULL")
        .bind(id).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// A note on a referral (sealed body).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Note {
    pub id: String,
    pub referral_id: String,
    pub side: String,
    pub kind: String,
    pub shared: bool,
    pub author: Option<String>,
    pub body_sealed: String,
    pub withdrawn: bool,
    pub created_at: i64,
}

pub async fn add_note_in(tx: &mut Tx, n: &Note) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referral_notes (id, referral_id, side, kind, shared, author, body_sealed, \
         withdrawn, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)")
        .bind(&n.id).bind(&n.referral_id).bind(&n.side).bind(&n.kind).bind(n.shared)
        .bind(n.author.as_deref()).bind(&n.body_sealed).bind(n.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn notes(db: &Db, referral_id: &str) -> Result<Vec<Note>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Note>(
        "SELECT id, referral_id, side, kind, shared, author, body_sealed, withdrawn, created_at \
         FROM referral_notes WHERE referral_id = $1 ORDER BY created_at, id")
        .bind(referral_id).fetch_all(p).await)?)
}

#[derive(sqlx::FromRow)]
struct CustodyRow {
    referral_id: String,
    seq: i64,
    at_ms: i64,
    actor: String,
    action: String,
    reason: String,
    prev_hash: String,
    hash: String,
}

impl CustodyRow {
    fn entry(self) -> CustodyEntry {
        CustodyEntry {
            case_id: format!("referral:{}", self.referral_id),
            seq: self.seq as u64,
            at_ms: self.at_ms,
            actor: self.actor,
            action: self.action,
            reason: self.reason,
            item_sha256: None,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

const CUSTODY: &str =
    "SELECT referral_id, seq, at_ms, actor, action, reason, prev_hash, hash FROM referral_custody";

/// The last custody entry of a referral (call after [`lock_in`] or inside the creating
/// transaction, so that entries are numbered strictly in order).
pub async fn custody_last_in(tx: &mut Tx, referral_id: &str) -> Result<Option<CustodyEntry>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{CUSTODY} WHERE referral_id = $1 ORDER BY seq DESC LIMIT 1"
    ));
    let row = on_tx!(tx, c => sqlx::query_as::<_, CustodyRow>(sql).bind(referral_id)
        .fetch_optional(&mut *c).await)?;
    Ok(row.map(CustodyRow::entry))
}

/// Appends an entry computed by `spona_vault::custody::append`.
pub async fn custody_insert_in(tx: &mut Tx, referral_id: &str, e: &CustodyEntry) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referral_custody (referral_id, seq, at_ms, actor, action, reason, \
         prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(referral_id).bind(e.seq as i64).bind(e.at_ms).bind(&e.actor).bind(&e.action)
        .bind(&e.reason).bind(&e.prev_hash).bind(&e.hash)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The whole chain, in order.
pub async fn custody(db: &Db, referral_id: &str) -> Result<Vec<CustodyEntry>> {
    let sql = sqlx::AssertSqlSafe(format!("{CUSTODY} WHERE referral_id = $1 ORDER BY seq"));
    let rows = on_db!(db, p => sqlx::query_as::<_, CustodyRow>(sql).bind(referral_id)
        .fetch_all(p).await)?;
    Ok(rows.into_iter().map(CustodyRow::entry).collect())
}

/// A hotline intake (sealed words).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Intake {
    pub id: String,
    pub org_id: String,
    pub taken_by: Option<String>,
    pub channel: String,
    pub in_danger: String,
    pub safe_to_talk: String,
    pub sealed: String,
    pub referral_id: Option<String>,
    pub created_at: i64,
}

const INTAKE: &str = "SELECT id, org_id, taken_by, channel, in_danger, safe_to_talk, sealed, \
     referral_id, created_at FROM referral_intakes";

pub async fn insert_intake_in(tx: &mut Tx, i: &Intake) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referral_intakes (id, org_id, taken_by, channel, in_danger, safe_to_talk, \
         sealed, referral_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)")
        .bind(&i.id).bind(&i.org_id).bind(i.taken_by.as_deref()).bind(&i.channel)
        .bind(&i.in_danger).bind(&i.safe_to_talk).bind(&i.sealed).bind(i.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn intake(db: &Db, id: &str) -> Result<Option<Intake>> {
    let sql = sqlx::AssertSqlSafe(format!("{INTAKE} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, Intake>(sql).bind(id).fetch_optional(p).await)?)
}

pub async fn intakes(db: &Db, org_id: &str) -> Result<Vec<Intake>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{INTAKE} WHERE org_id = $1 ORDER BY created_at DESC, id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Intake>(sql).bind(org_id).fetch_all(p).await)?)
}

/// Links an intake to the referral it became; false when it had become one already.
pub async fn link_intake_in(tx: &mut Tx, intake_id: &str, referral_id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE referral_intakes SET referral_id = $2 WHERE id = $1 AND referral_id IS NULL")
        .bind(intake_id).bind(referral_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Claims a create form's one-time key for `id` in the create's transaction.
pub async fn claim_once_in(tx: &mut Tx, once: &crate::idempotency::Once, id: &str) -> Result<()> {
    on_tx!(tx, c => {
        crate::claim_once!(&mut *c, once, id);
        Ok::<_, crate::StoreError>(())
    })
}

/// The ids and addresses of an organisation's case workers whose accounts are enabled.
pub async fn worker_addresses_in(tx: &mut Tx, org_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT u.id, u.email FROM referral_workers w JOIN users u ON u.id = w.user_id \
         WHERE w.org_id = $1 AND u.disabled = FALSE ORDER BY u.id")
        .bind(org_id).fetch_all(&mut *c).await)?)
}
