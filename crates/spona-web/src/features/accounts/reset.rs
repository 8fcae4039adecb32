//! Password reset by a single-use link that works for one hour.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_app::accounts::credentials;
use spona_domain::org::is_email;
use spona_store::{tokens, users};

use super::clear_session;
use crate::auth;
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

#[derive(Template)]
#[template(path = "accounts/templates/reset_request.html")]
struct ResetRequestPage {
    ctx: Ctx,
    sent: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub(super) struct SentQuery {
    done: Option<String>,
}

pub(super) async fn request_form(
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<SentQuery>,
) -> Response {
    page(&ResetRequestPage {
        ctx,
        sent: q.done.as_deref() == Some("sent"),
        errors: FormErrors::new(),
    })
}

#[derive(Deserialize)]
pub(super) struct EmailForm {
    #[serde(default)]
    email: String,
}

pub(super) async fn request(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Form(f): Form<EmailForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.reset(ip).await?;
    if !is_email(f.email.trim()) {
        let mut errors = FormErrors::new();
        errors.add(&ctx, "email", "err-email");
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetRequestPage {
                ctx,
                sent: false,
                errors,
            },
        ));
    }
    // The same answer at once, whether or not the address has an account: looking it up,
    // making the link and writing the mail happen after the answer (issue 14, item 5).
    let email = f.email.trim().to_owned();
    let task = ctx.clone();
    ctx.state.background.spawn(async move {
        if let Err(e) = send_reset(&task, &email).await {
            tracing::error!(error = %e, "a password-reset mail could not be prepared");
        }
    });
    Ok(see_other(&ctx, "/reset?done=sent"))
}

/// Mails a reset link to the account of `email`, if there is one (and it is not disabled,
/// and the address has not asked too often).
async fn send_reset(ctx: &Ctx, email: &str) -> Result<(), AppError> {
    let Some(user) = users::find_by_email(&ctx.state.db, email).await? else {
        return Ok(());
    };
    if user.disabled || ctx.state.limits.reset_account(&user.id).await.is_err() {
        return Ok(());
    }
    let mail = |token: &str| {
        let link = format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/reset/{token}"))
        );
        spona_app::mail::Mail {
            to: user.email.clone(),
            subject: ctx.t("mail-reset-subject"),
            text: ctx.ta("mail-reset-body", &[("link", spona_i18n::Arg::Str(&link))]),
            list: None,
            thread: None,
        }
    };
    credentials::reset_link(&ctx.state.db, &user.id, mail).await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "accounts/templates/reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    errors: FormErrors,
}

pub(super) async fn form(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    if !tokens::reset_is_valid(&ctx.state.db, &token).await? {
        return Err(AppError::BadRequest("err-link-expired"));
    }
    Ok(page(&ResetPage {
        ctx,
        token,
        errors: FormErrors::new(),
    }))
}

#[derive(Deserialize)]
pub(super) struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

pub(super) async fn submit(
    ctx: Ctx,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(f): Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    if !tokens::reset_is_valid(&ctx.state.db, &token).await? {
        return Err(AppError::BadRequest("err-link-expired"));
    }
    let mut errors = FormErrors::new();
    if f.password != f.password2 {
        errors.add(&ctx, "password2", "err-password-mismatch");
    } else if let Some(problem) = auth::password_problem(&f.password, "") {
        errors.add(&ctx, "password", problem);
    }
    if !errors.is_empty() {
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage { ctx, token, errors },
        ));
    }
    let hash = auth::new_hash(&f.password).await?;
    // The link came by mail to the account's address: the address is proven.
    credentials::reset_password(&ctx.state.db, &token, &hash).await?;
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=password-reset"),
    )
        .into_response())
}
