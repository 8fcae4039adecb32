//! Newsletters in the JSON API (read-only): the list, one newsletter with its archive, and
//! an issue in every language it is written in — under the same rules as the pages (a
//! members-only newsletter does not exist for the public; unsent issues only for editors).

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::newsletters::{self, issues};
use spona_domain::newsletter::Variant;
use spona_store::newsletters::{Issue, Newsletter};
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/newsletters", list)
        .get("/api/v1/newsletters/{slug}", get_newsletter)
        .get("/api/v1/newsletters/{slug}/issues/{id}", get_issue)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_newsletter, get_issue),
    components(schemas(NewsletterJson, NewsletterPageJson, IssueJson, IssueVariantJson))
)]
struct NewslettersDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    NewslettersDoc::openapi()
}

/// A newsletter.
#[derive(Serialize, ToSchema)]
pub struct NewsletterJson {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `network` (or `group`).
    pub owner_kind: String,
    /// The owning network's slug.
    pub owner: String,
    /// `public` or `members`.
    pub audience: String,
    /// Whether the caller edits it.
    pub can_edit: bool,
}

/// A language variant of an issue (its body in Markdown).
#[derive(Serialize, ToSchema)]
pub struct IssueVariantJson {
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// An issue.
#[derive(Serialize, ToSchema)]
pub struct IssueJson {
    pub id: String,
    /// `draft`, `scheduled`, `sending` or `sent`.
    pub state: String,
    /// Unix seconds.
    pub send_at: Option<i64>,
    pub sent_at: Option<i64>,
    /// The title in the caller's language (see `variants` for all).
    pub title: String,
    pub variants: Vec<IssueVariantJson>,
}

/// A newsletter with its archive (and, for editors, unsent issues).
#[derive(Serialize, ToSchema)]
pub struct NewsletterPageJson {
    pub newsletter: NewsletterJson,
    pub archive: Vec<IssueJson>,
    pub unsent: Vec<IssueJson>,
}

fn newsletter_json(n: &Newsletter, owner: String, can_edit: bool) -> NewsletterJson {
    NewsletterJson {
        slug: n.slug.clone(),
        name: n.name.clone(),
        description: n.description.clone(),
        owner_kind: n.owner_kind.as_str().into(),
        owner,
        audience: n.audience.as_str().into(),
        can_edit,
    }
}

fn issue_json(ctx: &Ctx, i: &Issue, variants: &[Variant]) -> IssueJson {
    IssueJson {
        id: i.id.clone(),
        state: i.state.as_str().into(),
        send_at: i.send_at,
        sent_at: i.sent_at,
        title: issues::choose(ctx.locale, variants)
            .map(|v| v.title)
            .unwrap_or_default(),
        variants: variants
            .iter()
            .map(|v| IssueVariantJson {
                lang: v.lang.clone(),
                title: v.title.clone(),
                body: v.body.clone(),
            })
            .collect(),
    }
}

/// The newsletters the caller may read.
#[utoipa::path(get, path = "/api/v1/newsletters", responses((status = 200, body = [NewsletterJson])))]
async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let all: Vec<NewsletterJson> = newsletters::list(&ctx.actor(), &ctx.state.db, ctx.locale)
        .await?
        .into_iter()
        .map(|l| newsletter_json(&l.newsletter, l.owner_slug, l.can_edit))
        .collect();
    Ok(Json(all).into_response())
}

/// One newsletter with its archive.
#[utoipa::path(get, path = "/api/v1/newsletters/{slug}", params(("slug" = String, Path)),
    responses((status = 200, body = NewsletterPageJson), (status = 404, body = ErrorJson)))]
async fn get_newsletter(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let n = newsletters::readable(&actor, db, &slug).await?;
    let listed = newsletters::list(&actor, db, ctx.locale)
        .await?
        .into_iter()
        .find(|l| l.newsletter.id == n.id);
    let (owner, can_edit) = listed
        .map(|l| (l.owner_slug, l.can_edit))
        .unwrap_or_default();
    let (sent, unsent) = issues::archive(&actor, db, &n).await?;
    Ok(Json(NewsletterPageJson {
        newsletter: newsletter_json(&n, owner, can_edit),
        archive: sent.iter().map(|(i, v)| issue_json(&ctx, i, v)).collect(),
        unsent: unsent.iter().map(|(i, v)| issue_json(&ctx, i, v)).collect(),
    })
    .into_response())
}

/// One issue in every language it is written in.
#[utoipa::path(get, path = "/api/v1/newsletters/{slug}/issues/{id}",
    params(("slug" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = IssueJson), (status = 404, body = ErrorJson)))]
async fn get_issue(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let view = issues::read(&ctx.actor(), &ctx.state.db, &slug, &id).await?;
    Ok(Json(issue_json(&ctx, &view.issue, &view.variants)).into_response())
}
