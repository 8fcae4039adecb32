//! Mentorship rounds: people (not organisations) opt in personally, as a mentor (side A,
//! taking 1 to 5 mentees) or a mentee (side B, one mentor), from a country they state, which
//! must be one of their side's countries. The rest of a round — running, pins and bans,
//! publishing, answers, pair history — is shared with the organisation programmes.

use axum::response::Response;
use spona_app::matching::rounds;
use spona_domain::Invalid;
use spona_domain::matching::{MentorshipRole, Side};
use spona_domain::vocab::COUNTRIES;
use spona_store::matching::Round;

use super::round_page::{Choice, OptInForm, round_page};
use crate::http::forms::FormErrors;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

/// `POST /matching/{id}/opt-in` for a mentorship round.
pub(super) async fn opt_in(ctx: Ctx, round: Round, f: OptInForm) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    rounds::person_may_opt_in(&actor, &ctx.state.db, &round).await?;
    let role = MentorshipRole::parse(&f.role);
    let country = f.country.trim();
    let mut errors = Vec::new();
    let side = match role {
        Some(role) => Side::parse(role.side()),
        None => {
            errors.push(Invalid::new("role", "err-unknown-choice"));
            None
        }
    };
    if !COUNTRIES.contains(country) {
        errors.push(Invalid::new("country", "err-unknown-country"));
    } else if role.is_some() && round.side_of(country) != side {
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
    let side = side.ok_or(AppError::BadRequest("err-unknown-choice"))?;
    rounds::opt_in_person(&actor, &ctx.state.db, &round, country, side, &o).await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}
