//! Working groups in the JSON API, under the same rules as the pages: signed-in people see
//! groups and their members; threads only members of the group.

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use spona_app::groups;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/groups", list_groups)
        .get("/api/v1/groups/{id}", get_group)
}

#[derive(OpenApi)]
#[openapi(
    paths(list_groups, get_group),
    components(schemas(GroupJson, GroupDetailJson, MemberJson, ThreadJson, NameJson))
)]
struct GroupsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    GroupsDoc::openapi()
}

/// A working group.
#[derive(Serialize, ToSchema)]
struct GroupJson {
    id: String,
    name: String,
    description: String,
    /// The language of the name and description (a locale tag).
    lang: String,
    /// The slug of the network the group belongs to.
    network: Option<String>,
    /// `open`, `request` or `invitation`.
    join_policy: String,
    member_count: i64,
    /// The name and description in further languages (`name`, `description` and `lang`
    /// above are the text as first written).
    names: Vec<NameJson>,
}

/// A group's name and description in one more language.
#[derive(Serialize, ToSchema)]
struct NameJson {
    /// A locale tag: `en`, `sr-Latn`, `sr-Cyrl` or `uk`.
    lang: String,
    name: String,
    description: String,
}

/// A member with the organisations they belong to.
#[derive(Serialize, ToSchema)]
struct MemberJson {
    user_id: String,
    name: String,
    /// `coordinator` or `member`.
    role: String,
    /// Slugs of their organisations.
    orgs: Vec<String>,
    /// Countries of their organisations (ISO codes).
    countries: Vec<String>,
}

/// A thread with the reader's read state.
#[derive(Serialize, ToSchema)]
struct ThreadJson {
    id: String,
    title: String,
    author: String,
    posts: i64,
    /// Posts the reader has not read.
    unread: i64,
    hidden: bool,
    last_post_at: i64,
}

/// A group with its members and, for its members, its threads.
#[derive(Serialize, ToSchema)]
struct GroupDetailJson {
    group: GroupJson,
    /// The reader's role: `coordinator`, `member`, `requested`, or none.
    role: Option<String>,
    members: Vec<MemberJson>,
    /// Ids of linked hub resources.
    resources: Vec<String>,
    /// Empty for people outside the group.
    threads: Vec<ThreadJson>,
}

fn group_json(
    g: spona_store::groups::Group,
    names: &[spona_store::groups::NameVariant],
) -> GroupJson {
    GroupJson {
        names: names
            .iter()
            .map(|v| NameJson {
                lang: v.lang.clone(),
                name: v.name.clone(),
                description: v.description.clone(),
            })
            .collect(),
        id: g.id,
        name: g.name,
        description: g.description,
        lang: g.lang,
        network: g.network_slug,
        join_policy: g.join_policy,
        member_count: g.member_count,
    }
}

#[derive(Deserialize, IntoParams)]
struct ListParams {
    /// A network's slug: only its groups.
    network: Option<String>,
}

/// Every working group (signed-in people).
#[utoipa::path(get, path = "/api/v1/groups", params(ListParams),
    responses((status = 200, body = [GroupJson]), (status = 400, body = ErrorJson), (status = 401, body = ErrorJson)))]
async fn list_groups(ctx: Ctx, Query(q): Query<ListParams>) -> Result<Response, AppError> {
    let names = groups::names::all(&ctx.state.db).await?;
    let list: Vec<GroupJson> = groups::list(&ctx.actor(), &ctx.state.db, q.network.as_deref())
        .await?
        .into_iter()
        .map(|g| {
            let n = names.get(&g.id).map(Vec::as_slice).unwrap_or_default();
            group_json(g, n)
        })
        .collect();
    Ok(Json(list).into_response())
}

/// One working group.
#[utoipa::path(get, path = "/api/v1/groups/{id}", params(("id" = String, Path)),
    responses((status = 200, body = GroupDetailJson), (status = 401, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn get_group(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = groups::show(&ctx.actor(), &ctx.state.db, &id).await?;
    let coordinates = p.access.coordinates();
    let members = p
        .members
        .into_iter()
        .filter(|m| coordinates || m.role.takes_part())
        .map(|m| MemberJson {
            user_id: m.user_id,
            name: m.name,
            role: m.role.as_str().to_owned(),
            orgs: m.orgs.iter().map(|o| o.0.clone()).collect(),
            countries: m.orgs.iter().map(|o| o.2.clone()).collect(),
        })
        .collect();
    let mut resources: Vec<String> = p.resources.into_iter().map(|r| r.resource_id).collect();
    resources.dedup();
    let threads = p
        .threads
        .into_iter()
        .map(|t| ThreadJson {
            unread: t.post_count - t.seen,
            hidden: t.hidden_reason.is_some(),
            id: t.id,
            title: t.title,
            author: t.author_name,
            posts: t.post_count,
            last_post_at: t.last_post_at,
        })
        .collect();
    Ok(Json(GroupDetailJson {
        role: p.access.role.map(|r| r.as_str().to_owned()),
        group: group_json(
            p.access.group,
            &groups::names::of(&ctx.state.db, &id).await?,
        ),
        members,
        resources,
        threads,
    })
    .into_response())
}
