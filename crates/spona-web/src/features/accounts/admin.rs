//! Platform administration: the audit log and user accounts.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::role::PlatformRole;
use spona_store::audit::{self, Entry};
use spona_store::sessions;
use spona_store::users::{self, User};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/audit", audit_log)
        .get("/admin/users", user_list)
        .post_from("/admin/users/{id}/disable", disable, "/admin/users")
        .post_from("/admin/users/{id}/enable", enable, "/admin/users")
        .post_from("/admin/users/{id}/role", set_role, "/admin/users")
}

const AUDIT_PAGE: i64 = 50;

#[derive(Deserialize)]
struct AuditQuery {
    #[serde(default)]
    action: String,
    page: Option<u32>,
}

#[derive(Template)]
#[template(path = "accounts/templates/admin_audit.html")]
struct AuditPage {
    ctx: Ctx,
    entries: Vec<Entry>,
    action: String,
    page: u32,
    has_next: bool,
}

async fn audit_log(ctx: Ctx, Query(q): Query<AuditQuery>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let action = q.action.trim().to_owned();
    if action.len() > 64
        || !action
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
    {
        return Err(AppError::BadRequest("err-bad-form"));
    }
    let filter = (!action.is_empty()).then_some(action.as_str());
    let page_no = q.page.unwrap_or(1).clamp(1, 100_000);
    let offset = i64::from(page_no - 1) * AUDIT_PAGE;
    let entries = audit::list(&ctx.state.db, filter, AUDIT_PAGE + 1, offset).await?;
    let has_next = entries.len() as i64 > AUDIT_PAGE;
    Ok(page(&AuditPage {
        entries: entries.into_iter().take(AUDIT_PAGE as usize).collect(),
        action,
        page: page_no,
        has_next,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "accounts/templates/admin_users.html")]
struct UsersPage {
    ctx: Ctx,
    users: Vec<User>,
}

async fn user_list(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let users = users::list(&ctx.state.db).await?;
    Ok(page(&UsersPage { ctx, users }))
}

async fn disable(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let admin = ctx.require_admin()?;
    if admin.id() == id {
        return Err(AppError::BadRequest("err-not-yourself"));
    }
    let user = users::get(&ctx.state.db, &id).await?;
    users::set_disabled(&ctx.state.db, &id, true).await?;
    sessions::revoke_all_access(&ctx.state.db, &id, &user.email).await?;
    ctx.audit("user.disabled", "user", &id, String::new())
        .await?;
    Ok(see_other(&ctx, "/admin/users"))
}

async fn enable(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    users::set_disabled(&ctx.state.db, &id, false).await?;
    ctx.audit("user.enabled", "user", &id, String::new())
        .await?;
    Ok(see_other(&ctx, "/admin/users"))
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn set_role(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    let admin = ctx.require_admin()?;
    if admin.id() == id {
        return Err(AppError::BadRequest("err-not-yourself"));
    }
    let role = PlatformRole::parse(&f.role).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    users::set_platform_role(&ctx.state.db, &id, role).await?;
    sessions::delete_all_for_user(&ctx.state.db, &id).await?;
    ctx.audit(
        "user.role_changed",
        "user",
        &id,
        format!("role={}", role.as_str()),
    )
    .await?;
    Ok(see_other(&ctx, "/admin/users"))
}
