//! Running a matching round: proposals with their reasons, pins and bans, publishing, and
//! each side's answer. Contact details are shared only when both sides accept.

use std::collections::{HashMap, HashSet};

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_matching::{Problem, ScoringRule, SolveError};
use spona_store::matching::{self, Participant, Proposal, Round};

use super::rounds::coordinates;
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
    if !coordinates(ctx, &round).await? {
        return Err(AppError::Forbidden);
    }
    Ok(round)
}

fn as_set(field: &str) -> std::collections::BTreeSet<String> {
    Participant::list(field).into_iter().collect()
}

/// The explanation stored with a proposal (JSON), for the round page.
fn explanation_json(e: Option<&spona_matching::Explanation>) -> String {
    match e {
        Some(e) => serde_json::json!({
            "a_gives": e.a_gives, "b_gives": e.b_gives, "themes": e.shared_themes,
            "languages": e.shared_languages, "interpretation": e.needs_interpretation,
            "worked_together": e.worked_together, "pinned": false,
        }),
        None => serde_json::json!({ "pinned": true }),
    }
    .to_string()
}

async fn run(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let round = coordinated_round(&ctx, &id).await?;
    if round.status == "closed" {
        return Err(AppError::BadRequest("err-round-closed"));
    }
    let db = &ctx.state.db;
    let people = matching::participants(db, &round.id).await?;
    let side_a: Vec<&Participant> = people.iter().filter(|p| p.side == "a").collect();
    let side_b: Vec<&Participant> = people.iter().filter(|p| p.side == "b").collect();
    let buddy = round.programme == "buddy";
    let to_matching = |p: &Participant, cap: u32| spona_matching::Participant {
        offers: as_set(&p.offers),
        needs: as_set(&p.needs),
        themes: as_set(&p.themes),
        languages: as_set(&p.languages),
        accepts_interpretation: p.accepts_interpretation,
        capacity: cap,
    };
    // Buddies take one partner each; in a peer exchange side A may host several, in a
    // mentorship a mentor takes up to their capacity of mentees; side B takes one partner
    // each (the solver pairs two participants at most once).
    let cap_a = |p: &Participant| if buddy { 1 } else { p.capacity.max(1) as u32 };
    let a: Vec<_> = side_a.iter().map(|p| to_matching(p, cap_a(p))).collect();
    let b: Vec<_> = side_b.iter().map(|p| to_matching(p, 1)).collect();
    let earlier: HashSet<(String, String)> = matching::earlier_partners(db, &round.id)
        .await?
        .into_iter()
        .flat_map(|(x, y)| [(x.clone(), y.clone()), (y, x)])
        .collect();
    let rule = ScoringRule::default();
    let mut why = HashMap::new();
    let mut candidates = Vec::new();
    for (i, pa) in side_a.iter().enumerate() {
        for (j, pb) in side_b.iter().enumerate() {
            let worked = earlier.contains(&(pa.key().to_owned(), pb.key().to_owned()));
            if let Some(e) = rule.explain(&a[i], &b[j], worked) {
                candidates.push((i, j, e.score));
                why.insert((i, j), e);
            }
        }
    }
    let index_a: HashMap<&str, usize> = side_a
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let index_b: HashMap<&str, usize> = side_b
        .iter()
        .enumerate()
        .map(|(j, p)| (p.id.as_str(), j))
        .collect();
    let pair = |x: &str, y: &str| Some((*index_a.get(x)?, *index_b.get(y)?));
    let mut pinned = Vec::new();
    let mut forbidden = Vec::new();
    for c in matching::constraints(db, &round.id).await? {
        if let Some(p) = pair(&c.a_id, &c.b_id) {
            if c.kind == "pin" {
                pinned.push(p)
            } else {
                forbidden.push(p)
            }
        }
    }
    // Pairs one side already accepted stay.
    for p in matching::proposals(db, &round.id).await? {
        if (p.a_answer == "accepted" || p.b_answer == "accepted")
            && p.a_answer != "declined"
            && p.b_answer != "declined"
            && let Some(x) = pair(&p.a_id, &p.b_id)
        {
            pinned.push(x);
        }
    }
    let problem = Problem {
        left_capacity: a.iter().map(|p| p.capacity).collect(),
        right_capacity: vec![1; b.len()],
        candidates,
        pinned,
        forbidden,
    };
    let solution = spona_matching::assign::solve(&problem).map_err(|e| match e {
        SolveError::OverCapacity { .. } => AppError::BadRequest("err-pins-over-capacity"),
        SolveError::PinnedAndForbidden { .. } => AppError::BadRequest("err-pinned-and-forbidden"),
        _ => AppError::BadRequest("err-no-pairs"),
    })?;
    if solution.pairs.is_empty() {
        return Err(AppError::BadRequest("err-no-pairs"));
    }
    let new: Vec<(String, String, i64, String)> = solution
        .pairs
        .iter()
        .map(|&(i, j)| {
            let e = why.get(&(i, j));
            (
                side_a[i].id.clone(),
                side_b[j].id.clone(),
                e.map_or(0, |e| e.score),
                explanation_json(e),
            )
        })
        .collect();
    let status = if round.status == "published" {
        "published"
    } else {
        "proposed"
    };
    matching::replace_proposals(db, &round.id, &new, status).await?;
    ctx.audit(
        "matching.run",
        "round",
        &round.id,
        format!("pairs={} total={}", new.len(), solution.total),
    )
    .await?;
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
    let people = crate::names::participants(&ctx, &round.id).await?;
    let on = |pid: &str, side: &str| people.iter().any(|p| p.id == pid && p.side == side);
    if !on(&f.a, "a") || !on(&f.b, "b") {
        let personal = round
            .programme()
            .is_some_and(spona_domain::matching::Programme::is_personal);
        return Err(AppError::BadRequest(if personal {
            "err-unknown-participant-person"
        } else {
            "err-unknown-participant"
        }));
    }
    let kind = match f.kind.as_str() {
        "pin" => Some("pin"),
        "forbid" => Some("forbid"),
        "clear" => None,
        _ => return Err(AppError::BadRequest("err-unknown-choice")),
    };
    let user = ctx.require_user()?.id().to_owned();
    matching::set_constraint(&ctx.state.db, &round.id, &f.a, &f.b, kind, &user).await?;
    ctx.audit(
        "matching.constraint",
        "round",
        &round.id,
        format!("{}:{}-{}", f.kind, f.a, f.b),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

async fn publish(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let round = coordinated_round(&ctx, &id).await?;
    let proposals = matching::proposals(&ctx.state.db, &round.id).await?;
    if round.status != "proposed" || proposals.is_empty() {
        return Err(AppError::BadRequest("err-nothing-to-publish"));
    }
    matching::set_status(&ctx.state.db, &round.id, "published").await?;
    ctx.audit("matching.published", "round", &round.id, String::new())
        .await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    crate::notify::proposals_published(&ctx.state, &round, &proposals, &people).await;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// Whether the reader speaks for this participant: an admin of its organisation, or the
/// person themself. Only they answer proposals.
pub fn speaks_for(ctx: &Ctx, p: &Participant) -> bool {
    let Some(user) = ctx.user.as_ref() else {
        return false;
    };
    match (&p.org_id, &p.user_id) {
        (Some(org), _) => user
            .memberships
            .iter()
            .any(|m| &m.org_id == org && m.role() == spona_domain::role::OrgRole::Admin),
        (None, Some(person)) => person == user.id(),
        (None, None) => false,
    }
}

/// The side of a proposal the user speaks for, if any.
pub fn my_side(ctx: &Ctx, p: &Proposal, people: &[Participant]) -> Option<&'static str> {
    let speaks = |pid: &str| people.iter().any(|x| x.id == pid && speaks_for(ctx, x));
    if speaks(&p.a_id) {
        Some("a")
    } else if speaks(&p.b_id) {
        Some("b")
    } else {
        None
    }
}

/// Whether the reader belongs to this participant: a member (in any role) of its
/// organisation, or the person themself. Members see and write their pairs' history; only
/// those who speak for a participant answer proposals.
pub fn member_side(ctx: &Ctx, p: &Participant) -> bool {
    let Some(user) = ctx.user.as_ref() else {
        return false;
    };
    match (&p.org_id, &p.user_id) {
        (Some(org), _) => user.is_member_of(org),
        (None, Some(person)) => person == user.id(),
        (None, None) => false,
    }
}

async fn answer(
    ctx: Ctx,
    Path((id, proposal_id)): Path<(String, String)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.id().to_owned();
    let round = crate::names::round(&ctx, &id).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    let proposals = matching::proposals(&ctx.state.db, &round.id).await?;
    // Proposals are visible to their two sides only once published: anyone else gets 404.
    let proposal = proposals
        .into_iter()
        .find(|p| p.id == proposal_id)
        .ok_or(AppError::NotFound)?;
    let side = my_side(&ctx, &proposal, &people).ok_or(AppError::NotFound)?;
    if round.status != "published" {
        return Err(AppError::NotFound);
    }
    let accepted = match f.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("err-unknown-choice")),
    };
    let current = if side == "a" {
        &proposal.a_answer
    } else {
        &proposal.b_answer
    };
    if current != "pending" {
        return Err(AppError::BadRequest(if round.programme == "mentorship" {
            "err-already-answered-person"
        } else {
            "err-already-answered"
        }));
    }
    matching::answer(&ctx.state.db, &proposal, side, accepted, &user).await?;
    ctx.audit(
        if accepted {
            "matching.accepted"
        } else {
            "matching.declined"
        },
        "proposal",
        &proposal.id,
        format!("side={side}"),
    )
    .await?;
    if accepted {
        // The other side learns that this one said yes.
        let (mine, theirs) = if side == "a" {
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
                &crate::notify::Subject::participant(&ctx.state, me).await,
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
        let why: serde_json::Value = serde_json::from_str(&p.explanation).unwrap_or_default();
        let join = |k: &str| {
            why[k]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
        };
        let fields = [
            name(&p.a_id),
            name(&p.b_id),
            p.score.to_string(),
            p.a_answer.clone(),
            p.b_answer.clone(),
            join("a_gives"),
            join("b_gives"),
            join("languages"),
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
