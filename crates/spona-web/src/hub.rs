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

use crate::http::context::CurrentUser;
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
/// writers never commit an older state over a newer one. When it reaches the database's
/// latest change, an index being rebuilt is complete again.
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
    if let Some(reason) = state.search.rebuilding() {
        state.search.mark_complete();
        tracing::warn!(resources = done, was = %reason, "search index rebuilt");
    }
    Ok(done)
}

/// Brings the index up to date after a write the database has committed. The write stands
/// whatever the index does: a failure is logged and [`repair`] retries in the background
/// (the saved resource is found once the index has caught up).
pub async fn after_write(state: &AppState) {
    if let Err(e) = catch_up(state).await {
        tracing::error!(error = %e, "search index did not take a saved change; repairing");
        repair(state);
    }
}

/// Starts (once) a background task that catches the index up until it succeeds: every
/// two seconds while the disk is full; after repeated failures of another kind the index
/// is taken as damaged, moved aside and rebuilt from the database.
pub fn repair(state: &AppState) {
    if !state.search.begin_repair() {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let mut failures = 0u32;
        loop {
            match catch_up(&state).await {
                Ok(n) => {
                    tracing::info!(resources = n, "search index repaired");
                    break;
                }
                Err(e) => {
                    failures += 1;
                    let text = e.to_string();
                    tracing::error!(error = %text, failures, "search index repair failed");
                    let full = text.contains("No space left") || text.contains("storage full");
                    if failures >= 2 && !full {
                        let _guard = state.index_lock.lock().await;
                        if let Err(e) = state.search.replace_damaged(&text) {
                            tracing::error!(error = %e, "could not move the damaged search index aside");
                        } else {
                            tracing::warn!(
                                "search index moved aside; rebuilding from the database"
                            );
                        }
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                }
            }
        }
        state.search.end_repair();
    });
}

/// Searches the index off the async threads. While the index is being rebuilt (or when it
/// just failed and is being replaced) the answer is 503 with the reason, and a repair runs.
pub async fn search(
    state: &AppState,
    q: spona_search::SearchQuery,
) -> Result<spona_search::SearchResults, AppError> {
    let index = state.clone();
    let result = tokio::task::spawn_blocking(move || index.search.search(&q))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    match result {
        Ok(r) => Ok(r),
        Err(e) => {
            tracing::warn!(reason = %e, "search unavailable");
            repair(state);
            Err(AppError::Unavailable("err-search-rebuilding"))
        }
    }
}

/// Empties the index and builds it again from the database (`spona reindex`): every
/// resource is indexed again, from change number 0.
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
    let mut r = resources::get(&ctx.state.db, id).await?;
    if !can_read(ctx, &r).await? {
        return Err(AppError::NotFound);
    }
    r.owner_name = crate::names::OrgNames::load(ctx)
        .await?
        .of(&r.owner_org_id, &r.owner_name);
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
