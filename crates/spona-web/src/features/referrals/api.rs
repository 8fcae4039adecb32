//! Referrals in the JSON API, for case workers: their organisations' referrals, sent and
//! received (filters: direction, status, urgent), one referral (reading it is a custody
//! entry, as on its page), and the changes — a new referral, the answer (accept / more
//! information / decline), a note, the outcome and the withdrawal of consent — under the
//! pages' rules (`spona_app::referrals`): consent required, only the fields the service asks
//! for, only the right side may act.
//!
//! **Who.** Signed in (the session cookie; 401 without). Only case workers of the referring
//! or the receiving organisation learn that a referral exists: everyone else gets 404, as on
//! the pages — platform admins included.
//!
//! **Changes are POSTs** with a JSON body, checked like every form post: same origin, and the
//! CSRF token (the `csrf` field of any of the signed-in person's forms) in the
//! `X-CSRF-Token` header. The rest of the JSON API stays read-only ([`accepts_post`] names
//! the only addresses the request layer lets a POST through to).

pub mod json;

use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use spona_app::referrals::{self as uc, ReferralDraft};
use spona_domain::Invalid;
use spona_domain::referral::{Answer, ConsentDraft};
use utoipa::OpenApi;

use self::json::*;
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/referrals", list)
        .post("/api/v1/referrals", create)
        .get("/api/v1/referrals/{id}", read)
        .post("/api/v1/referrals/{id}/answer", answer)
        .post("/api/v1/referrals/{id}/note", note)
        .post("/api/v1/referrals/{id}/outcome", outcome)
        .post("/api/v1/referrals/{id}/withdraw", withdraw)
}

/// The addresses of the JSON API that take a POST (everything else there is read-only).
pub fn accepts_post(path: &str) -> bool {
    match path.strip_prefix("/api/v1/referrals") {
        Some("") => true,
        Some(rest) => rest.strip_prefix('/').is_some_and(|rest| {
            rest.split_once('/').is_some_and(|(id, action)| {
                !id.is_empty() && matches!(action, "answer" | "note" | "outcome" | "withdraw")
            })
        }),
        None => false,
    }
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, read, answer, note, outcome, withdraw),
    components(schemas(
        Direction,
        ReferralStatus,
        AnswerCode,
        OutcomeCode,
        ConsentHow,
        OrgJson,
        SummaryJson,
        ListJson,
        FieldJson,
        ConsentJson,
        NoteJson,
        CustodyJson,
        ReferralJson,
        StateJson,
        FieldErrorJson,
        InvalidJson,
        ConsentInput,
        NewReferral,
        AnswerInput,
        NoteInput,
        OutcomeInput
    ))
)]
struct ReferralsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ReferralsDoc::openapi()
}

fn vault(ctx: &Ctx) -> Result<&spona_app::vault::keys::Vault, AppError> {
    Ok(ctx.state.vault.get()?)
}

/// Organisations by id: (id, slug, name in the reader's language).
async fn orgs(ctx: &Ctx) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(spona_store::orgs::load_all(&ctx.state.db)
        .await?
        .iter()
        .map(|o| {
            (
                o.id.to_string(),
                o.slug.clone(),
                crate::names::org_name(ctx.locale, o).text,
            )
        })
        .collect())
}

fn org_of(all: &[(String, String, String)]) -> impl Fn(&str) -> OrgJson + '_ {
    move |id: &str| {
        let (slug, name) = all
            .iter()
            .find(|(i, _, _)| i == id)
            .map(|(_, s, n)| (s.clone(), n.clone()))
            .unwrap_or_default();
        OrgJson { slug, name }
    }
}

