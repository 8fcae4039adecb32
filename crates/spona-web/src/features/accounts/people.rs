//! An organisation's people: who belongs, invitations, roles. For the organisation's admins.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::accounts::{invitations, people};
use spona_store::orgs::{self, Org};
use spona_store::tokens::PendingInvite;
use spona_store::users::Member;

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/orgs/{slug}/people", people)
        // The invitation form's errors are shown at its own address, which answers GET too
        // (a reload or a language switch shows the people page).
        .get("/orgs/{slug}/invite", people)
        .post("/orgs/{slug}/invite", invite)
        .post_from(
            "/orgs/{slug}/invites/link",
            issue_link,
            "/orgs/{slug}/people",
        )
        .get("/orgs/{slug}/invites/link/{view}", show_link)
        .post_from(
            "/orgs/{slug}/people/{user_id}/role",
            set_role,
            "/orgs/{slug}/people",
        )
        .post_from(
            "/orgs/{slug}/people/{user_id}/remove",
            remove,
            "/orgs/{slug}/people",
        )
}

#[derive(Template)]
#[template(path = "accounts/templates/people.html")]
struct PeoplePage {
    ctx: Ctx,
    org: Org,
    members: Vec<Member>,
    invites: Vec<PendingInvite>,
    errors: FormErrors,
    email: String,
    notice: Option<String>,
    /// Whether outgoing mail reaches people (today: never, mail waits in the outbox).
    mail_configured: bool,
}

/// The organisation, if the signed-in user administers it. Others get 403 (the
/// organisation itself is public, so its existence is no secret).
async fn managed(ctx: &Ctx, slug: &str) -> Result<Org, AppError> {
    ctx.require_user()?;
    Ok(people::managed_org(&ctx.actor(), &ctx.state.db, slug).await?)
}

async fn people_page(
    ctx: Ctx,
    org: Org,
    errors: FormErrors,
    email: String,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let mut org = org;
    org.name = crate::names::org_name(ctx.locale, &org).text;
    let (members, invites) = people::list(&ctx.actor(), &ctx.state.db, &org.id).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &PeoplePage {
            org,
            members,
            invites,
            errors,
            email,
            notice,
            mail_configured: crate::mail::configured(&ctx.state.config),
            ctx,
        },
    ))
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn people(
    ctx: Ctx,
    Path(slug): Path<String>,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    let notice = match q.done.as_deref() {
        Some("invited") => Some(ctx.t("people-invite-sent")),
        _ => None,
    };
    people_page(ctx, org, FormErrors::new(), String::new(), notice).await
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
    let actor = ctx.actor();
    let new =
        match invitations::check_invite(&actor, &ctx.state.db, &org.id, &f.email, &f.role).await {
            Ok(new) => new,
            Err(spona_app::Error::Invalid(problems)) => {
                let errors = FormErrors::from_invalid(&ctx, &problems);
                return people_page(ctx, org, errors, f.email, None).await;
            }
            Err(e) => return Err(e.into()),
        };
    let done = format!("/orgs/{}/people?done=invited", org.slug);
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, &done)?;
    // The link goes to the invited address only, never to the page of the inviting admin
    // (who could otherwise accept it themself and own an account in another's name).
    let mail = |token: &str| {
        let link = format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/invite/{token}"))
        );
        spona_app::mail::Mail {
            to: new.email.clone(),
            subject: ctx.t("mail-invite-subject"),
            text: ctx.ta(
                "mail-invite-body",
                &[
                    ("org", spona_i18n::Arg::Str(&org.name)),
                    ("link", spona_i18n::Arg::Str(&link)),
                ],
            ),
            list: None,
            thread: None,
        }
    };
    if let Err(e) = invitations::invite(&actor, &ctx.state.db, &org.id, &new, &once, mail).await {
        return super::replayed(e);
    }
    Ok(see_other(&ctx, &done))
}

/// A one-time invitation link a platform admin made, kept (in memory, for
/// [`HANDED_LINK_SECONDS`]) to be shown to that admin alone at its own address, so that
/// reloading or switching language shows it again.
#[derive(Debug, Clone)]
pub struct HandedLink {
    admin_id: String,
    org_id: String,
    email: String,
    token: String,
    until: i64,
}

/// How long a handed-out link stays visible to the admin who made it.
const HANDED_LINK_SECONDS: i64 = 15 * 60;

#[derive(Deserialize)]
struct LinkForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// A platform admin makes a one-time invitation link to hand over by other means (while
/// no mail server is configured, or when mail does not arrive); recorded in the audit log.
/// Using it does not prove the address.
async fn issue_link(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<LinkForm>,
) -> Result<Response, AppError> {
    let admin = ctx.require_admin()?.id().to_owned();
    let org = orgs::get_by_slug(&ctx.state.db, &slug).await?;
    let (token, email) =
        invitations::issue_link(&ctx.actor(), &ctx.state.db, &org.id, &f.email, &f.role).await?;
    let view = spona_store::new_token();
    let now = spona_store::now();
    if let Ok(mut links) = ctx.state.handed_links.lock() {
        links.retain(|_, l| l.until > now);
        links.insert(
            view.clone(),
            HandedLink {
                admin_id: admin,
                org_id: org.id.to_string(),
                email,
                token,
                until: now + HANDED_LINK_SECONDS,
            },
        );
    }
    Ok(see_other(
        &ctx,
        &format!("/orgs/{}/invites/link/{view}", org.slug),
    ))
}

#[derive(Template)]
#[template(path = "accounts/templates/invite_link.html")]
struct LinkPage {
    ctx: Ctx,
    org: Org,
    email: String,
    link: String,
}

async fn show_link(
    ctx: Ctx,
    Path((slug, view)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let admin = ctx.require_admin()?.id().to_owned();
    let mut org = orgs::get_by_slug(&ctx.state.db, &slug).await?;
    org.name = crate::names::org_name(ctx.locale, &org).text;
    let now = spona_store::now();
    let found = ctx
        .state
        .handed_links
        .lock()
        .ok()
        .and_then(|links| links.get(&view).cloned())
        .filter(|l| l.admin_id == admin && l.org_id == org.id && l.until > now)
        .ok_or(AppError::NotFound)?;
    let link = format!(
        "{}{}",
        ctx.state.config.public_url,
        ctx.href(&format!("/invite/{}", found.token))
    );
    Ok(render(
        StatusCode::OK,
        &LinkPage {
            ctx,
            org,
            email: found.email,
            link,
        },
    ))
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn set_role(
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    people::change_role(&ctx.actor(), &ctx.state.db, &org.id, &user_id, &f.role).await?;
    Ok(see_other(&ctx, &format!("/orgs/{}/people", org.slug)))
}

async fn remove(
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let org = managed(&ctx, &slug).await?;
    people::remove(&ctx.actor(), &ctx.state.db, &org.id, &user_id).await?;
    Ok(see_other(&ctx, &format!("/orgs/{}/people", org.slug)))
}
