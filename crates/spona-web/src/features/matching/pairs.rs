//! A pair's history after both sides accepted: its start, check-ins by either side, its end
//! with each side's short feedback. Only the two sides' members and the round's coordinators
//! see it (coordinators read only); anyone else gets 404.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::matching::{CheckInDraft, parse_note};
use spona_store::matching::{Participant, Round};
use spona_store::pairs::{self, CheckInRow, Pair};

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};
use spona_app::matching::{access, pairs as matching_pairs, proposals};

pub fn routes(r: Routes) -> Routes {
    r.get("/matching/{id}/pairs/{proposal}", show)
        .post_from(
            "/matching/{id}/pairs/{proposal}/check-ins",
            check_in,
            "/matching/{id}/pairs/{proposal}",
        )
        .post_from(
            "/matching/{id}/pairs/{proposal}/end",
            end,
            "/matching/{id}/pairs/{proposal}",
        )
        .post_from(
            "/matching/{id}/pairs/{proposal}/feedback",
            feedback,
            "/matching/{id}/pairs/{proposal}",
        )
}

/// A pair with what the reader may do with it.
struct Loaded {
    round: Round,
    pair: Pair,
    a: Participant,
    b: Participant,
    /// The side whose member the reader is, if any.
    side: Option<&'static str>,
}

/// The pair, if the reader is a member of one side or coordinates the round (404 otherwise,
/// so that outsiders cannot tell which pairs exist).
async fn load(ctx: &Ctx, id: &str, proposal: &str) -> Result<Loaded, AppError> {
    ctx.require_user()?;
    let db = &ctx.state.db;
    let round = crate::names::round(ctx, id).await?;
    let pair = pairs::pair(db, &round.id, proposal).await?;
    let people = crate::names::participants(ctx, &round.id).await?;
    let find = |pid: &str| people.iter().find(|p| p.id == pid).cloned();
    let (Some(a), Some(b)) = (find(&pair.a_id), find(&pair.b_id)) else {
        return Err(AppError::NotFound);
    };
    let actor = ctx.actor();
    let side = if access::member_side(&actor, &a) {
        Some("a")
    } else if access::member_side(&actor, &b) {
        Some("b")
    } else {
        None
    };
    if side.is_none() && !access::coordinates(&actor, db, &round).await? {
        return Err(AppError::NotFound);
    }
    Ok(Loaded {
        round,
        pair,
        a,
        b,
        side,
    })
}

/// The side the reader acts for; coordinators who are on neither side only read.
fn acting_side(l: &Loaded) -> Result<&'static str, AppError> {
    l.side.ok_or(AppError::Forbidden)
}

#[derive(Template)]
#[template(path = "matching/templates/matching_pair.html")]
struct PairPage {
    ctx: Ctx,
    round: Round,
    pair: Pair,
    a_name: String,
    b_name: String,
    side: Option<&'static str>,
    check_ins: Vec<CheckInRow>,
    date: String,
    note: String,
    /// Which form the errors belong to: `check-in`, `end` or `feedback`.
    form: &'static str,
    errors: FormErrors,
    /// What the other side shares now that both agreed (for the two sides only).
    partner_contacts: Option<super::proposal_view::Contacts>,
}

impl PairPage {
    fn side_name(&self, side: &str) -> &str {
        if side == "a" {
            &self.a_name
        } else {
            &self.b_name
        }
    }
    fn may_give_feedback(&self) -> bool {
        self.side
            .is_some_and(|s| !self.pair.is_active() && self.pair.feedback_of(s).is_none())
    }
    fn ended_by(&self) -> String {
        let side = self.pair.ended_by_side.as_deref().unwrap_or("a");
        self.ctx.ta(
            "pair-ended-by",
            &[("name", spona_i18n::Arg::Str(self.side_name(side)))],
        )
    }
}

