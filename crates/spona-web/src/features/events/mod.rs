//! Events: the list, an event's page, the create and change form, registration, the
//! organisers' participants page and exports, calendar files and feeds.

pub mod api;
mod calendar;
mod dates;
mod list;
mod material_delete;
mod materials;
mod pages;
mod people;
mod zone;

use chrono::TimeZone;
use chrono_tz::Tz;
use spona_domain::event::DEFAULT_ZONE;
use spona_store::events::Event;

use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    let r = r
        .get("/events", list::list)
        .get("/events/new", pages::new_form)
        .post("/events/new", pages::create)
        .get("/events/{id}", pages::show)
        .get("/events/{id}/edit", pages::edit_form)
        .post("/events/{id}/edit", pages::update)
        .post_from("/events/{id}/cancel", pages::cancel, "/events/{id}")
        .post_from(
            "/events/{id}/occurrences/cancel",
            pages::cancel_occurrence,
            "/events/{id}",
        )
        .post_from("/events/{id}/report", pages::report, "/events/{id}");
    let r = people::routes(r);
    let r = materials::routes(r);
    let r = material_delete::routes(r);
    let r = zone::routes(r);
    let r = api::routes(r);
    calendar::routes(r)
}

pub use zone::reader_zone;

/// An instant in `tz` with the zone named: `2026-03-20 10:00 (Europe/Belgrade, CET)`.
pub fn when_in(tz: Tz, unix: i64) -> String {
    let t = chrono::Utc
        .timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz);
    format!(
        "{} ({}, {})",
        t.format("%Y-%m-%d %H:%M"),
        tz.name(),
        t.format("%Z")
    )
}

/// Start and end in `tz`, the end's date left out when it is the same day.
pub fn span_in(tz: Tz, from: i64, to: i64) -> String {
    let f = chrono::Utc
        .timestamp_opt(from, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz);
    let t = chrono::Utc
        .timestamp_opt(to, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&tz);
    let end = if f.date_naive() == t.date_naive() {
        t.format("%H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M").to_string()
    };
    format!(
        "{}–{} ({}, {})",
        f.format("%Y-%m-%d %H:%M"),
        end,
        tz.name(),
        f.format("%Z")
    )
}

/// An app error whose first invalid field names the message (forms that are not re-shown).
pub fn app_error(e: spona_app::Error) -> AppError {
    match e {
        spona_app::Error::Invalid(v) if !v.is_empty() => AppError::BadRequest(v[0].key),
        e => e.into(),
    }
}

/// The zone options of forms and the reader's zone choice (the chosen zone among them even
/// when it is not one of the usual ones).
pub fn zone_options(chosen: &str) -> Vec<(String, bool)> {
    let mut v: Vec<(String, bool)> = spona_domain::event::ZONES
        .iter()
        .map(|z| ((*z).to_owned(), *z == chosen))
        .collect();
    if !chosen.is_empty() && !v.iter().any(|(_, on)| *on) {
        v.push((chosen.to_owned(), true));
    }
    v
}

/// The default zone's name.
pub fn default_zone() -> &'static str {
    DEFAULT_ZONE
}

/// The page of an event.
pub fn event_path(e: &Event) -> String {
    format!("/events/{}", e.id)
}

pub(crate) fn ctx_url(ctx: &Ctx, path: &str) -> String {
    format!("{}{}", ctx.state.config.public_url, path)
}
