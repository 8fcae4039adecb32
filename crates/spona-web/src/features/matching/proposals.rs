//! Running a matching round: proposals with their reasons, pins and bans, publishing, and
//! each side's answer. Contact details are shared only when both sides accept.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::matching::{access, proposals, run as running};
use spona_domain::matching::Side;
use spona_store::matching::{self, Round};

use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/matching/{id}/run", run, "/matching/{id}")
        .post_from("/matching/{id}/constraints", constrain, "/matching/{id}")
        .post_from("/matching/{id}/publish", publish, "/matching/{id}")
        .post_from(
            "/matching/{id}/proposals/{proposal}/answer",
            answer,
            "/matching/{id}",
        )
        .get("/matching/{id}/export.csv", export)
}

/// The round, if the user coordinates it.
async fn coordinated_round(ctx: &Ctx, id: &str) -> Result<Round, AppError> {
    ctx.require_user()?;
    let round = crate::names::round(ctx, id).await?;
    access::require_coordinator(&ctx.actor(), &ctx.state.db, &round).await?;
    Ok(round)
}

async fn run(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let round = coordinated_round(&ctx, &id).await?;
    running::run(&ctx.actor(), &ctx.state.db, &round).await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

#[derive(Deserialize)]
struct ConstraintForm {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    #[serde(default)]
    kind: String,
}

async fn constrain(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ConstraintForm>,
) -> Result<Response, AppError> {
    let round = coordinated_round(&ctx, &id).await?;
    proposals::constrain(&ctx.actor(), &ctx.state.db, &round, &f.a, &f.b, &f.kind).await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

async fn publish(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let round = coordinated_round(&ctx, &id).await?;
    let proposals = proposals::publish(&ctx.actor(), &ctx.state.db, &round).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    crate::notify::proposals_published(&ctx.state, &round, &proposals, &people).await;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
}

async fn answer(
    ctx: Ctx,
    Path((id, proposal_id)): Path<(String, String)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let round = crate::names::round(&ctx, &id).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    let proposals::Answered {
        proposal,
        side,
        accepted,
    } = proposals::answer(
        &ctx.actor(),
        &ctx.state.db,
        &round,
        &people,
        &proposal_id,
        &f.answer,
    )
    .await?;
    if accepted {
        // The other side learns that this one said yes.
        let (mine, theirs) = if side == Side::A {
            (&proposal.a_id, &proposal.b_id)
        } else {
            (&proposal.b_id, &proposal.a_id)
        };
        let name = |id: &str| people.iter().find(|p| p.id == id);
        if let (Some(me), Some(other)) = (name(mine), name(theirs)) {
            crate::notify::participant(
                &ctx.state,
                other,
                false,
                crate::notify::Notice::PartnerAccepted,
                &crate::notify::Subject::participant(&ctx.state.db, me).await,
                &format!("/matching/{}", round.id),
            )
            .await;
        }
    }
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

/// `GET /matching/{id}/export.csv`: the round's proposals for the coordinator, as CSV that a
/// spreadsheet opens safely (formula-like cells neutralised).
pub async fn export(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    use axum::response::IntoResponse;
    let round = coordinated_round(&ctx, &id).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    let name = |pid: &str| {
        people
            .iter()
            .find(|p| p.id == pid)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let cell = |s: &str| {
        let safe = spona_domain::csv::safe_cell(s);
        format!("\"{}\"", safe.replace('"', "\"\""))
    };
    let mut out =
        String::from("side_a,side_b,score,answer_a,answer_b,a_gives,b_gives,shared_languages\r\n");
    for p in matching::proposals(&ctx.state.db, &round.id).await? {
        let why = p.explanation.explanation();
        let join = |k: fn(&spona_store::matching::Explanation) -> &Vec<String>| {
            why.map(|e| k(e).join(" ")).unwrap_or_default()
        };
        let fields = [
            name(&p.a_id),
            name(&p.b_id),
            p.score.to_string(),
            p.a_answer.as_str().to_owned(),
            p.b_answer.as_str().to_owned(),
            join(|e| &e.a_gives),
            join(|e| &e.b_gives),
            join(|e| &e.shared_languages),
        ];
        out.push_str(&fields.iter().map(|f| cell(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    ctx.audit("matching.exported", "round", &round.id, String::new())
        .await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"round.csv\"".to_owned(),
            ),
        ],
        out,
    )
        .into_response())
}
