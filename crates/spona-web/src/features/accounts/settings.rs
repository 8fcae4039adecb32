//! The account page: password, second factor, sessions.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_app::accounts::credentials::{self, Change};
use spona_store::sessions;

use super::{NextQuery, notice};
use crate::auth;
use crate::http::context::{SESSION_COOKIE, make_cookie};
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

#[derive(Template)]
#[template(path = "accounts/templates/account.html")]
struct AccountPage {
    ctx: Ctx,
    notice: Option<String>,
    errors: FormErrors,
    has_totp: bool,
    session_count: i64,
}

async fn account_page(
    ctx: Ctx,
    notice: Option<String>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let has_totp = user.user.totp_secret.is_some();
    let session_count = sessions::count_for_user(&ctx.state.db, user.id()).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &AccountPage {
            ctx,
            notice,
            errors,
            has_totp,
            session_count,
        },
    ))
}

pub(super) async fn account(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    let n = notice(&ctx, q.done.as_deref());
    account_page(ctx, n, FormErrors::new()).await
}

#[derive(Deserialize)]
pub(super) struct ChangePasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

pub(super) async fn change_password(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<ChangePasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let mut errors = FormErrors::new();
    ctx.state.limits.signin(&user.user.email, ip).await?;
    if !auth::check_password(&f.current, &user.user.password_hash).await? {
        errors.add(&ctx, "current", "err-current-password");
    } else if f.password != f.password2 {
        errors.add(&ctx, "password2", "err-password-mismatch");
    } else if let Some(p) = auth::password_problem(&f.password, &user.user.email) {
        errors.add(&ctx, "password", p);
    }
    if !errors.is_empty() {
        return account_page(ctx, None, errors).await;
    }
    let hash = auth::new_hash(&f.password).await?;
    credentials_changed(&ctx, jar, Change::Password(&hash), "password-changed").await
}

#[derive(Template)]
#[template(path = "accounts/templates/totp_setup.html")]
struct TotpSetupPage {
    ctx: Ctx,
    secret: String,
    url: String,
    errors: FormErrors,
}

pub(super) async fn totp_setup(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let secret = auth::new_totp_secret();
    let url = auth::totp_url(&secret, &user.user.email);
    Ok(page(&TotpSetupPage {
        ctx,
        secret,
        url,
        errors: FormErrors::new(),
    }))
}

#[derive(Deserialize)]
pub(super) struct TotpEnableForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    current: String,
}

pub(super) async fn totp_enable(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<TotpEnableForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let mut errors = FormErrors::new();
    if data_encoding::BASE32_NOPAD
        .decode(f.secret.trim_end_matches('=').as_bytes())
        .map(|b| b.len() < 16)
        .unwrap_or(true)
    {
        return Err(AppError::BadRequest("err-bad-form"));
    }
    ctx.state.limits.signin(&user.user.email, ip).await?;
    if !auth::check_password(&f.current, &user.user.password_hash).await? {
        errors.add(&ctx, "current", "err-current-password");
    } else if auth::totp_step(&f.secret, &f.code).is_none() {
        errors.add(&ctx, "code", "err-totp");
    }
    if !errors.is_empty() {
        let url = auth::totp_url(&f.secret, &user.user.email);
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &TotpSetupPage {
                ctx,
                secret: f.secret,
                url,
                errors,
            },
        ));
    }
    let change = Change::TotpOn {
        secret: &f.secret,
        step: auth::totp_step(&f.secret, &f.code),
    };
    credentials_changed(&ctx, jar, change, "totp-enabled").await
}

#[derive(Deserialize)]
pub(super) struct PasswordOnlyForm {
    #[serde(default)]
    current: String,
}

pub(super) async fn totp_disable(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<PasswordOnlyForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    ctx.state.limits.signin(&user.user.email, ip).await?;
    if !auth::check_password(&f.current, &user.user.password_hash).await? {
        let mut errors = FormErrors::new();
        errors.add(&ctx, "disable_current", "err-current-password");
        return account_page(ctx, None, errors).await;
    }
    credentials_changed(&ctx, jar, Change::TotpOff, "totp-disabled").await
}

/// A change of password or second factor ends every session and token of the account; this
/// browser continues in a fresh session.
async fn credentials_changed(
    ctx: &Ctx,
    jar: CookieJar,
    change: Change<'_>,
    done: &str,
) -> Result<Response, AppError> {
    let token = credentials::change(&ctx.actor(), &ctx.state.db, change).await?;
    let jar = jar.add(make_cookie(&ctx.state, SESSION_COOKIE, token));
    Ok((jar, see_other(ctx, &format!("/account?done={done}"))).into_response())
}
