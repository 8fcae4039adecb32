//! Subscribing: a member's one button and leaving; the public form (rate-limited, the same
//! answer whatever the address's state), the confirmation link's page with one button, and
//! the page after confirming.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::newsletters::subscribe::{self, SignUp};
use spona_i18n::Arg;
use spona_store::newsletters::{Newsletter, Subscriber};

use super::mailer;
use super::pages::newsletter_page;
use super::view::page_path;
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from(
        "/newsletters/{slug}/subscribe",
        member_subscribe,
        "/newsletters/{slug}",
    )
    .post_from(
        "/newsletters/{slug}/leave",
        member_leave,
        "/newsletters/{slug}",
    )
    .post_from("/newsletters/{slug}/signup", sign_up, "/newsletters/{slug}")
    .get("/newsletters/{slug}/signup/sent", sent)
    .get("/newsletters/confirm/{token}", confirm_page)
    .post("/newsletters/confirm/{token}", confirm)
    .get("/newsletters/{slug}/confirmed", confirmed)
}

async fn member_subscribe(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let from = format!("/{}{}", ctx.locale.tag(), page_path(&slug));
    let n =
        subscribe::subscribe_member(&ctx.actor(), &ctx.state.db, &slug, ctx.locale, &from).await?;
    Ok(see_other(&ctx, &page_path(&n.slug)))
}

async fn member_leave(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let n = subscribe::leave_member(&ctx.actor(), &ctx.state.db, &slug).await?;
    Ok(see_other(&ctx, &page_path(&n.slug)))
}

#[derive(Deserialize)]
struct SignUpForm {
    #[serde(default)]
    email: String,
    /// Present only when the person ticked the box.
    #[serde(default)]
    consent: Option<String>,
}

async fn sign_up(
    ctx: Ctx,
    client: ClientIp,
    Path(slug): Path<String>,
    Form(f): Form<SignUpForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.public_form(client.0).await?;
    let from = format!("/{}{}", ctx.locale.tag(), page_path(&slug));
    let s = SignUp {
        address: &f.email,
        consent: f.consent.as_deref() == Some("yes"),
        locale: ctx.locale,
        source_page: &from,
    };
    match subscribe::sign_up(&ctx.state.db, mailer(&ctx.state), &slug, &s).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("{}/signup/sent", page_path(&slug)),
        )),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            newsletter_page(
                ctx,
                &slug,
                f.email,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "newsletters/templates/signup_sent.html")]
struct SentPage {
    ctx: Ctx,
    n: Newsletter,
}

impl SentPage {
    fn text(&self) -> String {
        self.ctx
            .ta("newsletter-check-mail", &[("name", Arg::Str(&self.n.name))])
    }
}

async fn sent(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let n = spona_app::newsletters::readable(&ctx.actor(), &ctx.state.db, &slug).await?;
    Ok(page(&SentPage { ctx, n }))
}

#[derive(Template)]
#[template(path = "newsletters/templates/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    n: Newsletter,
    s: Subscriber,
    token: String,
}

impl ConfirmPage {
    fn what(&self) -> String {
        self.ctx.ta(
            "newsletter-confirm-what",
            &[
                ("name", Arg::Str(&self.n.name)),
                ("address", Arg::Str(&self.s.address)),
            ],
        )
    }
    fn consent_note(&self) -> String {
        super::pages::consent_note(&self.ctx, &self.s.consent_text, self.s.consent_version)
    }
}

/// The confirmation link's page: what the person is about to subscribe to, and one button.
/// Nothing changes here (mail scanners open links).
async fn confirm_page(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (n, s) = subscribe::pending(&ctx.state.db, &token).await?;
    Ok(page(&ConfirmPage { ctx, n, s, token }))
}

async fn confirm(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let n = subscribe::confirm(&ctx.state.db, &token).await?;
    Ok(see_other(
        &ctx,
        &format!("{}/confirmed", page_path(&n.slug)),
    ))
}

#[derive(Template)]
#[template(path = "newsletters/templates/confirmed.html")]
struct ConfirmedPage {
    ctx: Ctx,
    n: Newsletter,
}

impl ConfirmedPage {
    fn text(&self) -> String {
        self.ctx
            .ta("newsletter-confirmed", &[("name", Arg::Str(&self.n.name))])
    }
}

async fn confirmed(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let n = spona_app::newsletters::readable(&ctx.actor(), &ctx.state.db, &slug).await?;
    Ok(page(&ConfirmedPage { ctx, n }))
}
