//! Signing in (password, then the second factor when the account has one) and out.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_app::accounts::credentials;
use spona_store::users;

use super::{NextQuery, clear_session, notice, start_session};
use crate::auth;
use crate::http::forms::{ClientIp, FormErrors, checked_next, safe_next};
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

#[derive(Template)]
#[template(path = "accounts/templates/signin.html")]
struct SigninPage {
    ctx: Ctx,
    email: String,
    next: String,
    errors: FormErrors,
    notice: Option<String>,
}

pub(super) async fn form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    page(&SigninPage {
        notice: notice(&ctx, q.done.as_deref()),
        next: safe_next(q.next.as_deref()),
        email: String::new(),
        errors: FormErrors::new(),
        ctx,
    })
}

#[derive(Deserialize)]
pub(super) struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub(super) async fn submit(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<SigninForm>,
) -> Result<Response, AppError> {
    let next = checked_next(f.next.as_deref())?;
    ctx.state.limits.signin(&f.email, ip).await?;
    let user = users::find_by_email(&ctx.state.db, &f.email).await?;
    let ok = match &user {
        Some(u) => auth::check_password(&f.password, &u.password_hash).await? && !u.disabled,
        None => {
            auth::check_password(&f.password, auth::dummy_hash()).await?;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        credentials::record_failure(&ctx.state.db, None, "auth.signin_failed", "").await?;
        let mut errors = FormErrors::new();
        errors.add(&ctx, "password", "err-signin");
        return Ok(render(
            StatusCode::UNAUTHORIZED,
            &SigninPage {
                email: f.email,
                next,
                errors,
                notice: None,
                ctx,
            },
        ));
    };
    let needs_totp = user.totp_secret.is_some();
    let jar = start_session(&ctx, jar, &user.id, needs_totp, !needs_totp).await?;
    if needs_totp {
        let to = format!(
            "/signin/totp?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        );
        return Ok((jar, see_other(&ctx, &to)).into_response());
    }
    Ok((jar, see_other(&ctx, &next)).into_response())
}

#[derive(Template)]
#[template(path = "accounts/templates/signin_totp.html")]
struct TotpPage {
    ctx: Ctx,
    next: String,
    errors: FormErrors,
}

pub(super) async fn totp_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    if ctx.user.is_none() || !ctx.mfa_pending {
        return Ok(see_other(&ctx, "/signin"));
    }
    Ok(page(&TotpPage {
        next: safe_next(q.next.as_deref()),
        errors: FormErrors::new(),
        ctx,
    }))
}

#[derive(Deserialize)]
pub(super) struct TotpForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

pub(super) async fn totp_submit(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<TotpForm>,
) -> Result<Response, AppError> {
    let Some(user) = ctx.user.clone().filter(|_| ctx.mfa_pending) else {
        return Ok(see_other(&ctx, "/signin"));
    };
    let next = checked_next(f.next.as_deref())?;
    ctx.state.limits.second_factor(user.id()).await?;
    ctx.state.limits.public_form(ip).await?;
    let secret = user.user.totp_secret.clone().unwrap_or_default();
    let accepted = match auth::totp_step(&secret, &f.code) {
        Some(step) => credentials::claim_totp_step(&ctx.state.db, user.id(), step).await?,
        None => false,
    };
    if !accepted {
        ctx.state.limits.second_factor_failed(user.id()).await;
        credentials::record_failure(
            &ctx.state.db,
            Some(user.id()),
            "auth.totp_failed",
            user.id(),
        )
        .await?;
        let mut errors = FormErrors::new();
        errors.add(&ctx, "code", "err-totp");
        return Ok(render(
            StatusCode::UNAUTHORIZED,
            &TotpPage { next, errors, ctx },
        ));
    }
    ctx.state.limits.second_factor_passed(user.id()).await;
    let jar = start_session(&ctx, jar, user.id(), false, true).await?;
    Ok((jar, see_other(&ctx, &next)).into_response())
}

pub(super) async fn signout(ctx: Ctx, jar: CookieJar) -> Result<Response, AppError> {
    credentials::sign_out(
        &ctx.state.db,
        ctx.session_token.as_deref(),
        ctx.user.as_ref().map(|u| u.id()),
    )
    .await?;
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=signed-out"),
    )
        .into_response())
}

pub(super) async fn signout_everywhere(ctx: Ctx, jar: CookieJar) -> Result<Response, AppError> {
    ctx.require_user()?;
    credentials::sign_out_everywhere(&ctx.actor(), &ctx.state.db).await?;
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=signed-out-everywhere"),
    )
        .into_response())
}
