//! Calendar files: one event, feeds per organisation, network, group and the platform, and a
//! person's private feed behind a revocable token; the page to make and revoke that token.

use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use spona_app::events;
use spona_store::events::Filter;

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/events/{id}/calendar.ics", one)
        .get("/calendar/events.ics", platform)
        .get("/calendar/orgs/{slug}/events.ics", of_org)
        .get("/calendar/networks/{slug}/events.ics", of_network)
        .get("/calendar/groups/{id}/events.ics", of_group)
        .get("/calendar/private/{token}/events.ics", private)
        .get("/account/calendar", token_page)
        .post("/account/calendar", new_token)
        .post_from("/account/calendar/revoke", revoke, "/account/calendar")
}

fn ics(body: String, name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.ics\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn feed(ctx: &Ctx, name: &str, filter: Filter) -> Result<String, AppError> {
    let listed = events::list(&ctx.state.db, &filter).await?;
    let materials = events::materials_of(&ctx.state.db, &listed).await?;
    let base = ctx.state.config.public_url.clone();
    Ok(events::ics::calendar(
        name,
        &listed.events,
        &listed.exdates,
        &materials,
        &|e| format!("{base}/events/{}", e.id),
    ))
}

/// Feeds keep a year of the past besides everything to come.
fn window() -> Filter {
    Filter {
        ending_after: Some(spona_store::now() - 365 * 86_400),
        ..Default::default()
    }
}

async fn one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let d = events::detail(&ctx.actor(), &ctx.state.db, &id).await?;
    let base = ctx.state.config.public_url.clone();
    let materials = spona_store::events::materials(&ctx.state.db, &id).await?;
    let body = events::ics::calendar(
        &d.event.title,
        std::slice::from_ref(&d.event),
        &d.exdates,
        &materials,
        &|e| format!("{base}/events/{}", e.id),
    );
    Ok(ics(body, &format!("event-{id}")))
}

async fn platform(ctx: Ctx) -> Result<Response, AppError> {
    let body = feed(&ctx, "Spona", window()).await?;
    Ok(ics(body, "spona-events"))
}

async fn of_org(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let org = spona_store::orgs::get_by_slug(&ctx.state.db, &slug).await?;
    let body = feed(
        &ctx,
        &org.name,
        Filter {
            org_id: Some(org.id.to_string()),
            ..window()
        },
    )
    .await?;
    Ok(ics(body, &slug))
}

async fn of_network(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let n = spona_store::networks::get_by_slug(&ctx.state.db, &slug).await?;
    let body = feed(
        &ctx,
        &n.name,
        Filter {
            network_id: Some(n.id.to_string()),
            ..window()
        },
    )
    .await?;
    Ok(ics(body, &slug))
}

async fn of_group(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let group = spona_store::groups::get(&ctx.state.db, &id).await?;
    let body = feed(
        &ctx,
        &group.name,
        Filter {
            group_id: Some(id.clone()),
            ..window()
        },
    )
    .await?;
    Ok(ics(body, "group"))
}

async fn private(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let user = events::calendar_owner(&ctx.state.db, &token).await?;
    let filter = Filter {
        ending_after: window().ending_after,
        ..events::person_filter(&ctx.state.db, &user).await?
    };
    let mut listed = events::list(&ctx.state.db, &filter).await?;
    // Single dates of a series are named as such, each with its own UID.
    let dated = events::occurrence::only_their_dates(&ctx.state.db, &filter, &mut listed).await?;
    let materials = events::materials_of(&ctx.state.db, &listed).await?;
    let base = ctx.state.config.public_url.clone();
    let body = events::ics::calendar_with(
        "Spona",
        &listed.events,
        &listed.exdates,
        &materials,
        &|e| format!("{base}/events/{}", e.id),
        &|e| {
            if dated
                .iter()
                .any(|(id, d)| *id == e.id && *d == e.starts_local)
            {
                format!("{}-{}@spona", e.id, e.starts_local.replace(['-', ':'], ""))
            } else {
                format!("{}@spona", e.id)
            }
        },
    );
    let mut r = ics(body, "my-events");
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

#[derive(Template)]
#[template(path = "events/templates/calendar.html")]
struct TokenPage {
    ctx: Ctx,
    made: Option<String>,
    /// The new feed address, shown once after it is made.
    fresh: Option<String>,
    public_feed: String,
}

async fn token_page(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let made = spona_store::events::calendar_token_made(&ctx.state.db, user.id())
        .await?
        .map(|t| ctx.date(&t));
    let public_feed = super::ctx_url(&ctx, "/calendar/events.ics");
    Ok(page(&TokenPage {
        ctx,
        made,
        fresh: None,
        public_feed,
    }))
}

/// Makes a new feed address and shows it once (the page answers at its own GET address too).
async fn new_token(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let token = events::new_calendar_token(&ctx.actor(), &ctx.state.db).await?;
    let fresh = super::ctx_url(&ctx, &format!("/calendar/private/{token}/events.ics"));
    let public_feed = super::ctx_url(&ctx, "/calendar/events.ics");
    let made = Some(ctx.date(&spona_store::now()));
    let mut r = page(&TokenPage {
        ctx,
        made,
        fresh: Some(fresh),
        public_feed,
    });
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}

async fn revoke(ctx: Ctx) -> Result<Response, AppError> {
    events::revoke_calendar_token(&ctx.actor(), &ctx.state.db).await?;
    Ok(see_other(&ctx, "/account/calendar"))
}
