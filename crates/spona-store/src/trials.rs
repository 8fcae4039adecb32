//! Trial monitoring (issue 21 item 6): cases (`trial_cases`, their charges and monitoring
//! organisations), hearings, observation forms with their answered checks and protection
//! measures, and verdicts per defendant. Sealed columns (`note_sealed`, `notes_sealed`) hold
//! what `spona_app::trials` sealed; the store never sees their text. Reads fetch a case's
//! page in a fixed number of queries, and the findings' facts for any number of cases in
//! four.

use std::collections::HashMap;

use spona_domain::trial::findings::CaseFacts;

use crate::idempotency::Once;
use crate::{Db, Result, Tx, conflict, on_db, on_tx, placeholders};

/// A monitored case.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Case {
    pub id: String,
    pub country: String,
    pub court: String,
    pub case_number: String,
    pub defendants: i64,
    pub victims: i64,
    pub indicted_on: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    #[sqlx(skip)]
    pub charges: Vec<String>,
    /// The monitoring organisations' ids.
    #[sqlx(skip)]
    pub orgs: Vec<String>,
}

/// A hearing; `note_sealed` is the vault's sealed text (or none).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Hearing {
    pub id: String,
    pub case_id: String,
    pub at: i64,
    pub at_local: String,
    pub zone: String,
    pub status: String,
    pub reason: Option<String>,
    pub note_sealed: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
}

/// An observation form; `notes_sealed` is the vault's sealed JSON of its free text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Observation {
    pub id: String,
    pub case_id: String,
    pub hearing_id: String,
    pub observer_id: Option<String>,
    pub observer_name: Option<String>,
    pub org_id: Option<String>,
    pub compensation: Option<String>,
    pub prosecution: Option<String>,
    pub court: Option<String>,
    pub notes_sealed: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    /// `(check, answer)`, sorted.
    #[sqlx(skip)]
    pub checks: Vec<(String, String)>,
    /// Protection measures applied, sorted.
    #[sqlx(skip)]
    pub measures: Vec<String>,
}

/// The current verdict for one defendant.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Verdict {
    pub case_id: String,
    pub defendant: i64,
    pub outcome: String,
    pub decided_on: String,
    pub sentence_months: Option<i64>,
    pub is_final: bool,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

const CASE_COLUMNS: &str = "c.id, c.country, c.court, c.case_number, c.defendants, c.victims, \
     c.indicted_on, c.created_by, c.created_at, c.updated_at";

/// Saves a new case with its charges and monitoring organisations, claiming the form's
/// one-time key in the same transaction. A case number already monitored at that court is
/// [`crate::StoreError::Conflict`].
pub async fn create_case_in(tx: &mut Tx, case: &Case, once: Option<&Once>) -> Result<()> {
    if let Some(once) = once {
        crate::idempotency::claim_in(tx, once, &case.id).await?;
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO trial_cases (id, country, court, case_number, defendants, victims, \
         indicted_on, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
        .bind(&case.id).bind(&case.country).bind(&case.court).bind(&case.case_number)
        .bind(case.defendants).bind(case.victims).bind(&case.indicted_on)
        .bind(&case.created_by).bind(case.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()).map_err(conflict))?;
    for charge in &case.charges {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO trial_case_charges (case_id, charge) VALUES ($1, $2)")
            .bind(&case.id).bind(charge).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for org in &case.orgs {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO trial_case_orgs (case_id, org_id) VALUES ($1, $2)")
            .bind(&case.id).bind(org).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Whether a case with this number is monitored at this court already.
pub async fn number_taken(db: &Db, country: &str, court: &str, number: &str) -> Result<bool> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT id FROM trial_cases WHERE country = $1 AND court = $2 AND case_number = $3")
        .bind(country).bind(court).bind(number).fetch_optional(p).await)?;
    Ok(row.is_some())
}

async fn with_terms(db: &Db, mut cases: Vec<Case>) -> Result<Vec<Case>> {
    if cases.is_empty() {
        return Ok(cases);
    }
    let ids: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
    let ph = placeholders(1, ids.len());
    let charges_sql = sqlx::AssertSqlSafe(format!(
        "SELECT case_id, charge FROM trial_case_charges WHERE case_id IN ({ph}) ORDER BY charge"
    ));
    let charges: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(charges_sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?;
    let orgs_sql = sqlx::AssertSqlSafe(format!(
        "SELECT case_id, org_id FROM trial_case_orgs WHERE case_id IN ({ph}) ORDER BY org_id"
    ));
    let orgs: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(orgs_sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?;
    let index: HashMap<String, usize> =
        ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
    for (case_id, charge) in charges {
        if let Some(i) = index.get(&case_id) {
            cases[*i].charges.push(charge);
        }
    }
    for (case_id, org) in orgs {
        if let Some(i) = index.get(&case_id) {
            cases[*i].orgs.push(org);
        }
    }
    Ok(cases)
}

/// One case with its charges and organisations.
pub async fn case(db: &Db, id: &str) -> Result<Option<Case>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CASE_COLUMNS} FROM trial_cases c WHERE c.id = $1"
    ));
    let row: Option<Case> = on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    Ok(with_terms(db, row.into_iter().collect()).await?.pop())
}

