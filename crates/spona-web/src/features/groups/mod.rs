//! Working groups: the list, a group's page and its members, linked resources, discussions
//! (threads, replies, edits with history, read state, follow and mute, hiding, search), a
//! person's mail preferences, and the JSON API. The rules live in [`spona_app::groups`].

pub mod api;
pub mod files;
pub mod names;
pub mod newsletters;
pub mod pages;
pub mod threads;

use spona_app::groups::notify::MailCtx;

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = threads::routes(r);
    let r = files::routes(r);
    let r = newsletters::routes(r);
    let r = names::routes(r);
    api::routes(r)
}

/// What group mail is written with.
pub(crate) fn mail_ctx(ctx: &Ctx) -> MailCtx<'_> {
    MailCtx {
        tr: &ctx.state.tr,
        public_url: &ctx.state.config.public_url,
    }
}

/// A use case's answer, with its field problems kept for the form (`Ok(errors)`), or the
/// error page.
pub(crate) fn form_errors(ctx: &Ctx, e: spona_app::Error) -> Result<FormErrors, AppError> {
    match e {
        spona_app::Error::Invalid(problems) => Ok(FormErrors::from_invalid(ctx, &problems)),
        other => Err(other.into()),
    }
}
