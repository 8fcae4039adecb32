//! Matching rounds in the JSON API, under the same rules as the pages.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::matching::{privacy, proposals};
use spona_domain::matching::Side;
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/matching/rounds", list_rounds)
        .get("/api/v1/matching/rounds/{id}", get_round)
}

#[derive(OpenApi)]
#[openapi(
    paths(list_rounds, get_round),
    components(schemas(RoundJson, ProposalJson, PersonJson))
)]
struct MatchingDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    MatchingDoc::openapi()
}

/// A matching round.
#[derive(Serialize, ToSchema)]
pub struct RoundJson {
    id: String,
    /// `peer_exchange`, `buddy` (organisations take part) or `mentorship` (people do).
    programme: String,
    /// The title in the language of the address (`/uk/api/…`), else English, else as the
    /// coordinator wrote it first.
    title: String,
    /// Every title the coordinator gave in another language, by language tag.
    titles: std::collections::BTreeMap<String, String>,
    /// Country codes of each side.
    side_a: Vec<String>,
    side_b: Vec<String>,
    /// Unix seconds: opting in closes then.
    deadline: i64,
    /// `open`, `proposed`, `published` or `closed`.
    status: String,
    participants: i64,
    /// Proposals the reader may see: all for a coordinator, their own once published for an
    /// organisation; absent in lists.
    proposals: Option<Vec<ProposalJson>>,
}

/// A person in a mentorship proposal.
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    /// `mentor` (side A) or `mentee` (side B).
    role: String,
    /// The country they work from.
    country: String,
    /// Their experience (mentor) or goals (mentee), in their own words.
    statement: String,
    /// Their name: for coordinators, for the person themself, and for the other side once
    /// both accepted.
    name: Option<String>,
    /// Their e-mail address: for the two sides once both accepted.
    email: Option<String>,
}

/// A proposed pair and why.
#[derive(Serialize, ToSchema)]
pub struct ProposalJson {
    id: String,
    /// The organisations' slugs (peer exchange, buddy pairs); null in mentorship rounds.
    org_a: Option<String>,
    org_b: Option<String>,
    /// The people (mentorship rounds); null otherwise.
    person_a: Option<PersonJson>,
    person_b: Option<PersonJson>,
    score: i64,
    /// What each side gives, shared themes and languages (the stored explanation).
    explanation: serde_json::Value,
    /// `pending`, `accepted` or `declined`.
    answer_a: String,
    answer_b: String,
}

fn round_json(r: spona_store::matching::Round, proposals: Option<Vec<ProposalJson>>) -> RoundJson {
    RoundJson {
        side_a: r.countries_a().into_iter().map(str::to_owned).collect(),
        side_b: r.countries_b().into_iter().map(str::to_owned).collect(),
        id: r.id.into(),
        programme: r.programme.as_str().to_owned(),
        title: r.title,
        titles: r.titles.into_iter().collect(),
        deadline: r.deadline,
        status: r.status.as_str().to_owned(),
        participants: r.participants,
        proposals,
    }
}

/// Matching rounds, newest first. For signed-in members.
#[utoipa::path(get, path = "/api/v1/matching/rounds", security(("session" = [])),
    responses((status = 200, body = [RoundJson]), (status = 401, body = ErrorJson)))]
async fn list_rounds(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let rounds: Vec<RoundJson> = crate::names::rounds(&ctx)
        .await?
        .into_iter()
        .map(|r| round_json(r, None))
        .collect();
    Ok(Json(rounds).into_response())
}

/// One round with the proposals the reader may see. For signed-in members.
#[utoipa::path(get, path = "/api/v1/matching/rounds/{id}", security(("session" = [])), params(("id" = String, Path)),
    responses((status = 200, body = RoundJson), (status = 400, body = ErrorJson), (status = 401, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn get_round(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let round = crate::names::round(&ctx, &id).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    let seen = privacy::visible(&actor, db, &round, &people, None).await?;
    let contacts = proposals::contacts_for(db, &round, &seen, &people).await?;
    let mut out = Vec::new();
    for (p, sight) in seen {
        let find = |pid: &str| people.iter().find(|x| x.id == pid);
        let person = |pid: &str| {
            let x = find(pid).filter(|x| x.user_id.is_some())?;
            Some(PersonJson {
                role: if x.side == Side::A {
                    "mentor"
                } else {
                    "mentee"
                }
                .to_owned(),
                country: x.country.clone(),
                statement: x.statement.clone(),
                name: sight
                    .sees_name(x, privacy::own(&actor, x))
                    .then(|| x.name.clone()),
                email: if sight.sees_contacts() {
                    contacts.get(&x.id).and_then(|c| c.email.clone())
                } else {
                    None
                },
            })
        };
        out.push(ProposalJson {
            org_a: find(&p.a_id).and_then(|x| x.org_slug.clone()),
            org_b: find(&p.b_id).and_then(|x| x.org_slug.clone()),
            person_a: person(&p.a_id),
            person_b: person(&p.b_id),
            explanation: p.explanation.to_value(),
            id: p.id.into(),
            score: p.score,
            answer_a: p.a_answer.as_str().to_owned(),
            answer_b: p.b_answer.as_str().to_owned(),
        });
    }
    Ok(Json(round_json(round, Some(out))).into_response())
}