/// A refusal of the input, with each field and why (422); nothing was stored.
fn invalid(ctx: &Ctx, key: &'static str, list: &[Invalid]) -> Response {
    let body = InvalidJson {
        error: key.trim_start_matches("err-").replace('-', "_"),
        message: ctx.t(key),
        fields: list
            .iter()
            .map(|i| FieldErrorJson {
                field: i.field.to_owned(),
                error: i.key.trim_start_matches("err-").replace('-', "_"),
                message: ctx.t(i.key),
            })
            .collect(),
    };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// What a use case's refusal answers: bad input 422 (with the fields), the rest as
/// everywhere (404, 403, 409, 503).
fn refused(ctx: &Ctx, e: spona_app::Error) -> Result<Response, AppError> {
    match e {
        spona_app::Error::Invalid(list) => Ok(invalid(ctx, "err-bad-form", &list)),
        spona_app::Error::Refused(key) => Ok(invalid(ctx, key, &[])),
        other => Err(other.into()),
    }
}

async fn state(ctx: &Ctx, id: &str) -> Result<Response, AppError> {
    let r = spona_store::referrals::get(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(StateJson {
        id: r.id,
        status: ReferralStatus::of(r.status.as_str()),
    })
    .into_response())
}

/// The referrals of the organisations where the signed-in person is a case worker, newest
/// first. Nothing of the person. 404 for anyone who is no case worker.
#[utoipa::path(get, path = "/api/v1/referrals", security(("session" = [])), params(ListParams),
    responses((status = 200, body = ListJson), (status = 400, body = ErrorJson),
        (status = 401, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn list(ctx: Ctx, Query(q): Query<ListParams>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    if uc::roles(&actor, db).await?.is_empty() {
        return Err(AppError::NotFound);
    }
    let all = orgs(&ctx).await?;
    let items = uc::list(&actor, db)
        .await?
        .into_iter()
        .filter(|i| q.direction.is_none_or(|d| Direction::of(i.side) == d))
        .filter(|i| q.status.is_none_or(|s| s.as_str() == i.status))
        .filter(|i| q.urgent.is_none_or(|u| u == i.urgent))
        .map(|i| summary(i, &org_of(&all)))
        .collect();
    Ok(Json(ListJson { items }).into_response())
}

/// One referral as its reader may see it: the referring side sees what it sent and what
/// was reported back; the receiving side sees what was sent, and nothing of the person once
/// consent is withdrawn. Reading it is a custody entry. 404 for everyone else.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", security(("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = ReferralJson), (status = 401, body = ErrorJson),
        (status = 404, body = ErrorJson), (status = 503, body = ErrorJson)))]
async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let db = &ctx.state.db;
    let vault = vault(&ctx)?;
    let r = uc::view(&ctx.actor(), db, vault, &id).await?;
    let entries = spona_store::referrals::custody(db, &id).await?;
    let intact = uc::chain_intact(&entries)
        && uc::custody::verify(db, vault, &id, &entries)
            .await?
            .is_intact();
    let all = orgs(&ctx).await?;
    let custody = CustodyJson {
        entries: entries.len(),
        intact,
    };
    Ok(Json(referral(r, &org_of(&all), custody)).into_response())
}

/// Refers a person to a service of another organisation: only the fields the service asks
/// for (any other is refused), with the person's consent covering each of them — or, for a
/// case worker with that permission, a reason to go without it (flagged on both sides).
#[utoipa::path(post, path = "/api/v1/referrals", security(("session" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The signed-in session's CSRF token")),
    request_body = NewReferral,
    responses((status = 201, body = StateJson), (status = 400, body = ErrorJson),
        (status = 401, body = ErrorJson), (status = 403, body = ErrorJson),
        (status = 404, body = ErrorJson), (status = 409, body = ErrorJson),
        (status = 415, body = ErrorJson), (status = 422, body = InvalidJson),
        (status = 503, body = ErrorJson)))]
async fn create(ctx: Ctx, Json(n): Json<NewReferral>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let vault = vault(&ctx)?;
    let roles = uc::roles(&actor, db).await?;
    let from_org = match &n.from {
        Some(slug) => match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) => o.id.to_string(),
            Err(spona_store::StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        },
        None if roles.len() > 1 => {
            return Ok(invalid(
                &ctx,
                "err-bad-form",
                &[Invalid::new("from", "err-referral-from")],
            ));
        }
        None => roles.first().map(|w| w.org_id.clone()).unwrap_or_default(),
    };
    let draft = ReferralDraft {
        from_org,
        person: n.person.into_iter().map(|f| (f.field, f.value)).collect(),
        reason: n.reason,
        urgent: n.urgent,
        consent: n.consent.map(|c| ConsentDraft {
            share: c.share,
            purpose: c.purpose,
            until: c.until,
            how: match c.how {
                ConsentHow::Verbal => "verbal".into(),
                ConsentHow::Signed => "signed".into(),
            },
            witness: c.witness,
            channel: c.channel,
        }),
        override_reason: n.override_reason.filter(|r| !r.trim().is_empty()),
        intake_id: None,
    };
    let base = ctx.state.config.public_url.clone();
    match uc::create(&actor, db, vault, &n.service, &draft, None, &base).await {
        Ok(id) => {
            let mut r = state(&ctx, &id).await?;
            *r.status_mut() = StatusCode::CREATED;
            Ok(r)
        }
        Err(e) => refused(&ctx, e),
    }
}

