//! The confirmation link's page (what is being confirmed, and one button: a GET confirms
//! nothing, so a mail scanner following the link endorses nobody), the confirming POST, and
//! the thank-you page. A reused link says it was used; a forged or expired one says so.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use spona_app::endorsements::{self as uc, CampaignView};
use spona_store::endorsements::Pending;

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns/confirm/{token}", confirm_page)
        .post("/campaigns/confirm/{token}", confirm)
        .get("/campaigns/{id}/confirmed", confirmed)
}

#[derive(Template)]
#[template(path = "endorsements/templates/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    title: String,
    p: Pending,
    token: String,
}

impl ConfirmPage {
    fn what(&self) -> String {
        self.ctx.ta(
            "en-confirm-what",
            &[
                ("name", spona_i18n::Arg::Str(&self.p.name)),
                ("title", spona_i18n::Arg::Str(&self.title)),
                (
                    "country",
                    spona_i18n::Arg::Str(&self.ctx.label("country", &self.p.country)),
                ),
            ],
        )
    }
}

async fn confirm_page(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (c, p) = uc::pending(&ctx.state.db, &token).await?;
    let title = spona_app::endorsements::text_for(&c, ctx.locale).title;
    Ok(page(&ConfirmPage {
        ctx,
        title,
        p,
        token,
    }))
}

async fn confirm(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let c = uc::confirm(&ctx.state.db, &token).await?;
    Ok(see_other(&ctx, &format!("/campaigns/{}/confirmed", c.id)))
}

#[derive(Template)]
#[template(path = "endorsements/templates/confirmed.html")]
struct ConfirmedPage {
    ctx: Ctx,
    v: CampaignView,
}

impl ConfirmedPage {
    fn total(&self) -> String {
        self.ctx
            .tn("en-total", &self.v.listed.campaign.confirmed_total)
    }
}

async fn confirmed(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::read(&ctx.actor(), &ctx.state.db, &id, ctx.locale).await?;
    Ok(page(&ConfirmedPage { ctx, v }))
}
