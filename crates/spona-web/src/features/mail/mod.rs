//! Mail as people meet it on the site: leaving a list with the link of a message (RFC 8058
//! one-click unsubscribe), confirming an address that bounced, and the queue's state for
//! platform admins. The sending itself is [`spona_app::mail`].

pub mod api;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::Deserialize;
use spona_app::mail::unsubscribe::{self, Left};
use spona_store::mail_send::{Bounce, Stats};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    api::routes(r)
        .get("/mail/unsubscribe/{token}", unsubscribe_page)
        .post("/mail/unsubscribe/{token}", unsubscribe_submit)
        .get("/account/mail", account_mail)
        .post_from(
            "/account/mail/confirm",
            request_confirmation,
            "/account/mail",
        )
        .get("/mail/confirm/{token}", confirm_page)
        .post("/mail/confirm/{token}", confirm_submit)
        .get("/mail/confirmed", confirmed)
        .get("/admin/mail", admin_mail)
}

#[derive(Deserialize)]
struct Done {
    #[serde(default)]
    done: String,
}

#[derive(Template)]
#[template(path = "mail/templates/unsubscribe.html")]
struct UnsubscribePage {
    ctx: Ctx,
    token: String,
    /// What the page asks (with the button).
    lead: String,
    /// What was done, when the address left the list (no button then).
    status: String,
}

impl UnsubscribePage {
    /// `done`: what the last POST did (`left`, `already`); `left`: whether the address is
    /// off the list.
    fn new(ctx: Ctx, token: String, list: &str, left: bool, done: &str) -> Self {
        let arg = [("list", spona_i18n::Arg::Str(list))];
        let status = match (done, left) {
            ("left", _) => ctx.ta("unsub-done", &arg),
            (_, true) => ctx.ta("unsub-already", &arg),
            _ => String::new(),
        };
        UnsubscribePage {
            lead: ctx.ta("unsub-lead", &arg),
            status,
            token,
            ctx,
        }
    }
}

/// The link of a message: one button, nothing changed by opening it (mail scanners follow
/// links). A forged or unknown token is 404.
async fn unsubscribe_page(
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let t = unsubscribe::target(&ctx.state.db, &token).await?;
    let list = t.list_name.unwrap_or(t.list_id);
    Ok(page(&UnsubscribePage::new(
        ctx, token, &list, t.left, &q.done,
    )))
}

/// Leaves the list: from the page's button (a form with its CSRF field: 303 to the page), or
/// from a mail client's `List-Unsubscribe=One-Click` POST (RFC 8058: answered 200 with the
/// page, at this address, which answers GET).
async fn unsubscribe_submit(
    ctx: Ctx,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let one_click = url::form_urlencoded::parse(&body)
        .any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click");
    let from_page = url::form_urlencoded::parse(&body).any(|(k, _)| k == "csrf");
    let (t, left) = unsubscribe::leave(&ctx.state.db, &token).await?;
    let done = match left {
        Left::Now => "left",
        Left::Already => "already",
    };
    if one_click && !from_page {
        let list = t.list_name.unwrap_or(t.list_id);
        return Ok(page(&UnsubscribePage::new(ctx, token, &list, true, done)));
    }
    Ok(see_other(
        &ctx,
        &format!("/mail/unsubscribe/{token}?done={done}"),
    ))
}

#[derive(Template)]
#[template(path = "mail/templates/account_mail.html")]
struct AccountMailPage {
    ctx: Ctx,
    email: String,
    bounce: Option<Bounce>,
    bounced_text: String,
    done: String,
}

/// The signed-in person's address: whether it bounced, and the button that mails a
/// confirmation link to it.
async fn account_mail(ctx: Ctx, Query(q): Query<Done>) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let email = user.user.email.clone();
    let bounce = unsubscribe::bounce_of(&ctx.state.db, &email).await?;
    let bounced_text = bounce
        .as_ref()
        .map(|b| {
            let on = spona_app::dates::format_date(ctx.locale, b.bounced_at);
            ctx.ta(
                "account-mail-bounced",
                &[("date", spona_i18n::Arg::Str(&on))],
            )
        })
        .unwrap_or_default();
    let done = match q.done.as_str() {
        "sent" | "confirmed" => q.done,
        _ => String::new(),
    };
    Ok(page(&AccountMailPage {
        email,
        bounce,
        bounced_text,
        done,
        ctx,
    }))
}

/// Queues a confirmation mail to the signed-in person's bouncing address.
async fn request_confirmation(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let email = user.user.email.clone();
    let id = user.id().to_owned();
    let mail = |token: &str| {
        let link = format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/mail/confirm/{token}"))
        );
        spona_app::mail::Mail {
            to: email.clone(),
            subject: ctx.t("mail-confirm-subject"),
            text: ctx.ta(
                "mail-confirm-body",
                &[("link", spona_i18n::Arg::Str(&link))],
            ),
            list: None,
            thread: None,
        }
    };
    if unsubscribe::request_confirmation(&ctx.state.db, &id, &email, mail).await? {
        Ok(see_other(&ctx, "/account/mail?done=sent"))
    } else {
        Ok(see_other(&ctx, "/account/mail"))
    }
}

#[derive(Template)]
#[template(path = "mail/templates/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    token: String,
}

/// The link of a confirmation mail: one button; a used or forged link is 400.
async fn confirm_page(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    if !unsubscribe::confirmation_is_valid(&ctx.state.db, &token).await? {
        return Err(AppError::BadRequest("err-link-expired"));
    }
    Ok(page(&ConfirmPage { ctx, token }))
}

async fn confirm_submit(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    unsubscribe::confirm(&ctx.state.db, &token).await?;
    Ok(see_other(&ctx, "/mail/confirmed"))
}

#[derive(Template)]
#[template(path = "mail/templates/confirmed.html")]
struct ConfirmedPage {
    ctx: Ctx,
}

async fn confirmed(ctx: Ctx) -> Result<Response, AppError> {
    Ok(page(&ConfirmedPage { ctx }))
}

#[derive(Template)]
#[template(path = "mail/templates/admin_mail.html")]
struct AdminMailPage {
    ctx: Ctx,
    stats: Stats,
    smtp: bool,
}

/// The queue at a glance, for platform admins.
async fn admin_mail(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let stats = unsubscribe::stats(&ctx.actor(), &ctx.state.db).await?;
    let smtp = crate::mail::configured(&ctx.state.config);
    Ok(page(&AdminMailPage { ctx, stats, smtp }))
}