/// The cases any of these organisations monitors, newest indictment first, `limit` after
/// the case id `after` (ids are UUIDv7: the order of creation), in three queries.
pub async fn cases_of(db: &Db, orgs: &[String], after: &str, limit: i64) -> Result<Vec<Case>> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let ph = placeholders(3, orgs.len());
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CASE_COLUMNS} FROM trial_cases c WHERE c.id > $1 AND c.id IN \
         (SELECT case_id FROM trial_case_orgs WHERE org_id IN ({ph})) ORDER BY c.id LIMIT $2"
    ));
    let rows: Vec<Case> = on_db!(db, p => {
        let mut q = sqlx::query_as(sql).bind(after).bind(limit);
        for o in orgs {
            q = q.bind(o);
        }
        q.fetch_all(p).await
    })?;
    with_terms(db, rows).await
}

/// Adds a hearing.
pub async fn add_hearing_in(tx: &mut Tx, h: &Hearing) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO trial_hearings (id, case_id, at, at_local, zone, status, reason, note_sealed, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&h.id).bind(&h.case_id).bind(h.at).bind(&h.at_local).bind(&h.zone)
        .bind(&h.status).bind(&h.reason).bind(&h.note_sealed).bind(&h.created_by)
        .bind(h.created_at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    touch_in(tx, &h.case_id, h.created_at).await
}

async fn touch_in(tx: &mut Tx, case_id: &str, at: i64) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE trial_cases SET updated_at = $2 WHERE id = $1")
        .bind(case_id).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}

const HEARING_COLUMNS: &str = "id, case_id, at, at_local, zone, status, reason, note_sealed, \
     created_by, created_at";

/// A case's hearings, earliest first.
pub async fn hearings(db: &Db, case_id: &str) -> Result<Vec<Hearing>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {HEARING_COLUMNS} FROM trial_hearings WHERE case_id = $1 ORDER BY at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(case_id).fetch_all(p).await)?)
}

/// One hearing of one case.
pub async fn hearing(db: &Db, case_id: &str, id: &str) -> Result<Option<Hearing>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {HEARING_COLUMNS} FROM trial_hearings WHERE case_id = $1 AND id = $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(case_id).bind(id).fetch_optional(p).await)?)
}

/// Adds an observation with its answered checks and protection measures.
pub async fn add_observation_in(tx: &mut Tx, o: &Observation) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO trial_observations (id, case_id, hearing_id, observer_id, org_id, \
         compensation, prosecution, court, notes_sealed, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(&o.id).bind(&o.case_id).bind(&o.hearing_id).bind(&o.observer_id).bind(&o.org_id)
        .bind(&o.compensation).bind(&o.prosecution).bind(&o.court).bind(&o.notes_sealed)
        .bind(&o.created_by).bind(o.created_at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let items = o
        .checks
        .iter()
        .map(|(k, a)| ("check", k.as_str(), a.as_str()))
        .chain(o.measures.iter().map(|m| ("measure", m.as_str(), "yes")));
    for (kind, code, answer) in items {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO trial_observation_items (observation_id, kind, code, answer) \
             VALUES ($1, $2, $3, $4)")
            .bind(&o.id).bind(kind).bind(code).bind(answer).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    touch_in(tx, &o.case_id, o.created_at).await
}

/// A case's observations with their items, oldest first, in two queries.
pub async fn observations(db: &Db, case_id: &str) -> Result<Vec<Observation>> {
    let mut obs: Vec<Observation> = on_db!(db, p => sqlx::query_as(
        "SELECT o.id, o.case_id, o.hearing_id, o.observer_id, u.display_name AS observer_name, \
         o.org_id, o.compensation, o.prosecution, o.court, o.notes_sealed, o.created_by, \
         o.created_at FROM trial_observations o LEFT JOIN users u ON u.id = o.observer_id \
         WHERE o.case_id = $1 ORDER BY o.created_at, o.id")
        .bind(case_id).fetch_all(p).await)?;
    let items: Vec<(String, String, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT i.observation_id, i.kind, i.code, i.answer FROM trial_observation_items i \
         JOIN trial_observations o ON o.id = i.observation_id WHERE o.case_id = $1 \
         ORDER BY i.code")
        .bind(case_id).fetch_all(p).await)?;
    let index: HashMap<String, usize> = obs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for (id, kind, code, answer) in items {
        if let Some(i) = index.get(&id) {
            if kind == "measure" {
                obs[*i].measures.push(code);
            } else {
                obs[*i].checks.push((code, answer));
            }
        }
    }
    Ok(obs)
}

/// Records (or replaces) one defendant's verdict.
pub async fn set_verdict_in(tx: &mut Tx, v: &Verdict) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO trial_verdicts (case_id, defendant, outcome, decided_on, sentence_months, \
         is_final, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (case_id, defendant) DO UPDATE SET outcome = excluded.outcome, \
         decided_on = excluded.decided_on, sentence_months = excluded.sentence_months, \
         is_final = excluded.is_final, recorded_by = excluded.recorded_by, \
         recorded_at = excluded.recorded_at")
        .bind(&v.case_id).bind(v.defendant).bind(&v.outcome).bind(&v.decided_on)
        .bind(v.sentence_months).bind(v.is_final).bind(&v.recorded_by).bind(v.recorded_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    touch_in(tx, &v.case_id, v.recorded_at).await
}

/// A case's verdicts by defendant.
pub async fn verdicts(db: &Db, case_id: &str) -> Result<Vec<Verdict>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT case_id, defendant, outcome, decided_on, sentence_months, is_final, recorded_by, \
         recorded_at FROM trial_verdicts WHERE case_id = $1 ORDER BY defendant")
        .bind(case_id).fetch_all(p).await)?)
}

