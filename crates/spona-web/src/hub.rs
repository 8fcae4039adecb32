//! The resource hub's rules shared by its pages and API: who may read and edit a resource,
//! and how the search index follows the database.
//!
//! The index is derived data. Each change to a resource takes a new `meta.resource_seq`
//! number in its transaction; [`catch_up`] indexes every resource changed after the number
//! the index last committed, so an index that missed updates (a crash between the database
//! commit and the index write) is brought up to date on the next start or the next write.

use spona_domain::resource::{ContentLang, Visibility};
use spona_search::{Lang, Reader, ResourceDoc, SearchIndex, VariantDoc};
use spona_store::resources::{self, Resource};

use crate::context::CurrentUser;
use crate::{AppError, AppState, Ctx, markdown};

pub fn lang_of(l: ContentLang) -> Lang {
    match l {
        ContentLang::En => Lang::En,
        ContentLang::Sr => Lang::Sr,
        ContentLang::Uk => Lang::Uk,
    }
}

pub fn content_lang(l: Lang) -> ContentLang {
    match l {
        Lang::En => ContentLang::En,
        Lang::Sr => ContentLang::Sr,
        Lang::Uk => ContentLang::Uk,
    }
}

/// What the search index holds of a resource.
pub fn doc(r: &Resource) -> ResourceDoc {
    ResourceDoc {
        id: r.id.clone(),
        kind: r.kind.clone(),
        themes: r.themes.clone(),
        countries: r.countries.clone(),
        owner_org: r.owner_slug.clone(),
        visibility: match r.visibility {
            Visibility::Public => spona_search::Visibility::Public,
            Visibility::Members => spona_search::Visibility::Members,
            Visibility::Networks => spona_search::Visibility::Networks(
                r.networks.iter().map(|n| n.slug.clone()).collect(),
            ),
        },
        updated_at: r.updated_at,
        variants: r
            .variants
            .iter()
            .map(|v| VariantDoc {
                lang: lang_of(v.lang()),
                title: v.title.clone(),
                summary: v.summary.clone(),
                body: markdown::to_text(&v.body),
                attachments_text: r
                    .attachments
                    .iter()
                    .filter(|a| a.lang == v.lang)
                    .map(|a| format!("{}\n{}", a.filename, a.extracted))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect(),
    }
}

/// Indexes every resource changed since the index's last commit. Serialised, so two
/// writers never commit an older state over a newer one.
pub async fn catch_up(state: &AppState) -> Result<usize, AppError> {
    let _guard = state.index_lock.lock().await;
    let mut done = 0;
    loop {
        let from = state.search.indexed_seq();
        let batch = resources::changed_since(&state.db, from, 500).await?;
        let Some(last) = batch.last().map(|r| r.seq) else {
            break;
        };
        let index: &SearchIndex = &state.search;
        for r in &batch {
            index.upsert(&doc(r)).map_err(internal)?;
        }
        index.commit(last).map_err(internal)?;
        done += batch.len();
    }
    Ok(done)
}

/// Empties the index and builds it again from the database.
pub async fn rebuild(state: &AppState) -> Result<usize, AppError> {
    {
        let _guard = state.index_lock.lock().await;
        state.search.clear().map_err(internal)?;
    }
    catch_up(state).await
}

fn internal(e: spona_search::SearchError) -> AppError {
    AppError::Internal(anyhow::anyhow!("search index: {e}"))
}

/// Who is reading, as the search index filters it.
pub async fn reader(ctx: &Ctx) -> Result<Reader, AppError> {
    let Some(user) = ctx.user.as_ref().filter(|_| ctx.signed_in()) else {
        return Ok(Reader::Anonymous);
    };
    if user.is_admin() {
        return Ok(Reader::Admin);
    }
    let org_ids: Vec<String> = user.memberships.iter().map(|m| m.org_id.clone()).collect();
    Ok(Reader::Member {
        orgs: user
            .memberships
            .iter()
            .map(|m| m.org_slug.clone())
            .collect(),
        networks: resources::networks_of(&ctx.state.db, &org_ids).await?,
    })
}

/// Whether the reader may see this resource at all. Those who may not get a 404.
pub async fn can_read(ctx: &Ctx, r: &Resource) -> Result<bool, AppError> {
    if r.visibility == Visibility::Public {
        return Ok(true);
    }
    let Some(user) = ctx.user.as_ref().filter(|_| ctx.signed_in()) else {
        return Ok(false);
    };
    if user.is_admin() || user.is_member_of(&r.owner_org_id) {
        return Ok(true);
    }
    match r.visibility {
        Visibility::Members | Visibility::Public => Ok(true),
        Visibility::Networks => {
            let org_ids: Vec<String> = user.memberships.iter().map(|m| m.org_id.clone()).collect();
            let mine = resources::networks_of(&ctx.state.db, &org_ids).await?;
            Ok(r.networks.iter().any(|n| mine.contains(&n.slug)))
        }
    }
}

/// Editors: members of the owning organisation, and platform admins.
pub fn can_edit(user: Option<&CurrentUser>, r: &Resource) -> bool {
    user.is_some_and(|u| u.is_admin() || u.is_member_of(&r.owner_org_id))
}

/// Loads a resource the reader may see, or 404.
pub async fn load_readable(ctx: &Ctx, id: &str) -> Result<Resource, AppError> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(AppError::NotFound);
    }
    let r = resources::get(&ctx.state.db, id).await?;
    if !can_read(ctx, &r).await? {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

/// Loads a resource the user may edit: 404 if they may not see it, 403 if they may only read.
pub async fn load_editable(ctx: &Ctx, id: &str) -> Result<Resource, AppError> {
    ctx.require_user()?;
    let r = load_readable(ctx, id).await?;
    let user = ctx.user.as_deref().filter(|_| ctx.signed_in());
    if !can_edit(user, &r) {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}
