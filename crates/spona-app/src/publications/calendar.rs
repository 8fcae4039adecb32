//! The calendar of significant dates publications are planned around: the platform's own
//! (8 March, 30 July, 31 October, 25 November) and those networks add, each with the
//! publications scheduled or shown within [`NEAR_DAYS`] of it.

use chrono::{Duration, NaiveDate};
use spona_domain::Invalid;
use spona_domain::publication::{NEAR_DAYS, SIGNIFICANT_DATES, next_on, valid_day};
use spona_store::networks::Network;
use spona_store::publications::{self as store, NetworkDate, Publication};
use spona_store::{Db, audit};

use super::{can_see, event};
use crate::actor::Actor;
use crate::{Error, Result};

/// A coming significant date and the publications near it.
#[derive(Debug, Clone)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// The platform's date code (`women`, `trafficking`, `unscr1325`, `violence`).
    pub code: Option<&'static str>,
    /// A network's date: its title and the network's name.
    pub title: String,
    pub network: String,
    /// A network's date: its id and the network's id (its coordinators may remove it).
    pub date_id: Option<String>,
    pub network_id: Option<String>,
    /// Publications whose local date is within [`NEAR_DAYS`], by time.
    pub publications: Vec<Publication>,
}

fn local_date(p: &Publication) -> Option<NaiveDate> {
    let local = p.publish_local.as_deref()?;
    NaiveDate::parse_from_str(local.get(..10)?, "%Y-%m-%d").ok()
}

/// The significant dates of the coming year from `today`, with what the actor may see near
/// each.
pub async fn calendar(
    actor: &Actor,
    db: &Db,
    today: NaiveDate,
    now: i64,
) -> Result<Vec<CalendarDay>> {
    let mut days: Vec<CalendarDay> = Vec::new();
    for (month, day, code) in SIGNIFICANT_DATES {
        if let Some(date) = next_on(today, month, day) {
            days.push(CalendarDay {
                date,
                code: Some(code),
                title: String::new(),
                network: String::new(),
                date_id: None,
                network_id: None,
                publications: Vec::new(),
            });
        }
    }
    for d in store::network_dates(db).await? {
        if let Some(date) = next_on(today, d.month as u32, d.day as u32) {
            days.push(CalendarDay {
                date,
                code: None,
                title: d.title,
                network: d.network_name,
                date_id: Some(d.id),
                network_id: Some(d.network_id),
                publications: Vec::new(),
            });
        }
    }
    let horizon = today + Duration::days(366);
    days.retain(|d| d.date < horizon);
    days.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
    let start = (today - Duration::days(NEAR_DAYS + 1))
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let end = (horizon + Duration::days(NEAR_DAYS + 1))
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(i64::MAX);
    let timed = store::timed_between(db, start, end).await?;
    for p in timed.into_iter().filter(|p| can_see(actor, p, now)) {
        let Some(on) = local_date(&p) else { continue };
        for d in days.iter_mut() {
            if (on - d.date).num_days().abs() <= NEAR_DAYS {
                d.publications.push(p.clone());
            }
        }
    }
    Ok(days)
}

/// The networks whose dates the actor may add: those their organisation coordinates as its
/// admin (every network for a platform admin).
pub async fn date_networks(actor: &Actor, db: &Db) -> Result<Vec<Network>> {
    if !actor.is_signed_in() {
        return Ok(Vec::new());
    }
    Ok(spona_store::networks::list(db)
        .await?
        .into_iter()
        .filter(|n| actor.is_admin() || actor.is_admin_of(n.coordinator_org_id.as_str()))
        .collect())
}

/// Adds a network's own significant date.
pub async fn add_date(
    actor: &Actor,
    db: &Db,
    network: &str,
    month: &str,
    day: &str,
    title: &str,
) -> Result<()> {
    let me = actor.require_user()?.id.to_string();
    let mine = date_networks(actor, db).await?;
    if mine.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut errs = Vec::new();
    let chosen = mine.into_iter().find(|n| n.slug == network.trim());
    if chosen.is_none() {
        errs.push(Invalid::new("network", "pb-err-network"));
    }
    let month: i64 = month.trim().parse().unwrap_or(0);
    let day: i64 = day.trim().parse().unwrap_or(0);
    if !valid_day(month, day) {
        errs.push(Invalid::new("day", "pb-err-day"));
    }
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        errs.push(Invalid::new("title", "pb-err-date-title"));
    }
    let Some(network) = chosen.filter(|_| errs.is_empty()) else {
        return Err(Error::Invalid(errs));
    };
    let d = NetworkDate {
        id: spona_store::new_id(),
        network_id: network.id.to_string(),
        network_slug: network.slug.clone(),
        network_name: network.name.clone(),
        month,
        day,
        title: title.to_owned(),
    };
    let mut tx = db.begin().await?;
    store::add_date_in(&mut tx, &d, &me, spona_store::now()).await?;
    let detail = format!("{} {month:02}-{day:02}", network.slug);
    audit::record_in(
        &mut tx,
        event(actor, "publication.date_added", &d.id, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