async fn pair_page(
    ctx: Ctx,
    l: Loaded,
    form: &'static str,
    note: String,
    date: Option<String>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let check_ins = pairs::check_ins(&ctx.state.db, &l.pair.proposal_id).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let date = date.unwrap_or_else(|| {
        crate::http::view::format_date(spona_domain::Locale::En, spona_store::now())
    });
    let partner_contacts = match l.side {
        Some("a") => Some(proposals::contacts_of(&ctx.state.db, &l.b).await?.into()),
        Some(_) => Some(proposals::contacts_of(&ctx.state.db, &l.a).await?.into()),
        None => None,
    };
    Ok(render(
        status,
        &PairPage {
            ctx,
            a_name: l.a.name.clone(),
            b_name: l.b.name.clone(),
            round: l.round,
            pair: l.pair,
            side: l.side,
            check_ins,
            date,
            note,
            form,
            errors,
            partner_contacts,
        },
    ))
}

async fn show(
    ctx: Ctx,
    Path((id, proposal)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let l = load(&ctx, &id, &proposal).await?;
    pair_page(ctx, l, "", String::new(), None, FormErrors::new()).await
}

fn back(ctx: &Ctx, l: &Loaded) -> Response {
    see_other(
        ctx,
        &format!("/matching/{}/pairs/{}", l.round.id, l.pair.proposal_id),
    )
}

#[derive(Deserialize, Default)]
struct CheckInForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    once: String,
}

async fn check_in(
    ctx: Ctx,
    Path((id, proposal)): Path<(String, String)>,
    Form(f): Form<CheckInForm>,
) -> Result<Response, AppError> {
    let l = load(&ctx, &id, &proposal).await?;
    let side = acting_side(&l)?;
    if !l.pair.is_active() {
        return Err(AppError::BadRequest("err-pair-ended"));
    }
    let draft = CheckInDraft {
        date: f.date.clone(),
        note: f.note.clone(),
    };
    let c = match draft.validate(l.pair.started_at, spona_store::now()) {
        Ok(c) => c,
        Err(errs) => {
            let errors = FormErrors::from_invalid(&ctx, &errs);
            return pair_page(ctx, l, "check-in", f.note, Some(f.date), errors).await;
        }
    };
    let path = format!("/matching/{}/pairs/{}", l.round.id, l.pair.proposal_id);
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, &path)?;
    ctx.require_user()?;
    let added = matching_pairs::check_in(
        &ctx.actor(),
        &ctx.state.db,
        &l.pair.proposal_id,
        side,
        &c,
        Some(&once),
    )
    .await;
    match added {
        Err(spona_app::Error::Store(e)) => return crate::http::forms::replayed(e),
        other => other?,
    };
    // The other side's people learn of it (a pair's history belongs to all its members).
    let (me, other) = if side == "a" {
        (&l.a, &l.b)
    } else {
        (&l.b, &l.a)
    };
    crate::notify::participant(
        &ctx.state,
        other,
        true,
        crate::notify::Notice::CheckIn,
        &crate::notify::Subject::participant(&ctx.state.db, me).await,
        &path,
    )
    .await;
    Ok(back(&ctx, &l))
}

#[derive(Deserialize, Default)]
struct NoteForm {
    #[serde(default)]
    note: String,
}

async fn end(
    ctx: Ctx,
    Path((id, proposal)): Path<(String, String)>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    with_note(ctx, &id, &proposal, f, "end").await
}

async fn feedback(
    ctx: Ctx,
    Path((id, proposal)): Path<(String, String)>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    with_note(ctx, &id, &proposal, f, "feedback").await
}

/// Ending a pair and giving feedback: one side's note, checked, then the use case; an empty
/// or too long note shows the pair page again with the `form` open.
async fn with_note(
    ctx: Ctx,
    id: &str,
    proposal: &str,
    f: NoteForm,
    form: &'static str,
) -> Result<Response, AppError> {
    let l = load(&ctx, id, proposal).await?;
    let side = acting_side(&l)?;
    let note = match parse_note(&f.note) {
        Ok(n) => n,
        Err(e) => {
            let errors = FormErrors::from_invalid(&ctx, &[e]);
            return pair_page(ctx, l, form, f.note, None, errors).await;
        }
    };
    let (actor, db, pair) = (ctx.actor(), &ctx.state.db, &l.pair.proposal_id);
    if form == "end" {
        matching_pairs::end(&actor, db, pair, side, &note).await?;
    } else {
        matching_pairs::feedback(&actor, db, pair, side, &note).await?;
    }
    Ok(back(&ctx, &l))
}