/// The receiving side answers: accept, ask for more information (a note is required), or
/// decline (with a note). A second answer is 409; the referring side gets 403.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/answer", security(("session" = [])),
    params(("id" = String, Path),
        ("X-CSRF-Token" = String, Header, description = "The signed-in session's CSRF token")),
    request_body = AnswerInput,
    responses((status = 200, body = StateJson), (status = 400, body = ErrorJson),
        (status = 401, body = ErrorJson), (status = 403, body = ErrorJson),
        (status = 404, body = ErrorJson), (status = 409, body = ErrorJson),
        (status = 415, body = ErrorJson), (status = 422, body = InvalidJson),
        (status = 503, body = ErrorJson)))]
async fn answer(
    ctx: Ctx,
    Path(id): Path<String>,
    Json(a): Json<AnswerInput>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let code = match a.answer {
        AnswerCode::Accept => Answer::Accept,
        AnswerCode::MoreInfo => Answer::MoreInfo,
        AnswerCode::Decline => Answer::Decline,
    };
    let base = ctx.state.config.public_url.clone();
    let done = uc::answer(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        code,
        &a.note,
        &base,
    )
    .await;
    match done {
        Ok(()) => state(&ctx, &id).await,
        Err(e) => refused(&ctx, e),
    }
}

/// A follow-up note. The receiving side chooses whether it is reported back; the referring
/// side's notes are seen by both. 409 once consent is withdrawn.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/note", security(("session" = [])),
    params(("id" = String, Path),
        ("X-CSRF-Token" = String, Header, description = "The signed-in session's CSRF token")),
    request_body = NoteInput,
    responses((status = 200, body = StateJson), (status = 400, body = ErrorJson),
        (status = 401, body = ErrorJson), (status = 403, body = ErrorJson),
        (status = 404, body = ErrorJson), (status = 409, body = ErrorJson),
        (status = 415, body = ErrorJson), (status = 422, body = InvalidJson),
        (status = 503, body = ErrorJson)))]
async fn note(
    ctx: Ctx,
    Path(id): Path<String>,
    Json(n): Json<NoteInput>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let done = uc::add_note(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        &n.body,
        n.shared,
    )
    .await;
    match done {
        Ok(()) => state(&ctx, &id).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The receiving side records the outcome of an accepted referral, once (409 otherwise).
#[utoipa::path(post, path = "/api/v1/referrals/{id}/outcome", security(("session" = [])),
    params(("id" = String, Path),
        ("X-CSRF-Token" = String, Header, description = "The signed-in session's CSRF token")),
    request_body = OutcomeInput,
    responses((status = 200, body = StateJson), (status = 400, body = ErrorJson),
        (status = 401, body = ErrorJson), (status = 403, body = ErrorJson),
        (status = 404, body = ErrorJson), (status = 409, body = ErrorJson),
        (status = 415, body = ErrorJson), (status = 422, body = InvalidJson),
        (status = 503, body = ErrorJson)))]
async fn outcome(
    ctx: Ctx,
    Path(id): Path<String>,
    Json(o): Json<OutcomeInput>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let done = uc::record_outcome(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        o.outcome.as_str(),
        &o.note,
        o.shared,
    )
    .await;
    match done {
        Ok(()) => state(&ctx, &id).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The person withdrew consent (recorded by the referring side; the receiving side gets
/// 403): nothing more is shared, and the receiving side no longer sees the person. No body.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/withdraw", security(("session" = [])),
    params(("id" = String, Path),
        ("X-CSRF-Token" = String, Header, description = "The signed-in session's CSRF token")),
    responses((status = 200, body = StateJson), (status = 401, body = ErrorJson),
        (status = 403, body = ErrorJson), (status = 404, body = ErrorJson),
        (status = 409, body = ErrorJson), (status = 503, body = ErrorJson)))]
async fn withdraw(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let base = ctx.state.config.public_url.clone();
    let done = uc::withdraw(&ctx.actor(), &ctx.state.db, vault(&ctx)?, &id, &base).await;
    match done {
        Ok(()) => state(&ctx, &id).await,
        Err(e) => refused(&ctx, e),
    }
}
