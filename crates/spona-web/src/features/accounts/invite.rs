//! Accepting an invitation, whose link only ever went to the invited address (by mail, or
//! handed out by a platform admin, recorded in the audit log).
//!
//! The page is the same whether or not the address has an account: a new person creates
//! one with the form; someone who has an account signs in as usual (with every sign-in
//! limit) and comes back to the link, which then offers a plain "join" button. The page never
//! asks for an existing account's password, so a link is no way to guess it.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_app::accounts::invitations;
use spona_store::tokens::Invite;

use super::start_session;
use crate::auth;
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

/// Who is looking at an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    /// Not signed in: may create an account, or sign in to join.
    Anonymous,
    /// Signed in with the invited address: may join.
    Invited,
    /// Signed in with another address.
    Someone,
}

#[derive(Template)]
#[template(path = "accounts/templates/invite.html")]
struct InvitePage {
    ctx: Ctx,
    token: String,
    email: String,
    org_name: String,
    viewer: Viewer,
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

    fn anonymous(&self) -> bool {
        self.viewer == Viewer::Anonymous
    }

    fn invited(&self) -> bool {
        self.viewer == Viewer::Invited
    }

    /// The sign-in page, coming back to this link.
    fn signin_href(&self) -> String {
        let back = format!("/invite/{}", self.token);
        format!(
            "{}?next={}",
            self.ctx.href("/signin"),
            url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
        )
    }
}

fn viewer(ctx: &Ctx, invite: &Invite) -> Viewer {
    if !ctx.signed_in() {
        Viewer::Anonymous
    } else if invitations::is_invited(&ctx.actor(), invite) {
        Viewer::Invited
    } else {
        Viewer::Someone
    }
}

async fn invite_page(
    ctx: Ctx,
    token: String,
    display_name: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let invite = invitations::find(&ctx.state.db, &token).await?;
    let org = spona_store::orgs::get(&ctx.state.db, &invite.org_id).await?;
    let org_name = crate::names::org_name(ctx.locale, &org).text;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &InvitePage {
            viewer: viewer(&ctx, &invite),
            ctx,
            token,
            email: invite.email,
            org_name,
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

/// A new account for the invited address. When the address has an account already, the
/// answer says to sign in (the link's holder reads that address's mail, so this tells them
/// nothing new) and no password is looked at.
pub(super) async fn accept(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.public_form(ip).await?;
    // The key is claimed with the account (below); a retry of an acceptance that committed
    // (its link is used now) gets the first answer again.
    // The form is a guest's; its retry comes signed in (the first answer started a session),
    // so the key belongs to no account.
    let mut once = crate::http::forms::once_in_tx(&ctx, &f.once, "/orgs/{id}")?;
    once.user_id = None;
    if let Some(location) =
        spona_store::idempotency::answered(&ctx.state.db, &once.key, None).await?
    {
        return Ok(axum::response::Redirect::to(&location).into_response());
    }
    let invite = invitations::find(&ctx.state.db, &token).await?;
    let display_name = f
        .display_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let problems = invitations::new_account_problems(
        &ctx.state.db,
        &invite,
        &display_name,
        &f.password,
        &f.password2,
    )
    .await?;
    if !problems.is_empty() {
        let errors = FormErrors::from_invalid(&ctx, &problems);
        return invite_page(ctx, token, display_name, errors).await;
    }
    let hash = auth::new_hash(&f.password).await?;
    let joined = match invitations::accept_as_new_account(
        &ctx.state.db,
        &token,
        &display_name,
        &hash,
        &once,
    )
    .await
    {
        Ok(joined) => joined,
        Err(e) => return super::replayed(e),
    };
    let jar = start_session(&ctx, jar, &joined.user_id, false, false).await?;
    Ok((jar, see_other(&ctx, &format!("/orgs/{}", joined.slug))).into_response())
}

/// The signed-in person whose address was invited joins (no password: they signed in).
pub(super) async fn join_signed_in(
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let joined = invitations::join_signed_in(&ctx.actor(), &ctx.state.db, &token).await?;
    Ok(see_other(&ctx, &format!("/orgs/{}", joined.slug)))
}
