//! Mentorship rounds: people (not organisations) opt in personally, as a mentor (side A,
//! taking 1 to 5 mentees) or a mentee (side B, one mentor), from a country they state, which
//! must be one of their side's countries. The rest of a round — running, pins and bans,
//! publishing, answers, pair history — is shared with the organisation programmes.

use axum::response::Response;
use spona_domain::Invalid;
use spona_domain::matching::MentorshipRole;
use spona_domain::vocab::COUNTRIES;
use spona_store::matching::{self, Participant, Round};
use spona_store::networks;

use super::rounds::{Choice, OptInForm, round_page};
use crate::http::forms::FormErrors;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

/// Whether the signed-in person may take part in a network's round: they belong to one of
/// its member organisations. Rounds for everyone are open to every signed-in person.
async fn in_network(ctx: &Ctx, round: &Round) -> Result<bool, AppError> {
    let Some(network) = &round.network_id else {
        return Ok(true);
    };
    let Some(user) = ctx.user.as_ref() else {
        return Ok(false);
    };
    Ok(networks::members(&ctx.state.db, network)
        .await?
        .iter()
        .any(|o| user.is_member_of(&o.id)))
}

/// Whether the reader may still opt in to this mentorship round.
pub async fn may_opt_in(
    ctx: &Ctx,
    round: &Round,
    participants: &[Participant],
) -> Result<bool, AppError> {
    let Some(user) = ctx.user.as_ref() else {
        return Ok(false);
    };
    if !round.is_open(spona_store::now())
        || participants
            .iter()
            .any(|p| p.user_id.as_deref() == Some(user.id()))
    {
        return Ok(false);
    }
    in_network(ctx, round).await
}

/// `POST /matching/{id}/opt-in` for a mentorship round.
pub(super) async fn opt_in(ctx: Ctx, round: Round, f: OptInForm) -> Result<Response, AppError> {
    let user_id = ctx.require_user()?.id().to_owned();
    if !round.is_open(spona_store::now()) {
        return Err(AppError::BadRequest("err-round-closed"));
    }
    if !in_network(&ctx, &round).await? {
        return Err(AppError::BadRequest("err-not-in-network"));
    }
    // One person, one side: a mentor cannot also be a mentee in the same round.
    let participants = crate::names::participants(&ctx, &round.id).await?;
    if participants
        .iter()
        .any(|p| p.user_id.as_deref() == Some(user_id.as_str()))
    {
        return Err(AppError::Conflict("err-person-already-in"));
    }
    let role = MentorshipRole::parse(&f.role);
    let country = f.country.trim();
    let mut errors = Vec::new();
    let side = match role {
        Some(role) => role.side(),
        None => {
            errors.push(Invalid::new("role", "err-unknown-choice"));
            ""
        }
    };
    if !COUNTRIES.contains(country) {
        errors.push(Invalid::new("country", "err-unknown-country"));
    } else if role.is_some() && round.side_of(country) != Some(side) {
        errors.push(Invalid::new("country", "err-country-not-on-side"));
    }
    let draft = f.draft();
    let checked = draft.validate_personal(role.unwrap_or(MentorshipRole::Mentee));
    let o = match checked {
        Ok(o) if errors.is_empty() => o,
        other => {
            if let Err(more) = other {
                errors.extend(more.into_iter().filter(|e| {
                    // Without a valid role, whether capacity fits it cannot be said.
                    role.is_some() || e.key != "err-mentee-capacity"
                }));
            }
            let errors = FormErrors::from_invalid(&ctx, &errors);
            let choice = Choice {
                capacity: f.capacity.clone(),
                role: f.role.clone(),
                country: country.to_owned(),
                ..Default::default()
            };
            return round_page(ctx, round, Some(draft), choice, errors).await;
        }
    };
    match matching::opt_in_person(&ctx.state.db, &round.id, &user_id, country, side, &o).await {
        Err(spona_store::StoreError::Conflict(_)) => {
            return Err(AppError::Conflict("err-person-already-in"));
        }
        other => other?,
    };
    ctx.audit(
        "matching.opted_in",
        "round",
        &round.id,
        format!("person side={side} capacity={}", o.capacity),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}
