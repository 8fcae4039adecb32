//! Networks: list, page, and membership managed by the coordinating organisation's admins.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::directory::networks;
use spona_store::networks::Network;

use super::view::OrgView;
use crate::http::options::network_name;
use crate::http::routes::Routes;
use crate::http::view::{Shown, page, pick, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/networks", list)
        .get("/networks/{slug}", show)
        .post_from("/networks/{slug}/members", add_member, "/networks/{slug}")
        .post_from(
            "/networks/{slug}/members/{org_slug}/remove",
            remove_member,
            "/networks/{slug}",
        )
}

pub struct NetworkView {
    pub network: Network,
    pub name: String,
    pub description: Option<Shown>,
}

impl NetworkView {
    fn new(ctx: &Ctx, network: Network) -> Self {
        NetworkView {
            name: network_name(ctx, &network),
            description: pick(ctx.locale, &network.texts, |t| t.description.as_ref()),
            network,
        }
    }
}

#[derive(Template)]
#[template(path = "directory/templates/networks.html")]
struct ListPage {
    ctx: Ctx,
    networks: Vec<NetworkView>,
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let networks = networks::list(&ctx.state.db)
        .await?
        .into_iter()
        .map(|n| NetworkView::new(&ctx, n))
        .collect();
    Ok(page(&ListPage { ctx, networks }))
}

#[derive(Template)]
#[template(path = "directory/templates/network.html")]
struct NetworkPage {
    ctx: Ctx,
    view: NetworkView,
    members: Vec<OrgView>,
    can_coordinate: bool,
    /// Organisations that could be added: `(slug, name)`.
    candidates: Vec<(String, String)>,
}

async fn show(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let detail = networks::show(&actor, &ctx.state.db, &slug).await?;
    let members = detail
        .members
        .into_iter()
        .map(|o| OrgView::new(&ctx, &actor, o))
        .collect();
    Ok(page(&NetworkPage {
        view: NetworkView::new(&ctx, detail.network),
        members,
        can_coordinate: detail.can_coordinate,
        candidates: detail.candidates,
        ctx,
    }))
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    org: String,
}

async fn add_member(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let network = networks::add_member(&ctx.actor(), &ctx.state.db, &slug, &f.org).await?;
    Ok(see_other(&ctx, &format!("/networks/{}", network.slug)))
}

async fn remove_member(
    ctx: Ctx,
    Path((slug, org_slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let network = networks::remove_member(&ctx.actor(), &ctx.state.db, &slug, &org_slug).await?;
    Ok(see_other(&ctx, &format!("/networks/{}", network.slug)))
}
