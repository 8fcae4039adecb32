//! Platform administration: the audit log and user accounts.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::accounts::admin;
use spona_store::audit::Entry;
use spona_store::users::User;

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
    let page_no = q.page.unwrap_or(1).clamp(1, 100_000);
    let (entries, has_next) =
        admin::audit_log(&ctx.actor(), &ctx.state.db, &action, page_no).await?;
    Ok(page(&AuditPage {
        entries,
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
    let users = admin::users(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&UsersPage { ctx, users }))
}

async fn disable(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    admin::disable(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(see_other(&ctx, "/admin/users"))
}

async fn enable(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    admin::enable(&ctx.actor(), &ctx.state.db, &id).await?;
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
    ctx.require_admin()?;
    admin::set_platform_role(&ctx.actor(), &ctx.state.db, &id, &f.role).await?;
    Ok(see_other(&ctx, "/admin/users"))
}
