//! The events list: upcoming or past events, times in the reader's zone, read from the
//! list kept in memory ([`spona_app::events::listing`]).

use askama::Template;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use super::{reader_zone, span_in, zone_options};
use crate::http::view::page;
use crate::{AppError, Ctx};

/// The zone to read times in (`tz`) and whether past events are asked for (`past`), taken
/// by the list and by an event's page.
#[derive(Deserialize, Default)]
pub struct TzQuery {
    #[serde(default)]
    pub(super) tz: Option<String>,
    #[serde(default)]
    pub(super) past: Option<String>,
}

pub struct Line {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub when: String,
    pub organisers: String,
    pub recurring: bool,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "events/templates/list.html")]
struct ListPage {
    ctx: Ctx,
    lines: Vec<Line>,
    past: bool,
    zone: String,
    zones: Vec<(String, bool)>,
    can_create: bool,
}

/// How many events a list page shows.
const LIST_LIMIT: usize = 200;

pub async fn list(ctx: Ctx, Query(q): Query<TzQuery>) -> Result<Response, AppError> {
    let tz = reader_zone(&ctx, q.tz.as_deref()).await?;
    let now = spona_store::now();
    let past = q.past.is_some();
    // The list in memory, at the database's current version (see `events::listing`).
    let snapshot = ctx.state.events_list.snapshot(&ctx.state.db).await?;
    let shown: Vec<_> = if past {
        snapshot.past(now, LIST_LIMIT).collect()
    } else {
        snapshot.upcoming(now, LIST_LIMIT).collect()
    };
    let mut kinds: Vec<(&str, String)> = Vec::new();
    let lines = shown
        .into_iter()
        .map(|entry| {
            let e = &entry.event;
            // The next occurrence still to come (or the first, for past events).
            let (a, b) = entry.shown(now, past);
            let kind = match kinds.iter().find(|(k, _)| *k == e.kind) {
                Some((_, label)) => label.clone(),
                None => {
                    let label = ctx.t(&format!("event-kind-{}", e.kind));
                    kinds.push((e.kind.as_str(), label.clone()));
                    label
                }
            };
            Line {
                id: e.id.clone(),
                title: e.title.clone(),
                kind,
                when: span_in(tz, a, b),
                organisers: entry.organisers.clone(),
                recurring: e.rrule.is_some(),
                cancelled: e.cancelled != 0,
            }
        })
        .collect();
    let can_create = !ctx.managed_orgs().is_empty() || ctx.is_admin();
    Ok(page(&ListPage {
        lines,
        past,
        zone: tz.name().to_owned(),
        zones: zone_options(tz.name()),
        can_create,
        ctx,
    }))
}
