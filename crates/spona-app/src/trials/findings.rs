//! The public findings across every monitored case, and the per-case rows of the members'
//! CSV export (read in batches, so the export has no cap).

use spona_domain::trial::findings::{CaseFacts, Column, compute};
use spona_store::Db;
use spona_store::trials::{self as store, Case, Scope};

use crate::Result;
use crate::actor::Actor;

/// The findings per country and over all countries (public: no sealed data, small numbers
/// withheld).
pub async fn findings(db: &Db) -> Result<Vec<Column>> {
    Ok(compute(&store::facts(db, Scope::All).await?))
}

/// One case of the members' export: the case and what the findings count of it.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub case: Case,
    pub facts: CaseFacts,
}

/// The next `limit` cases the actor's organisations monitor after the case id `after`
/// (empty: from the start), with their facts, in a fixed number of queries.
pub async fn case_rows(actor: &Actor, db: &Db, after: &str, limit: i64) -> Result<Vec<CaseRow>> {
    actor.require_user()?;
    let orgs: Vec<String> = actor
        .memberships()
        .iter()
        .map(|m| m.org_id.clone())
        .collect();
    super::export::rows_of(db, &orgs, after, limit).await
}