/// Which cases the findings cover.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    All,
    Ids(&'a [String]),
}

/// What the findings count, for every case in `scope`, in four queries (no text, nothing
/// sealed). Cases come in id order.
pub async fn facts(db: &Db, scope: Scope<'_>) -> Result<Vec<CaseFacts>> {
    let (filter, ids): (String, &[String]) = match scope {
        Scope::All => (String::new(), &[]),
        Scope::Ids([]) => return Ok(Vec::new()),
        Scope::Ids(ids) => (
            format!(" WHERE {{col}} IN ({})", placeholders(1, ids.len())),
            ids,
        ),
    };
    let w = |col: &str| filter.replace("{col}", col);
    let cases_sql = sqlx::AssertSqlSafe(format!(
        "SELECT id, country, indicted_on FROM trial_cases{} ORDER BY id",
        w("id")
    ));
    let cases: Vec<(String, String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(cases_sql);
        for id in ids { q = q.bind(id); }
        q.fetch_all(p).await
    })?;
    let hearings_sql = sqlx::AssertSqlSafe(format!(
        "SELECT case_id, status, reason FROM trial_hearings{} ORDER BY at, id",
        w("case_id")
    ));
    let hearings: Vec<(String, String, Option<String>)> = on_db!(db, p => {
        let mut q = sqlx::query_as(hearings_sql);
        for id in ids { q = q.bind(id); }
        q.fetch_all(p).await
    })?;
    let verdicts_sql = sqlx::AssertSqlSafe(format!(
        "SELECT case_id, outcome, decided_on, sentence_months FROM trial_verdicts{} \
         ORDER BY defendant",
        w("case_id")
    ));
    let verdicts: Vec<(String, String, String, Option<i64>)> = on_db!(db, p => {
        let mut q = sqlx::query_as(verdicts_sql);
        for id in ids { q = q.bind(id); }
        q.fetch_all(p).await
    })?;
    let items_sql = sqlx::AssertSqlSafe(format!(
        "SELECT o.case_id, o.id, i.kind, i.code, i.answer FROM trial_observations o \
         LEFT JOIN trial_observation_items i ON i.observation_id = o.id{} \
         ORDER BY o.id, i.kind, i.code",
        w("o.case_id")
    ));
    type Item = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let items: Vec<Item> = on_db!(db, p => {
        let mut q = sqlx::query_as(items_sql);
        for id in ids { q = q.bind(id); }
        q.fetch_all(p).await
    })?;
    let mut out: Vec<CaseFacts> = cases
        .into_iter()
        .map(|(id, country, indicted_on)| CaseFacts {
            id,
            country,
            indicted_on,
            ..Default::default()
        })
        .collect();
    let index: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for (case_id, status, reason) in hearings {
        if let Some(i) = index.get(&case_id) {
            out[*i].hearings.push((status, reason));
        }
    }
    for (case_id, outcome, decided_on, months) in verdicts {
        if let Some(i) = index.get(&case_id) {
            out[*i].verdicts.push((outcome, decided_on, months));
        }
    }
    let mut last_obs: HashMap<String, String> = HashMap::new();
    for (case_id, obs_id, kind, code, answer) in items {
        let Some(i) = index.get(&case_id) else {
            continue;
        };
        let c = &mut out[*i];
        if last_obs.get(&case_id) != Some(&obs_id) {
            c.observations.push((Vec::new(), Vec::new()));
            last_obs.insert(case_id.clone(), obs_id);
        }
        let Some(o) = c.observations.last_mut() else {
            continue;
        };
        match (kind.as_deref(), code, answer) {
            (Some("measure"), Some(code), _) => o.0.push(code),
            (Some("check"), Some(code), Some(answer)) => o.1.push((code, answer)),
            _ => {}
        }
    }
    Ok(out)
}
