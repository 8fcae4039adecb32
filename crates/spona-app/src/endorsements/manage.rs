//! Changing a campaign after it is opened, by its coordinators (404 for everyone else, as
//! the review): its days and texts — a language added later, a wording corrected —,
//! closing it now (from then on no endorsement is taken or confirmed; the counts stay as
//! they are), and the confirmed endorsements per UTC day and country as numbers for a CSV.

use spona_domain::endorsement::CampaignDraft;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::endorsements::manage as store;
use spona_store::endorsements::{self as campaigns, Campaign, Text};

use super::coordinates;
use crate::{Actor, Error, Result};

/// The campaign `id` if `actor` coordinates it: sign-in first, then 404 for everyone else.
pub async fn coordinated(actor: &Actor, db: &Db, id: &str) -> Result<Campaign> {
    actor.require_user()?;
    if id.len() > 64 {
        return Err(Error::NotFound);
    }
    let c = campaigns::campaign(db, id).await?.ok_or(Error::NotFound)?;
    if !coordinates(actor, db, &c).await? {
        return Err(Error::NotFound);
    }
    Ok(c)
}

fn record<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "endorsement_campaign",
        target_id: id,
        detail,
    }
}

/// Saves a campaign's days and texts (the draft's owner is ignored: a campaign keeps its
/// owner; a language the draft does not hold keeps its text). A last day that contains the instant the campaign was closed keeps that instant,
/// so saving the form of a closed campaign does not open it again.
pub async fn update(actor: &Actor, db: &Db, id: &str, draft: &CampaignDraft) -> Result<()> {
    let c = coordinated(actor, db, id).await?;
    let checked = draft.check().map_err(Error::Invalid)?;
    let closes_at = match (c.closes_at, checked.closes_at) {
        (Some(cur), Some(day_end)) if cur > day_end - 24 * 3600 && cur <= day_end => Some(cur),
        (_, new) => new,
    };
    let mut texts: Vec<Text> = checked
        .variants
        .iter()
        .map(|v| Text {
            lang: v.lang.clone(),
            title: v.title.clone(),
            statement: v.statement.clone(),
        })
        .collect();
    // Texts in a language the form does not offer stay as they are.
    for t in &c.texts {
        if !draft.variants.iter().any(|v| v.lang == t.lang) {
            texts.push(t.clone());
        }
    }
    let langs: Vec<&str> = texts.iter().map(|t| t.lang.as_str()).collect();
    let mut tx = db.begin().await?;
    store::update_in(&mut tx, &c.id, checked.opens_at, closes_at, &texts).await?;
    let detail = format!(
        "opens={} closes={} langs={}",
        checked.opens_at,
        closes_at.map(|t| t.to_string()).unwrap_or_default(),
        langs.join(",")
    );
    audit::record_in(
        &mut tx,
        record(actor, "endorsements.campaign_edited", &c.id, detail),
    )
    .await?;
    tx.commit().await?;
    spona_store::endorsements::changed();
    Ok(())
}

/// Closes the campaign now (nothing when it closed already).
pub async fn close(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    let c = coordinated(actor, db, id).await?;
    let now = spona_store::now();
    let mut tx = db.begin().await?;
    if store::close_in(&mut tx, &c.id, now).await? {
        let detail = format!("total={}", c.confirmed_total);
        audit::record_in(
            &mut tx,
            record(actor, "endorsements.campaign_closed", &c.id, detail),
        )
        .await?;
    }
    tx.commit().await?;
    spona_store::endorsements::changed();
    Ok(())
}

/// The confirmed endorsements still counted, per UTC day and country: the campaign and
/// `(day start, country, count)` rows, by day.
pub async fn daily_counts(
    actor: &Actor,
    db: &Db,
    id: &str,
) -> Result<(Campaign, Vec<(i64, String, i64)>)> {
    let c = coordinated(actor, db, id).await?;
    let rows = store::daily_counts(db, &c.id).await?;
    Ok((c, rows))
}
