//! Accounts: signing in and out with an optional second factor, password resets, accepting
//! invitations, the account settings page, an organisation's people and invitations, and
//! the platform administration (users, audit log).

pub mod admin;
mod invite;
pub mod people;
mod reset;
mod settings;
mod signin;

use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_app::accounts::credentials;

use crate::http::context::{CSRF_COOKIE, SESSION_COOKIE, make_cookie};
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    let r = people::routes(admin::routes(r));
    r.get("/signin", signin::form)
        .post("/signin", signin::submit)
        .get("/signin/totp", signin::totp_form)
        .post("/signin/totp", signin::totp_submit)
        .post_from("/signout", signin::signout, "/")
        .post_from(
            "/signout/everywhere",
            signin::signout_everywhere,
            "/account",
        )
        .get("/reset", reset::request_form)
        .post("/reset", reset::request)
        .get("/reset/{token}", reset::form)
        .post("/reset/{token}", reset::submit)
        .get("/invite/{token}", invite::form)
        .post("/invite/{token}", invite::accept)
        .post_from(
            "/invite/{token}/join",
            invite::join_signed_in,
            "/invite/{token}",
        )
        .get("/account", settings::account)
        .post_from("/account/password", settings::change_password, "/account")
        .get("/account/totp", settings::totp_setup)
        .post("/account/totp", settings::totp_enable)
        .post_from("/account/totp/disable", settings::totp_disable, "/account")
}

/// Starts a fresh session (a new identifier, never the old one) and sets its cookie; with
/// `signed_in` the sign-in is audited in the same transaction.
pub(super) async fn start_session(
    ctx: &Ctx,
    jar: CookieJar,
    user_id: &str,
    mfa_pending: bool,
    signed_in: bool,
) -> Result<CookieJar, AppError> {
    let token = credentials::start_session(
        &ctx.state.db,
        user_id,
        ctx.session_token.as_deref(),
        mfa_pending,
        signed_in,
    )
    .await?;
    // A new session gets a new CSRF token too: a token seen before signing in (on a shared
    // computer, say) is worth nothing after.
    Ok(jar
        .add(make_cookie(&ctx.state, SESSION_COOKIE, token))
        .add(make_cookie(
            &ctx.state,
            CSRF_COOKIE,
            spona_store::new_token(),
        )))
}

pub(super) fn clear_session(ctx: &Ctx, jar: CookieJar) -> CookieJar {
    let mut c = make_cookie(&ctx.state, SESSION_COOKIE, String::new());
    c.set_max_age(time::Duration::ZERO);
    jar.add(c)
}

#[derive(Deserialize, Default)]
pub(super) struct NextQuery {
    pub next: Option<String>,
    pub done: Option<String>,
}

/// Notices a redirect may ask for by name (never free text from the URL).
pub(super) fn notice(ctx: &Ctx, done: Option<&str>) -> Option<String> {
    let key = match done? {
        "password-reset" => "notice-password-reset",
        "signed-out" => "notice-signed-out",
        "signed-out-everywhere" => "notice-signed-out-everywhere",
        "password-changed" => "notice-password-changed",
        "totp-enabled" => "notice-totp-enabled",
        "totp-disabled" => "notice-totp-disabled",
        "saved" => "notice-saved",
        _ => return None,
    };
    Some(ctx.t(key))
}

/// The answer to a use case that claimed a form's one-time key: on a replay the first
/// post's redirect again (see [`crate::http::forms::replayed`]), otherwise the error's page.
pub(super) fn replayed(e: spona_app::Error) -> Result<axum::response::Response, AppError> {
    match e {
        spona_app::Error::Store(e) => crate::http::forms::replayed(e),
        other => Err(other.into()),
    }
}
