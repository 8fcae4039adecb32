//! The reader's zone as an account setting: the page to choose it (or forget it), and the
//! zone every event and call page shows times in.

use askama::Template;
use axum::response::Response;
use axum_extra::extract::Form;
use chrono_tz::Tz;
use serde::Deserialize;
use spona_app::events::zone;

use super::zone_options;
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/account/zone", show).post("/account/zone", save)
}

/// The zone a page shows times in: `?tz=` when it names a zone, else the reader's saved
/// zone, else Europe/Belgrade.
pub async fn reader_zone(ctx: &Ctx, tz: Option<&str>) -> Result<Tz, AppError> {
    let chosen = zone::chosen(&ctx.actor(), &ctx.state.db, tz.unwrap_or_default()).await?;
    Ok(chosen
        .as_deref()
        .and_then(spona_domain::event::parse_zone)
        .unwrap_or(chrono_tz::Europe::Belgrade))
}

#[derive(Template)]
#[template(path = "events/templates/zone.html")]
struct ZonePage {
    ctx: Ctx,
    saved: Option<String>,
    zones: Vec<(String, bool)>,
    /// Why the zone sent was refused.
    error: Option<String>,
}

async fn show(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let saved = zone::saved(&ctx.state.db, user.id()).await?;
    let zones = zone_options(saved.as_deref().unwrap_or_default());
    Ok(page(&ZonePage {
        ctx,
        saved,
        zones,
        error: None,
    }))
}

#[derive(Deserialize, Default)]
struct ZoneForm {
    #[serde(default)]
    zone: String,
}

async fn save(ctx: Ctx, Form(f): Form<ZoneForm>) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    match zone::save(&ctx.actor(), &ctx.state.db, &f.zone).await {
        Ok(()) => Ok(see_other(&ctx, "/account/zone")),
        Err(spona_app::Error::Invalid(list)) if !list.is_empty() => {
            let saved = zone::saved(&ctx.state.db, user.id()).await?;
            let zones = zone_options(saved.as_deref().unwrap_or_default());
            let error = Some(ctx.t(list[0].key));
            let mut r = page(&ZonePage {
                ctx,
                saved,
                zones,
                error,
            });
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}
