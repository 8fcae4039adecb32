//! Networks: list, page, and membership managed by the coordinating organisation's admins.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_store::networks::{self, Network};
use spona_store::orgs;

use super::orgs::OrgView;
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

/// Whether the user coordinates the network: an admin of its coordinating organisation,
/// or a platform admin.
fn coordinates(ctx: &Ctx, n: &Network) -> bool {
    ctx.signed_in()
        && ctx
            .user
            .as_ref()
            .is_some_and(|u| u.can_manage_org(&n.coordinator_org_id))
}

async fn show(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let network = networks::get_by_slug(&ctx.state.db, &slug).await?;
    let members: Vec<OrgView> = networks::members(&ctx.state.db, &network.id)
        .await?
        .into_iter()
        .map(|o| OrgView::new(&ctx, o))
        .collect();
    let can_coordinate = coordinates(&ctx, &network);
    let candidates = if can_coordinate {
        orgs::all_names(&ctx.state.db)
            .await?
            .into_iter()
            .filter(|(id, _, _)| !members.iter().any(|m| &m.org.id == id))
            .map(|(_, slug, name)| (slug, name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(page(&NetworkPage {
        view: NetworkView::new(&ctx, network),
        members,
        can_coordinate,
        candidates,
        ctx,
    }))
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    org: String,
}

async fn coordinated(ctx: &Ctx, slug: &str) -> Result<Network, AppError> {
    ctx.require_user()?;
    let network = networks::get_by_slug(&ctx.state.db, slug).await?;
    if !coordinates(ctx, &network) {
        return Err(AppError::Forbidden);
    }
    Ok(network)
}

async fn add_member(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let network = coordinated(&ctx, &slug).await?;
    let org = orgs::get_by_slug(&ctx.state.db, &f.org)
        .await
        .map_err(|_| AppError::BadRequest("err-unknown-org"))?;
    networks::add_member(&ctx.state.db, &network.id, &org.id).await?;
    ctx.audit(
        "network.member_added",
        "organisation",
        &org.id,
        format!("network={}", network.id),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/networks/{}", network.slug)))
}

async fn remove_member(
    ctx: Ctx,
    Path((slug, org_slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let network = coordinated(&ctx, &slug).await?;
    let org = orgs::get_by_slug(&ctx.state.db, &org_slug).await?;
    if org.id == network.coordinator_org_id {
        return Err(AppError::BadRequest("err-coordinator-stays"));
    }
    networks::remove_member(&ctx.state.db, &network.id, &org.id).await?;
    ctx.audit(
        "network.member_removed",
        "organisation",
        &org.id,
        format!("network={}", network.id),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/networks/{}", network.slug)))
}
