//! A case's team: adding a person (the same answer for any address), leaving, removing, and
//! a platform admin's audited emergency access ("break glass"). Each change is a custody
//! entry in the case's log.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::vault::{CaseAccess, reason, team};
use spona_domain::vault::CaseRole;

use super::load_case;
use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/vault/cases/{id}/team", add_member, "/vault/cases/{id}")
        .post_from("/vault/cases/{id}/leave", leave, "/vault")
        .post_from(
            "/vault/cases/{id}/team/{user_id}/remove",
            remove_member,
            "/vault/cases/{id}",
        )
        .post_from(
            "/vault/cases/{id}/break-glass",
            break_glass,
            "/vault/cases/{id}",
        )
}

#[derive(Deserialize, Default)]
struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    reason: String,
}

/// How long adding a team member takes, whatever the address: the answer must not tell an
/// existing account from an unknown one.
const ADD_MEMBER_TIME: std::time::Duration = std::time::Duration::from_millis(400);

/// Adds a person to the team by address. The answer is the same redirect, after the same
/// time, for an existing account, an unknown address and a disabled account; the lookup and
/// the grant run in a task that the answer waits for up to [`ADD_MEMBER_TIME`]. Limited per
/// lead.
async fn add_member(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<MemberForm>,
) -> Result<Response, AppError> {
    let started = tokio::time::Instant::now();
    let access = load_case(&ctx, &id).await?;
    access.require_manage()?;
    let by = access.actor.clone();
    ctx.state.limits.vault_team(&by).await?;
    let role = CaseRole::parse(&f.role).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    let why = reason(&f.reason)?;
    let email = f.email.trim().to_owned();
    let state = ctx.state.clone();
    let (case, lead_role) = (access.case.clone(), access.role);
    let work = tokio::spawn(async move {
        let result: Result<(), spona_app::Error> = async {
            let access = CaseAccess {
                vault: state.vault.get()?,
                case,
                role: lead_role,
                actor: by,
            };
            team::grant_by_email(&state.db, &access, &email, role, &why).await
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = ?e, "adding a vault team member failed");
        }
    });
    let deadline = started + ADD_MEMBER_TIME;
    let _ = tokio::time::timeout_at(deadline, work).await;
    tokio::time::sleep_until(deadline).await;
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}

/// A team member leaves the case themself (the last lead cannot).
async fn leave(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    team::leave(&ctx.state.db, &access).await?;
    Ok(see_other(&ctx, "/vault"))
}

#[derive(Deserialize, Default)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn remove_member(
    ctx: Ctx,
    Path((id, user_id)): Path<(String, String)>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    team::remove(&ctx.state.db, &access, &user_id, &f.reason).await?;
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}

/// A platform admin joins a case as a reviewer in an emergency. It is never silent: the
/// reason is required and goes into the case's custody log, which the team reads, and into
/// the audit log. Anyone else gets 404, as for any case they are not on.
async fn break_glass(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let actor = super::actor(&ctx)?;
    team::break_glass(&actor, &ctx.state.db, &ctx.state.vault, &id, &f.reason).await?;
    let admin_id = actor.id().unwrap_or_default().to_owned();
    crate::notify::break_glass(&ctx.state, &id, &admin_id).await;
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}
