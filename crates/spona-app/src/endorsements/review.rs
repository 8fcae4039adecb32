//! The coordinators' review: endorsements by e-mail domain and by day (never an address),
//! a preview of how many a filter selects, and their invalidation in one transaction with
//! its audit entry.

use spona_domain::Invalid;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::endorsements::review::{self as store, DomainRow, Filter};
use spona_store::endorsements::{self as campaigns, Campaign};

use super::coordinates;
use crate::{Actor, Error, Result};

/// How many domains the review lists.
pub const DOMAINS_SHOWN: i64 = 100;
/// How many days (that have endorsements) the review lists.
pub const DAYS_SHOWN: i64 = 60;

/// The review page's content.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub campaign: Campaign,
    pub domains: Vec<DomainRow>,
    /// `(day start, made, invalidated)`, newest first.
    pub days: Vec<(i64, i64, i64)>,
}

/// The campaign `id` if `actor` coordinates it: sign-in first, then 404 for everyone else
/// (the review's existence says nothing).
async fn load(actor: &Actor, db: &Db, id: &str) -> Result<Campaign> {
    actor.require_user()?;
    let c = campaigns::campaign(db, id).await?.ok_or(Error::NotFound)?;
    if !coordinates(actor, db, &c).await? {
        return Err(Error::NotFound);
    }
    Ok(c)
}

pub async fn review(actor: &Actor, db: &Db, id: &str) -> Result<ReviewView> {
    let campaign = load(actor, db, id).await?;
    Ok(ReviewView {
        domains: store::by_domain(db, id, DOMAINS_SHOWN).await?,
        days: store::by_day(db, id, DAYS_SHOWN).await?,
        campaign,
    })
}

fn check(f: &Filter) -> Result<()> {
    if f.from.is_none() && f.to.is_none() && f.domain.is_none() {
        return Err(Error::Invalid(vec![Invalid::new(
            "domain",
            "en-err-filter-empty",
        )]));
    }
    if let (Some(a), Some(b)) = (f.from, f.to)
        && b <= a
    {
        return Err(Error::Invalid(vec![Invalid::new("to", "en-err-window")]));
    }
    Ok(())
}

/// How many endorsements not yet invalidated the filter selects: `(confirmed, waiting)`.
pub async fn preview(actor: &Actor, db: &Db, id: &str, f: &Filter) -> Result<(i64, i64)> {
    load(actor, db, id).await?;
    check(f)?;
    Ok(store::matching(db, id, f).await?)
}

/// Invalidates what the filter selects; `(invalidated, of which had counted)`. Audited
/// (`endorsements.invalidated`, with the filter and the numbers, no address).
pub async fn invalidate(actor: &Actor, db: &Db, id: &str, f: &Filter) -> Result<(u64, i64)> {
    load(actor, db, id).await?;
    check(f)?;
    let batch = spona_store::new_id();
    let now = spona_store::now();
    let mut tx = db.begin().await?;
    let (n, counted) = store::invalidate_in(&mut tx, id, f, &batch, now).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "endorsements.invalidated",
            target_kind: "endorsement_campaign",
            target_id: id,
            detail: format!(
                "batch={batch} invalidated={n} counted={counted} from={} to={} domain={}",
                f.from.map(|v| v.to_string()).unwrap_or_default(),
                f.to.map(|v| v.to_string()).unwrap_or_default(),
                f.domain.as_deref().unwrap_or_default()
            ),
        },
    )
    .await?;
    spona_store::tx::fault_point("endorsements_invalidate")?;
    tx.commit().await?;
    spona_store::endorsements::changed();
    Ok((n, counted))
}
