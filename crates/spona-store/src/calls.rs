//! Calls and opportunities: one row per call (`calls`) and its eligibility and languages as
//! codes (`call_terms`). Lists load every call with its terms in two queries; the filters
//! are applied by `spona_app::calls` (a platform holds hundreds of calls, not millions).

use spona_domain::call::{Amount, CallStatus, CallTerms, CallValues};
use spona_domain::ids::{CallId, OrgId};

use crate::{Db, Result, Tx, now, on_db, on_tx};

/// A call with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: CallId,
    pub kind: String,
    /// The organisation that posted it, if one did.
    pub org_id: Option<OrgId>,
    pub org_slug: Option<String>,
    pub org_name: Option<String>,
    pub funder: Option<String>,
    pub created_by: Option<String>,
    pub written: String,
    pub title: String,
    pub description: String,
    pub deadline_at: i64,
    pub deadline_local: String,
    pub zone: String,
    pub amount: Option<Amount>,
    pub link: Option<String>,
    pub status: CallStatus,
    /// Raised by every change: the calendar feed's `SEQUENCE`.
    pub sequence: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub terms: CallTerms,
}

#[derive(sqlx::FromRow)]
struct CallRow {
    id: String,
    kind: String,
    org_id: Option<String>,
    org_slug: Option<String>,
    org_name: Option<String>,
    funder: Option<String>,
    created_by: Option<String>,
    written: String,
    title: String,
    description: String,
    deadline_at: i64,
    deadline_local: String,
    zone: String,
    amount_minor: Option<i64>,
    currency: Option<String>,
    link: Option<String>,
    #[sqlx(try_from = "String")]
    status: CallStatus,
    sequence: i64,
    created_at: i64,
    updated_at: i64,
}

impl CallRow {
    fn into_call(self) -> Call {
        Call {
            id: CallId::from(self.id),
            kind: self.kind,
            org_id: self.org_id.map(OrgId::from),
            org_slug: self.org_slug,
            org_name: self.org_name,
            funder: self.funder,
            created_by: self.created_by,
            written: self.written,
            title: self.title,
            description: self.description,
            deadline_at: self.deadline_at,
            deadline_local: self.deadline_local,
            zone: self.zone,
            amount: match (self.amount_minor, self.currency) {
                (Some(minor), Some(currency)) => Some(Amount { minor, currency }),
                _ => None,
            },
            link: self.link,
            status: self.status,
            sequence: self.sequence,
            created_at: self.created_at,
            updated_at: self.updated_at,
            terms: CallTerms::default(),
        }
    }
}

const SELECT: &str = "SELECT c.id, c.kind, c.org_id, o.slug AS org_slug, o.name AS org_name, \
     c.funder, c.created_by, c.written, c.title, c.description, c.deadline_at, c.deadline_local, \
     c.zone, c.amount_minor, c.currency, c.link, c.status, c.sequence, c.created_at, c.updated_at \
     FROM calls c LEFT JOIN organisations o ON o.id = c.org_id";

