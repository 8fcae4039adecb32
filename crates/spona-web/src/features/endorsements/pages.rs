//! The list of campaigns, a campaign's page (its statement, the live counts per country
//! read from the counters, the endorsement form), the endorsement POST and the page that
//! asks the person to look at their mail.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::endorsements::{self as uc, CampaignView, Listed, Request};
use spona_domain::endorsement::{COUNTRIES, EndorsementDraft};

use super::mailer;
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns", list)
        .get("/campaigns/{id}", read)
        .post_from("/campaigns/{id}/endorse", endorse, "/campaigns/{id}")
        .get("/campaigns/{id}/sent", sent)
}

#[derive(Template)]
#[template(path = "endorsements/templates/campaigns.html")]
struct ListPage {
    ctx: Ctx,
    campaigns: Vec<Listed>,
    can_open: bool,
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let campaigns = uc::list(&ctx.state.db, ctx.locale).await?;
    let can_open = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.is_admin() || u.memberships.iter().any(|m| u.can_manage_org(&m.org_id)));
    Ok(page(&ListPage {
        campaigns,
        can_open,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "endorsements/templates/campaign.html")]
struct CampaignPage {
    ctx: Ctx,
    v: CampaignView,
    draft: EndorsementDraft,
    errors: FormErrors,
}

impl CampaignPage {
    fn country(&self, code: &str) -> String {
        self.ctx.label("country", code)
    }
    fn countries(&self) -> Vec<(String, String)> {
        COUNTRIES
            .iter()
            .map(|c| ((*c).to_owned(), self.ctx.label("country", c)))
            .collect()
    }
    fn total(&self) -> String {
        self.ctx
            .tn("en-total", &self.v.listed.campaign.confirmed_total)
    }
    fn dates(&self) -> String {
        let c = &self.v.listed.campaign;
        match c.closes_at {
            Some(end) => self.ctx.ta(
                "en-open-from-to",
                &[
                    ("from", spona_i18n::Arg::Str(&self.ctx.date(&c.opens_at))),
                    ("to", spona_i18n::Arg::Str(&self.ctx.date(&(end - 1)))),
                ],
            ),
            None => self.ctx.ta(
                "en-open-from",
                &[("from", spona_i18n::Arg::Str(&self.ctx.date(&c.opens_at)))],
            ),
        }
    }
    /// For a campaign that has closed: when, and that its counts are final.
    fn closed_on(&self) -> Option<String> {
        let c = &self.v.listed.campaign;
        let end = c.closes_at.filter(|end| *end <= spona_store::now())?;
        Some(self.ctx.ta(
            "tx-en-closed-on",
            &[("date", spona_i18n::Arg::Str(&self.ctx.date(&(end - 1))))],
        ))
    }
    fn paragraphs(&self) -> Vec<String> {
        self.v
            .listed
            .text
            .statement
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    }
}

async fn campaign_page(
    ctx: Ctx,
    id: &str,
    draft: EndorsementDraft,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let v = uc::read(&ctx.actor(), &ctx.state.db, id, ctx.locale).await?;
    Ok(render(
        status,
        &CampaignPage {
            ctx,
            v,
            draft,
            errors,
        },
    ))
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    campaign_page(
        ctx,
        &id,
        EndorsementDraft::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// The endorsement form's fields.
#[derive(Deserialize, Default)]
struct EndorseForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    email: String,
}

async fn endorse(
    ctx: Ctx,
    client: ClientIp,
    Path(id): Path<String>,
    Form(f): Form<EndorseForm>,
) -> Result<Response, AppError> {
    ctx.state.endorse_limits.endorse(client.0)?;
    let draft = EndorsementDraft {
        name: f.name,
        country: f.country,
        organisation: f.organisation,
        email: f.email,
    };
    let r = Request {
        draft: &draft,
        locale: ctx.locale,
        client: client.0,
    };
    match uc::endorse(&ctx.state.db, mailer(&ctx.state), &id, &r).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/campaigns/{id}/sent"))),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            campaign_page(ctx, &id, draft, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "endorsements/templates/sent.html")]
struct SentPage {
    ctx: Ctx,
    v: CampaignView,
}

async fn sent(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::read(&ctx.actor(), &ctx.state.db, &id, ctx.locale).await?;
    Ok(page(&SentPage { ctx, v }))
}
