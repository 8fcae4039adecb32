//! Opening a campaign, the list of campaigns and a campaign's page (its text in the reader's
//! language and the live counts per country, read from the counters).

use spona_domain::Locale;
use spona_domain::endorsement::{CampaignDraft, is_open};
use spona_store::audit::{self, Event};
use spona_store::endorsements::{self as store, Campaign, Text};
use spona_store::idempotency::Once;
use spona_store::{Db, networks, orgs};

use super::{coordinates, text_for};
use crate::{Actor, Error, Result};

/// Something that may own a campaign, as the form offers it: `org:<slug>` or
/// `network:<slug>`, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub key: String,
    pub name: String,
}

/// What `actor` may open a campaign for: the organisations they administer and the networks
/// those coordinate (every one for a platform admin).
pub async fn owners(actor: &Actor, db: &Db) -> Result<Vec<Owner>> {
    actor.require_user()?;
    let mut out = Vec::new();
    for (id, slug, name) in orgs::all_names(db).await? {
        if actor.can_manage_org(&id) {
            out.push(Owner {
                key: format!("org:{slug}"),
                name,
            });
        }
    }
    for n in networks::list(db).await? {
        if crate::directory::networks::coordinates(actor, &n) {
            out.push(Owner {
                key: format!("network:{}", n.slug),
                name: n.name.clone(),
            });
        }
    }
    Ok(out)
}

/// Opens a campaign; its id. Only a coordinator of the chosen owner may (403 otherwise).
pub async fn create(
    actor: &Actor,
    db: &Db,
    draft: &CampaignDraft,
    once: Option<&Once>,
) -> Result<String> {
    let user = actor.require_user()?;
    // Who may open it first (403), then what is wrong with the form (422).
    let owner = resolve_owner(db, &draft.owner).await?;
    if let Some((kind, owner_id)) = &owner
        && !manages_owner(actor, db, kind, owner_id).await?
    {
        return Err(Error::Forbidden);
    }
    let (c, (kind, owner_id)) = match (draft.check(), owner) {
        (Ok(c), Some(o)) => (c, o),
        (Err(mut list), None) => {
            list.insert(0, spona_domain::Invalid::new("owner", "en-err-owner"));
            return Err(Error::Invalid(list));
        }
        (Err(list), Some(_)) => return Err(Error::Invalid(list)),
        (Ok(_), None) => {
            return Err(Error::Invalid(vec![spona_domain::Invalid::new(
                "owner",
                "en-err-owner",
            )]));
        }
    };
    let now = spona_store::now();
    let campaign = Campaign {
        id: spona_store::new_id(),
        owner_kind: kind.to_owned(),
        owner_id,
        joint_text_id: None,
        opens_at: c.opens_at,
        closes_at: c.closes_at,
        confirmed_total: 0,
        created_by: Some(user.id.to_string()),
        created_at: now,
        texts: c
            .variants
            .iter()
            .map(|v| Text {
                lang: v.lang.clone(),
                title: v.title.clone(),
                statement: v.statement.clone(),
            })
            .collect(),
    };
    let mut tx = db.begin().await?;
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, &campaign.id).await?;
    }
    store::create_campaign_in(&mut tx, &campaign).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "endorsements.campaign_opened",
            target_kind: "endorsement_campaign",
            target_id: &campaign.id,
            detail: format!("owner={}:{}", campaign.owner_kind, campaign.owner_id),
        },
    )
    .await?;
    spona_store::tx::fault_point("endorsements_campaign")?;
    tx.commit().await?;
    Ok(campaign.id)
}

async fn manages_owner(actor: &Actor, db: &Db, kind: &str, owner_id: &str) -> Result<bool> {
    let probe = Campaign {
        id: String::new(),
        owner_kind: kind.to_owned(),
        owner_id: owner_id.to_owned(),
        joint_text_id: None,
        opens_at: 0,
        closes_at: None,
        confirmed_total: 0,
        created_by: None,
        created_at: 0,
        texts: Vec::new(),
    };
    coordinates(actor, db, &probe).await
}

/// `("org" | "network", id)` of an owner key, if it names one.
async fn resolve_owner(db: &Db, key: &str) -> Result<Option<(&'static str, String)>> {
    let found = match key.split_once(':') {
        Some(("org", slug)) => orgs::get_by_slug(db, slug)
            .await
            .ok()
            .map(|o| ("org", o.id.to_string())),
        Some(("network", slug)) => networks::get_by_slug(db, slug)
            .await
            .ok()
            .map(|n| ("network", n.id.to_string())),
        _ => None,
    };
    Ok(found)
}

/// A campaign as lists and its page show it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub campaign: Campaign,
    pub text: Text,
    pub owner_name: String,
    pub open: bool,
}

pub(super) async fn owner_names(db: &Db, campaigns: &[Campaign]) -> Result<Vec<String>> {
    let org_ids: Vec<&str> = campaigns
        .iter()
        .filter(|c| c.owner_kind == "org")
        .map(|c| c.owner_id.as_str())
        .collect();
    let orgs = if org_ids.is_empty() {
        Vec::new()
    } else {
        orgs::get_many(db, &org_ids).await?
    };
    let nets = if campaigns.iter().any(|c| c.owner_kind == "network") {
        networks::list(db).await?
    } else {
        Vec::new()
    };
    Ok(campaigns
        .iter()
        .map(|c| {
            if c.owner_kind == "org" {
                orgs.iter()
                    .find(|o| o.id == c.owner_id)
                    .map(|o| o.name.clone())
            } else {
                nets.iter()
                    .find(|n| n.id == c.owner_id)
                    .map(|n| n.name.clone())
            }
            .unwrap_or_default()
        })
        .collect())
}

fn listed(c: Campaign, owner_name: String, locale: Locale, now: i64) -> Listed {
    Listed {
        text: text_for(&c, locale),
        open: is_open(c.opens_at, c.closes_at, now),
        owner_name,
        campaign: c,
    }
}

/// Every campaign, newest first.
pub async fn list(db: &Db, locale: Locale) -> Result<Vec<Listed>> {
    let all = store::list(db).await?;
    let names = owner_names(db, &all).await?;
    let now = spona_store::now();
    Ok(all
        .into_iter()
        .zip(names)
        .map(|(c, n)| listed(c, n, locale, now))
        .collect())
}

/// A campaign's page: the campaign, its counts per country (most first) and whether the
/// reader coordinates it.
#[derive(Debug, Clone)]
pub struct CampaignView {
    pub listed: Listed,
    pub counts: Vec<(String, i64)>,
    pub can_review: bool,
}

/// The campaign `id` for anyone (404 for an unknown one).
pub async fn read(actor: &Actor, db: &Db, id: &str, locale: Locale) -> Result<CampaignView> {
    if id.len() > 64 {
        return Err(Error::NotFound);
    }
    // The campaign, its counters and its owner's name from the page cache (fresh within a
    // second, and after any write of this process).
    let read = super::page_cache::read(db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let c = read.campaign.clone();
    let can_review = coordinates(actor, db, &c).await?;
    Ok(CampaignView {
        listed: listed(c, read.owner_name.clone(), locale, spona_store::now()),
        counts: read.counts.clone(),
        can_review,
    })
}
