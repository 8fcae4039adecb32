//! A case's team: adding a person (the same answer for any address), leaving, removing, and
//! a platform admin's audited emergency access ("break glass"). Each change is a custody
//! entry in the case's log.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::vault::CaseRole;
use spona_store::vault as records;

use super::cases::{load_case, reason};
use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::vault::entry;
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
    if !access.role.can_manage() {
        return Err(AppError::Forbidden);
    }
    let by = ctx.require_user()?.id().to_owned();
    ctx.state.limits.vault_team(&by)?;
    let role = CaseRole::parse(&f.role).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    let why = reason(&ctx, &f.reason)?;
    let email = f.email.trim().to_owned();
    let task_ctx = ctx.clone();
    let case_id = id.clone();
    let work = tokio::spawn(async move {
        let ctx = task_ctx;
        let result: Result<(), AppError> = async {
            let Some(user) = spona_store::users::find_by_email(&ctx.state.db, &email)
                .await?
                .filter(|u| !u.disabled)
            else {
                return Ok(());
            };
            let vault = ctx.state.vault.get()?;
            records::set_member(
                &ctx.state.db,
                &case_id,
                &user.id,
                role.as_str(),
                &by,
                entry(
                    &ctx,
                    &case_id,
                    "grant",
                    &spona_vault::facts::granted(&user.id, role.as_str(), "", &why),
                    None,
                ),
                vault,
            )
            .await?;
            // The audit log says that the vault was used, never which case or what.
            ctx.audit("vault.access_granted", "vault", "", String::new())
                .await
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
    let me = ctx.require_user()?.id().to_owned();
    let members = records::members(&ctx.state.db, &id).await?;
    let leads = members.iter().filter(|m| m.role == "lead").count();
    if access.role == CaseRole::Lead && leads <= 1 {
        return Err(AppError::BadRequest("err-vault-last-lead"));
    }
    records::remove_member(
        &ctx.state.db,
        &id,
        &me,
        entry(
            &ctx,
            &id,
            "revoke",
            &spona_vault::facts::revoked(&me, "left the case"),
            None,
        ),
        access.vault,
    )
    .await?;
    ctx.audit("vault.left", "vault", "", String::new()).await?;
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
    if !access.role.can_manage() {
        return Err(AppError::Forbidden);
    }
    let members = records::members(&ctx.state.db, &id).await?;
    let target = members
        .iter()
        .find(|m| m.user_id == user_id)
        .ok_or(AppError::NotFound)?;
    let leads = members.iter().filter(|m| m.role == "lead").count();
    if target.role == "lead" && leads <= 1 {
        return Err(AppError::Conflict("err-vault-last-lead"));
    }
    let why = reason(&ctx, &f.reason)?;
    let sign = access.vault;
    records::remove_member(
        &ctx.state.db,
        &id,
        &user_id,
        entry(
            &ctx,
            &id,
            "revoke",
            &spona_vault::facts::revoked(&user_id, &why),
            None,
        ),
        sign,
    )
    .await?;
    // The audit log says that the vault was used, never which case or what.
    ctx.audit("vault.access_revoked", "vault", "", String::new())
        .await?;
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
    let user = ctx.require_user()?;
    if !user.is_admin() || uuid::Uuid::parse_str(&id).is_err() {
        return Err(AppError::NotFound);
    }
    let vault = ctx.state.vault.get()?;
    records::case(&ctx.state.db, &id).await?;
    let why = reason(&ctx, &f.reason)?;
    if why.chars().count() < 10 {
        return Err(AppError::BadRequest("err-vault-reason-required"));
    }
    let admin_id = user.id().to_owned();
    let sign = vault;
    records::set_member(
        &ctx.state.db,
        &id,
        &admin_id,
        "reviewer",
        &admin_id,
        entry(
            &ctx,
            &id,
            "grant",
            &spona_vault::facts::granted(
                &admin_id,
                "reviewer",
                " (a platform admin's emergency access)",
                &why,
            ),
            None,
        ),
        sign,
    )
    .await?;
    // The audit log says that the vault was used, never which case or what.
    ctx.audit("vault.emergency_access", "vault", "", String::new())
        .await?;
    crate::notify::break_glass(&ctx.state, &id, &admin_id).await;
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}