fn term_lists(terms: &CallTerms) -> [(&'static str, &Vec<String>); 5] {
    [
        ("country", &terms.countries),
        ("theme", &terms.themes),
        ("knowhow", &terms.knowhow),
        ("orgkind", &terms.org_kinds),
        ("language", &terms.languages),
    ]
}

/// Files a stored term under its list; a kind this version does not know is an error (as
/// an unknown status is), never a silent default.
fn add_term(terms: &mut CallTerms, kind: &str, code: String) -> Result<()> {
    match kind {
        "country" => terms.countries.push(code),
        "theme" => terms.themes.push(code),
        "knowhow" => terms.knowhow.push(code),
        "orgkind" => terms.org_kinds.push(code),
        "language" => terms.languages.push(code),
        other => {
            return Err(crate::StoreError::Database(sqlx::Error::Decode(
                format!("unknown call term kind {other:?}").into(),
            )));
        }
    }
    Ok(())
}

async fn write_terms(tx: &mut Tx, id: &str, terms: &CallTerms) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM call_terms WHERE call_id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for (kind, codes) in term_lists(terms) {
        for code in codes {
            on_tx!(tx, c => sqlx::query(
                "INSERT INTO call_terms (call_id, kind, code) VALUES ($1, $2, $3)")
                .bind(id).bind(kind).bind(code).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

/// Saves a new open call posted by `created_by` for `org_id` (none: a platform admin's),
/// claiming the create form's one-time key in the same transaction.
pub async fn create_in(
    tx: &mut Tx,
    id: &CallId,
    org_id: Option<&OrgId>,
    created_by: Option<&str>,
    v: &CallValues,
    once: Option<&crate::idempotency::Once>,
) -> Result<()> {
    let at = now();
    if let Some(once) = once {
        on_tx!(tx, c => {
            crate::claim_once!(&mut *c, once, id.as_str());
            Ok::<_, crate::StoreError>(())
        })?;
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO calls (id, kind, org_id, funder, created_by, written, title, description, \
         deadline_at, deadline_local, zone, amount_minor, currency, link, status, sequence, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', 0, $15, $15)")
        .bind(id.as_str()).bind(&v.kind).bind(org_id.map(|o| o.as_str())).bind(&v.funder)
        .bind(created_by).bind(&v.written).bind(&v.title).bind(&v.description)
        .bind(v.deadline_at).bind(&v.deadline_local).bind(&v.zone)
        .bind(v.amount.as_ref().map(|a| a.minor)).bind(v.amount.as_ref().map(|a| a.currency.as_str()))
        .bind(&v.link).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    write_terms(tx, id, &v.terms).await
}

/// Replaces a call's values (not its organisation or status) and raises its sequence.
pub async fn update_in(tx: &mut Tx, id: &CallId, v: &CallValues) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE calls SET kind = $2, funder = $3, written = $4, title = $5, description = $6, \
         deadline_at = $7, deadline_local = $8, zone = $9, amount_minor = $10, currency = $11, \
         link = $12, sequence = sequence + 1, updated_at = $13 WHERE id = $1")
        .bind(id.as_str()).bind(&v.kind).bind(&v.funder).bind(&v.written).bind(&v.title)
        .bind(&v.description).bind(v.deadline_at).bind(&v.deadline_local).bind(&v.zone)
        .bind(v.amount.as_ref().map(|a| a.minor)).bind(v.amount.as_ref().map(|a| a.currency.as_str()))
        .bind(&v.link).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    write_terms(tx, id, &v.terms).await
}

/// Opens, closes or withdraws a call, raising its sequence.
pub async fn set_status_in(tx: &mut Tx, id: &CallId, status: CallStatus) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE calls SET status = $2, sequence = sequence + 1, updated_at = $3 WHERE id = $1")
        .bind(id.as_str()).bind(status.as_str()).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}

/// One call with its terms, if it exists.
pub async fn load(db: &Db, id: &str) -> Result<Option<Call>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1"));
    let row: Option<CallRow> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut call = row.into_call();
    let terms: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT kind, code FROM call_terms WHERE call_id = $1 ORDER BY kind, code")
        .bind(id).fetch_all(p).await)?;
    for (kind, code) in terms {
        add_term(&mut call.terms, &kind, code)?;
    }
    Ok(Some(call))
}

/// Every call with its terms, by deadline (soonest first), in two queries.
pub async fn list(db: &Db) -> Result<Vec<Call>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY c.deadline_at, c.id"));
    let rows: Vec<CallRow> = on_db!(db, p => sqlx::query_as(sql).fetch_all(p).await)?;
    let terms: Vec<(String, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT call_id, kind, code FROM call_terms ORDER BY call_id, kind, code")
        .fetch_all(p).await)?;
    let mut calls: Vec<Call> = rows.into_iter().map(CallRow::into_call).collect();
    let index: std::collections::HashMap<String, usize> = calls
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str().to_owned(), i))
        .collect();
    for (call_id, kind, code) in terms {
        if let Some(i) = index.get(&call_id) {
            add_term(&mut calls[*i].terms, &kind, code)?;
        }
    }
    Ok(calls)
}
