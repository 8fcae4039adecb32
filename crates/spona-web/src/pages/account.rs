//! Signing in and out, the second factor, password resets, accepting invitations, and the
//! account page.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use spona_domain::org::is_email;
use spona_domain::role::OrgRole;
use spona_store::audit::{self, Event};
use spona_store::{sessions, tokens, users};

use super::{ClientIp, FormErrors, safe_next};
use crate::auth;
use crate::context::{SESSION_COOKIE, make_cookie};
use crate::routes::Routes;
use crate::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/signin", signin_form)
        .post("/signin", signin)
        .get("/signin/totp", totp_form)
        .post("/signin/totp", totp_submit)
        .post("/signout", signout)
        .post("/signout/everywhere", signout_everywhere)
        .get("/reset", reset_request_form)
        .post("/reset", reset_request)
        .get("/reset/{token}", reset_form)
        .post("/reset/{token}", reset_submit)
        .get("/invite/{token}", invite_form)
        .post("/invite/{token}", invite_accept)
        .get("/account", account)
        .post("/account/password", change_password)
        .get("/account/totp", totp_setup)
        .post("/account/totp", totp_enable)
        .post("/account/totp/disable", totp_disable)
}

async fn audit(ctx: &Ctx, actor: Option<&str>, action: &str, target_kind: &str, target_id: &str) {
    let event = Event {
        actor_id: actor,
        action,
        target_kind,
        target_id,
        detail: String::new(),
    };
    if let Err(e) = audit::record(&ctx.state.db, event).await {
        tracing::error!(error = %e, action, "could not write the audit log");
    }
}

/// Starts a fresh session (a new identifier, never the old one) and sets its cookie.
async fn start_session(
    ctx: &Ctx,
    jar: CookieJar,
    user_id: &str,
    mfa_pending: bool,
) -> Result<CookieJar, AppError> {
    if let Some(old) = &ctx.session_token {
        sessions::delete(&ctx.state.db, old).await?;
    }
    let token = sessions::create(&ctx.state.db, user_id, mfa_pending).await?;
    Ok(jar.add(make_cookie(&ctx.state, SESSION_COOKIE, token)))
}

fn clear_session(ctx: &Ctx, jar: CookieJar) -> CookieJar {
    let mut c = make_cookie(&ctx.state, SESSION_COOKIE, String::new());
    c.set_max_age(time::Duration::ZERO);
    jar.add(c)
}

// ---- sign in ----

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    ctx: Ctx,
    email: String,
    next: String,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

