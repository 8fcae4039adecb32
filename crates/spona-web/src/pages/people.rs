//! An organisation's people: who belongs, invitations, roles. For the organisation's admins.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::org::is_email;
use spona_domain::role::OrgRole;
use spona_store::orgs::{self, Org};
use spona_store::tokens::{self, PendingInvite};
use spona_store::users::{self, Member};

use super::FormErrors;
use crate::routes::Routes;
use crate::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/orgs/{slug}/people", people)
        .post("/orgs/{slug}/invite", invite)
        .post("/orgs/{slug}/people/{user_id}/role", set_role)
        .post("/orgs/{slug}/people/{user_id}/remove", remove)
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    ctx: Ctx,
    org: Org,
    members: Vec<Member>,
    invites: Vec<PendingInvite>,
    errors: FormErrors,
    email: String,
    /// The link of an invitation just made, shown while no mail server is configured.
    invite_link: Option<String>,
}

/// The organisation, if the signed-in user administers it. Others get 403 (the
/// organisation itself is public, so its existence is no secret).
async fn managed(ctx: &Ctx, slug: &str) -> Result<Org, AppError> {
    let user = ctx.require_user()?;
    let org = orgs::get_by_slug(&ctx.state.db, slug).await?;
    if !user.can_manage_org(&org.id) {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

async fn people_page(
    ctx: Ctx,
    org: Org,
    errors: FormErrors,
    email: String,
    invite_link: Option<String>,
) -> Result<Response, AppError> {
    let members = users::members_of(&ctx.state.db, &org.id).await?;
    let invites = tokens::pending_invites(&ctx.state.db, &org.id).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &PeoplePage {
            ctx,
            org,
            members,
            invites,
            errors,
            email,
            invite_link,
        },
    ))
}

async fn people(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    people_page(ctx, org, FormErrors::new(), String::new(), None).await
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    once: String,
}

async fn invite(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    let actor = ctx.require_user()?.id().to_owned();
    let email = f.email.trim().to_lowercase();
    let mut errors = FormErrors::new();
    if !is_email(&email) {
        errors.add(&ctx, "email", "err-email");
    }
    let role = OrgRole::parse(&f.role);
    if role.is_none() {
        errors.add(&ctx, "role", "err-unknown-choice");
    }
    if let Some(existing) = users::find_by_email(&ctx.state.db, &email).await?
        && users::members_of(&ctx.state.db, &org.id)
            .await?
            .iter()
            .any(|m| m.user_id == existing.id)
    {
        errors.add(&ctx, "email", "err-already-member");
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return people_page(ctx, org, errors, f.email, None).await;
    };
    if let super::Once::Replay(answer) = super::begin_once(&ctx, &f.once).await? {
        return Ok(answer);
    }
    let token = tokens::create_invite(&ctx.state.db, &email, &org.id, role, &actor).await?;
    let link = format!(
        "{}{}",
        ctx.state.config.public_url,
        ctx.href(&format!("/invite/{token}"))
    );
    let body = ctx.ta(
        "mail-invite-body",
        &[
            ("org", spona_i18n::Arg::Str(&org.name)),
            ("link", spona_i18n::Arg::Str(&link)),
        ],
    );
    crate::mail::send(
        &ctx.state.config.outbox_dir,
        &email,
        &ctx.t("mail-invite-subject"),
        &body,
    )?;
    ctx.audit(
        "org.invited",
        "organisation",
        &org.id,
        format!("role={}", role.as_str()),
    )
    .await?;
    super::end_once(&ctx, &f.once, &format!("/orgs/{}/people", org.slug)).await?;
    people_page(ctx, org, FormErrors::new(), String::new(), Some(link)).await
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

/// Refuses changes that would leave the organisation without an admin.
async fn keeps_an_admin(ctx: &Ctx, org: &Org, user_id: &str) -> Result<(), AppError> {
    let members = users::members_of(&ctx.state.db, &org.id).await?;
    let target = members
        .iter()
        .find(|m| m.user_id == user_id)
        .ok_or(AppError::NotFound)?;
    if target.role == "admin" && users::admin_count(&ctx.state.db, &org.id).await? <= 1 {
        return Err(AppError::BadRequest("err-last-admin"));
    }
    Ok(())
}

async fn set_role(
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    let role = OrgRole::parse(&f.role).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    if role == OrgRole::Member {
        keeps_an_admin(&ctx, &org, &user_id).await?;
    } else if !users::members_of(&ctx.state.db, &org.id)
        .await?
        .iter()
        .any(|m| m.user_id == user_id)
    {
        return Err(AppError::NotFound);
    }
    users::set_membership(&ctx.state.db, &user_id, &org.id, role).await?;
    ctx.audit(
        "org.role_changed",
        "user",
        &user_id,
        format!("org={} role={}", org.id, role.as_str()),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/orgs/{}/people", org.slug)))
}

async fn remove(
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    keeps_an_admin(&ctx, &org, &user_id).await?;
    users::remove_membership(&ctx.state.db, &user_id, &org.id).await?;
    ctx.audit(
        "org.member_removed",
        "user",
        &user_id,
        format!("org={}", org.id),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/orgs/{}/people", org.slug)))
}
