//! Referrals across deployments, the case workers' pages: the list of referrals sent to and
//! received from partner deployments (`/federation/referrals`) and one referral
//! (`/federation/referrals/{id}`) with its answer, notes, outcome, withdrawal and custody
//! chain. A referral is made with the referral form (`/referrals/new`, whose chooser lists
//! the partners' services). Rules and writes are in `spona_app::federation::referrals`.
//! Only the local organisation's case workers see them; everyone else gets 404.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::Error;
use spona_app::federation::referrals::{self as uc, Act, View};
use spona_domain::referral::OUTCOMES;
use spona_store::federation::referrals::FedReferral;

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/federation/referrals", list)
        .get("/federation/referrals/{id}", read)
        .post_from(
            "/federation/referrals/{id}/act",
            act,
            "/federation/referrals/{id}",
        )
}

#[derive(Template)]
#[template(path = "federation/templates/referrals.html")]
struct ListPage {
    ctx: Ctx,
    referrals: Vec<FedReferral>,
}

/// The referrals of the actor's organisations; 404 for anyone who is no case worker.
async fn list(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    if spona_app::referrals::roles(&actor, &ctx.state.db)
        .await?
        .is_empty()
    {
        return Err(AppError::NotFound);
    }
    let referrals = uc::list(&actor, &ctx.state.db).await?;
    Ok(page(&ListPage { ctx, referrals }))
}

#[derive(Template)]
#[template(path = "federation/templates/referral.html")]
struct ReadPage {
    ctx: Ctx,
    v: View,
    message: Option<String>,
    /// This side's packets of the referral that the partner refused for good or that ran
    /// out of time: `(id, kind, reason)`.
    undelivered: Vec<(String, String, String)>,
}

impl ReadPage {
    fn incoming(&self) -> bool {
        self.v.referral.direction == "in"
    }
    fn open(&self) -> bool {
        self.v.referral.status != "withdrawn"
    }
    fn awaits(&self) -> bool {
        matches!(self.v.referral.status.as_str(), "sent" | "more-info")
    }
    fn field_label(&self, f: &str) -> String {
        self.ctx.t(&format!("ref-field-{f}"))
    }
    fn outcomes(&self) -> Vec<&'static str> {
        OUTCOMES.to_vec()
    }
}

async fn read_page(ctx: Ctx, id: &str, message: Option<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let v = uc::view(&ctx.actor(), &ctx.state.db, &ctx.state.federation, id).await?;
    let undelivered = spona_store::federation::refusals::failed_in_conversation(
        &ctx.state.db,
        &v.referral.partner_id,
        &spona_domain::federation::referral::conversation(&v.referral.sender_ref),
    )
    .await?;
    let status = if message.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok(crate::http::view::render(
        status,
        &ReadPage {
            ctx,
            v,
            message,
            undelivered,
        },
    ))
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    read_page(ctx, &id, None).await
}

#[derive(Deserialize, Default)]
struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    text: String,
}

/// An answer, an outcome, a note or a withdrawal; 303 back to the referral, or its page
/// again with 422 and the reason.
async fn act(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let what = match f.action.as_str() {
        "answer" => Act::Answer(f.answer),
        "outcome" => Act::Outcome(f.outcome),
        "note" => Act::Note(f.text),
        "withdraw" => Act::Withdraw,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    match uc::act(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.federation,
        &id,
        what,
    )
    .await
    {
        Ok(()) => Ok(see_other(&ctx, &format!("/federation/referrals/{id}"))),
        Err(Error::Invalid(list)) => {
            let msg = list
                .iter()
                .map(|i| ctx.t(i.key))
                .collect::<Vec<_>>()
                .join(" ");
            read_page(ctx, &id, Some(msg)).await
        }
        Err(Error::Conflict(key) | Error::Refused(key)) => {
            let msg = ctx.t(key);
            read_page(ctx, &id, Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}