/// Notices a redirect may ask for by name (never free text from the URL).
fn notice(ctx: &Ctx, done: Option<&str>) -> Option<String> {
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

async fn signin_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    page(&SigninPage {
        notice: notice(&ctx, q.done.as_deref()),
        next: safe_next(q.next.as_deref()),
        email: String::new(),
        errors: FormErrors::new(),
        ctx,
    })
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn signin(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<SigninForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.signin(&f.email, ip)?;
    let next = safe_next(f.next.as_deref());
    let user = users::find_by_email(&ctx.state.db, &f.email).await?;
    let ok = match &user {
        Some(u) => auth::verify_password(&f.password, &u.password_hash) && !u.disabled,
        None => {
            auth::verify_password(&f.password, auth::dummy_hash());
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        audit(&ctx, None, "auth.signin_failed", "user", "").await;
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
    let jar = start_session(&ctx, jar, &user.id, needs_totp).await?;
    if needs_totp {
        let to = format!(
            "/signin/totp?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        );
        return Ok((jar, see_other(&ctx, &to)).into_response());
    }
    audit(&ctx, Some(&user.id), "auth.signin", "user", &user.id).await;
    Ok((jar, see_other(&ctx, &next)).into_response())
}

#[derive(Template)]
#[template(path = "signin_totp.html")]
struct TotpPage {
    ctx: Ctx,
    next: String,
    errors: FormErrors,
}

async fn totp_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
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
struct TotpForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

async fn totp_submit(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(f): Form<TotpForm>,
) -> Result<Response, AppError> {
    let Some(user) = ctx.user.clone().filter(|_| ctx.mfa_pending) else {
        return Ok(see_other(&ctx, "/signin"));
    };
    ctx.state.limits.signin(&user.user.email, ip)?;
    let secret = user.user.totp_secret.clone().unwrap_or_default();
    let accepted = match auth::totp_step(&secret, &f.code) {
        Some(step) => users::claim_totp_step(&ctx.state.db, user.id(), step).await?,
        None => false,
    };
    let next = safe_next(f.next.as_deref());
    if !accepted {
        audit(&ctx, Some(user.id()), "auth.totp_failed", "user", user.id()).await;
        let mut errors = FormErrors::new();
        errors.add(&ctx, "code", "err-totp");
        return Ok(render(
            StatusCode::UNAUTHORIZED,
            &TotpPage { next, errors, ctx },
        ));
    }
    let jar = start_session(&ctx, jar, user.id(), false).await?;
    audit(&ctx, Some(user.id()), "auth.signin", "user", user.id()).await;
    Ok((jar, see_other(&ctx, &next)).into_response())
}

async fn signout(ctx: Ctx, jar: CookieJar) -> Result<Response, AppError> {
    if let Some(token) = &ctx.session_token {
        sessions::delete(&ctx.state.db, token).await?;
    }
    if let Some(u) = &ctx.user {
        audit(&ctx, Some(u.id()), "auth.signout", "user", u.id()).await;
    }
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=signed-out"),
    )
        .into_response())
}

async fn signout_everywhere(ctx: Ctx, jar: CookieJar) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    sessions::delete_all_for_user(&ctx.state.db, user.id()).await?;
    tokens::revoke_for_user(&ctx.state.db, user.id(), &user.user.email).await?;
    audit(
        &ctx,
        Some(user.id()),
        "auth.signout_everywhere",
        "user",
        user.id(),
    )
    .await;
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=signed-out-everywhere"),
    )
        .into_response())
}

// ---- password reset ----

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    ctx: Ctx,
    sent: bool,
    errors: FormErrors,
}

async fn reset_request_form(ctx: Ctx) -> Response {
    page(&ResetRequestPage {
        ctx,
        sent: false,
        errors: FormErrors::new(),
    })
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn reset_request(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Form(f): Form<EmailForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.reset(ip)?;
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
    if let Some(user) = users::find_by_email(&ctx.state.db, &f.email).await?
        && !user.disabled
    {
        let token = tokens::create_reset(&ctx.state.db, &user.id).await?;
        let link = format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/reset/{token}"))
        );
        let body = ctx.ta("mail-reset-body", &[("link", spona_i18n::Arg::Str(&link))]);
        crate::mail::send(&ctx.state, &user.email, &ctx.t("mail-reset-subject"), &body)?;
        audit(&ctx, None, "auth.reset_requested", "user", &user.id).await;
    }
    // The same answer whether or not the address has an account.
    Ok(page(&ResetRequestPage {
        ctx,
        sent: true,
        errors: FormErrors::new(),
    }))
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    errors: FormErrors,
}

