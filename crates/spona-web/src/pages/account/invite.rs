//! Accepting an invitation: a new account, or an existing one joining another organisation.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_domain::role::OrgRole;
use spona_store::{tokens, users};

use super::start_session;
use crate::auth;
use crate::pages::{ClientIp, FormErrors};
use crate::view::{render, see_other};
use crate::{AppError, Ctx};

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    ctx: Ctx,
    token: String,
    email: String,
    org_name: String,
    existing: bool,
    display_name: String,
    errors: FormErrors,
}

impl InvitePage {
    fn lead(&self) -> String {
        self.ctx.ta(
            "invite-lead",
            &[("org", spona_i18n::Arg::Str(&self.org_name))],
        )
    }
}

async fn invite_page(
    ctx: Ctx,
    token: String,
    display_name: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let invite = tokens::find_invite(&ctx.state.db, &token)
        .await?
        .ok_or(AppError::BadRequest("err-link-expired"))?;
    let org = spona_store::orgs::get(&ctx.state.db, &invite.org_id).await?;
    let existing = users::find_by_email(&ctx.state.db, &invite.email)
        .await?
        .is_some();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &InvitePage {
            ctx,
            token,
            email: invite.email,
            org_name: org.name,
            existing,
            display_name,
            errors,
        },
    ))
}

pub(super) async fn form(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    invite_page(ctx, token, String::new(), FormErrors::new()).await
}

#[derive(Deserialize)]
pub(super) struct InviteForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
    #[serde(default)]
    once: String,
}

pub(super) async fn accept(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.public_form(ip)?;
    if let crate::pages::Once::Replay(answer) = crate::pages::begin_once(&ctx, &f.once).await? {
        return Ok(answer);
    }
    let Some(invite) = tokens::find_invite(&ctx.state.db, &token).await? else {
        spona_store::idempotency::release(&ctx.state.db, &f.once).await?;
        return Err(AppError::BadRequest("err-link-expired"));
    };
    let existing = users::find_by_email(&ctx.state.db, &invite.email).await?;
    let mut errors = FormErrors::new();
    let display_name = f
        .display_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match &existing {
        Some(u) => {
            if !auth::verify_password(&f.password, &u.password_hash) || u.disabled {
                errors.add(&ctx, "password", "err-signin");
            }
        }
        None => {
            if display_name.chars().count() < 2 || display_name.chars().count() > 100 {
                errors.add(&ctx, "display_name", "err-name-length");
            }
            if f.password != f.password2 {
                errors.add(&ctx, "password2", "err-password-mismatch");
            } else if let Some(p) = auth::password_problem(&f.password, &invite.email) {
                errors.add(&ctx, "password", p);
            }
        }
    }
    if !errors.is_empty() {
        spona_store::idempotency::release(&ctx.state.db, &f.once).await?;
        return invite_page(ctx, token, display_name, errors).await;
    }
    let invite = tokens::take_invite(&ctx.state.db, &token)
        .await?
        .ok_or(AppError::BadRequest("err-link-expired"))?;
    let user_id = match existing {
        Some(u) => u.id,
        None => {
            let hash = auth::hash_password(&f.password)?;
            users::create(
                &ctx.state.db,
                &invite.email,
                &display_name,
                &hash,
                spona_domain::role::PlatformRole::User,
            )
            .await?
        }
    };
    let role = OrgRole::parse(&invite.org_role).unwrap_or(OrgRole::Member);
    users::set_membership(&ctx.state.db, &user_id, &invite.org_id, role).await?;
    ctx.audit_as(
        Some(&user_id),
        "org.invite_accepted",
        "organisation",
        &invite.org_id,
        String::new(),
    )
    .await?;
    let org = spona_store::orgs::get(&ctx.state.db, &invite.org_id).await?;
    let user = users::get(&ctx.state.db, &user_id).await?;
    let jar = start_session(&ctx, jar, &user_id, user.totp_secret.is_some()).await?;
    crate::pages::end_once(&ctx, &f.once, &format!("/orgs/{}", org.slug)).await?;
    Ok((jar, see_other(&ctx, &format!("/orgs/{}", org.slug))).into_response())
}