async fn reset_form(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
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
struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn reset_submit(
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
    let user_id = tokens::take_reset(&ctx.state.db, &token)
        .await?
        .ok_or(AppError::BadRequest("err-link-expired"))?;
    let user = users::get(&ctx.state.db, &user_id).await?;
    let hash = auth::hash_password(&f.password)?;
    users::set_password(&ctx.state.db, &user.id, &hash).await?;
    sessions::delete_all_for_user(&ctx.state.db, &user.id).await?;
    tokens::revoke_for_user(&ctx.state.db, &user.id, &user.email).await?;
    audit(
        &ctx,
        Some(&user.id),
        "auth.password_reset",
        "user",
        &user.id,
    )
    .await;
    Ok((
        clear_session(&ctx, jar),
        see_other(&ctx, "/signin?done=password-reset"),
    )
        .into_response())
}

// ---- invitations ----

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

async fn invite_form(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    invite_page(ctx, token, String::new(), FormErrors::new()).await
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn invite_accept(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    ctx.state.limits.public_form(ip)?;
    let invite = tokens::find_invite(&ctx.state.db, &token)
        .await?
        .ok_or(AppError::BadRequest("err-link-expired"))?;
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
    audit(
        &ctx,
        Some(&user_id),
        "org.invite_accepted",
        "organisation",
        &invite.org_id,
    )
    .await;
    let org = spona_store::orgs::get(&ctx.state.db, &invite.org_id).await?;
    let user = users::get(&ctx.state.db, &user_id).await?;
    let jar = start_session(&ctx, jar, &user_id, user.totp_secret.is_some()).await?;
    Ok((jar, see_other(&ctx, &format!("/orgs/{}", org.slug))).into_response())
}

// ---- the account page ----

#[derive(Template)]
#[template(path = "account.html")]
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

async fn account(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    let n = notice(&ctx, q.done.as_deref());
    account_page(ctx, n, FormErrors::new()).await
}

#[derive(Deserialize)]
struct ChangePasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn change_password(
    ctx: Ctx,
    jar: CookieJar,
    Form(f): Form<ChangePasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let mut errors = FormErrors::new();
    if !auth::verify_password(&f.current, &user.user.password_hash) {
        errors.add(&ctx, "current", "err-current-password");
    } else if f.password != f.password2 {
        errors.add(&ctx, "password2", "err-password-mismatch");
    } else if let Some(p) = auth::password_problem(&f.password, &user.user.email) {
        errors.add(&ctx, "password", p);
    }
    if !errors.is_empty() {
        return account_page(ctx, None, errors).await;
    }
    let hash = auth::hash_password(&f.password)?;
    users::set_password(&ctx.state.db, user.id(), &hash).await?;
    sessions::delete_all_for_user(&ctx.state.db, user.id()).await?;
    tokens::revoke_for_user(&ctx.state.db, user.id(), &user.user.email).await?;
    audit(
        &ctx,
        Some(user.id()),
        "auth.password_changed",
        "user",
        user.id(),
    )
    .await;
    // Every other session ends; this browser gets a fresh one.
    let token = sessions::create(&ctx.state.db, user.id(), false).await?;
    let jar = jar.add(make_cookie(&ctx.state, SESSION_COOKIE, token));
    Ok((jar, see_other(&ctx, "/account?done=password-changed")).into_response())
}

#[derive(Template)]
#[template(path = "totp_setup.html")]
struct TotpSetupPage {
    ctx: Ctx,
    secret: String,
    url: String,
    errors: FormErrors,
}

async fn totp_setup(ctx: Ctx) -> Result<Response, AppError> {
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
struct TotpEnableForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    current: String,
}

async fn totp_enable(
    ctx: Ctx,
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
    if !auth::verify_password(&f.current, &user.user.password_hash) {
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
    users::set_totp(&ctx.state.db, user.id(), Some(&f.secret)).await?;
    if let Some(step) = auth::totp_step(&f.secret, &f.code) {
        users::claim_totp_step(&ctx.state.db, user.id(), step).await?;
    }
    second_factor_changed(&ctx, jar, &user, "auth.totp_enabled", "totp-enabled").await
}

#[derive(Deserialize)]
struct PasswordOnlyForm {
    #[serde(default)]
    current: String,
}

async fn totp_disable(
    ctx: Ctx,
    jar: CookieJar,
    Form(f): Form<PasswordOnlyForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    if !auth::verify_password(&f.current, &user.user.password_hash) {
        let mut errors = FormErrors::new();
        errors.add(&ctx, "disable_current", "err-current-password");
        return account_page(ctx, None, errors).await;
    }
    users::set_totp(&ctx.state.db, user.id(), None).await?;
    second_factor_changed(&ctx, jar, &user, "auth.totp_disabled", "totp-disabled").await
}

/// A change of second factor ends every session and token of the account; this browser
/// continues in a fresh session.
async fn second_factor_changed(
    ctx: &Ctx,
    jar: CookieJar,
    user: &crate::context::CurrentUser,
    action: &str,
    done: &str,
) -> Result<Response, AppError> {
    sessions::delete_all_for_user(&ctx.state.db, user.id()).await?;
    tokens::revoke_for_user(&ctx.state.db, user.id(), &user.user.email).await?;
    audit(ctx, Some(user.id()), action, "user", user.id()).await;
    let token = sessions::create(&ctx.state.db, user.id(), false).await?;
    let jar = jar.add(make_cookie(&ctx.state, SESSION_COOKIE, token));
    Ok((jar, see_other(ctx, &format!("/account?done={done}"))).into_response())
}
