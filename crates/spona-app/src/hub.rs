//! The resource hub's rules shared by its pages, its API and the command line: who may read
//! and edit a resource, and how the search index follows the database.
//!
//! The index is derived data. Each change to a resource takes a new `meta.resource_seq`
//! number in its transaction; [`catch_up`] indexes every resource changed after the number
//! the index last committed, so an index that missed updates (a crash between the database
//! commit and the index write) is brought up to date on the next start or the next write.

use std::sync::Arc;

use spona_domain::resource::{ContentLang, Visibility};
use spona_search::{
    Lang, Reader, ResourceDoc, SearchIndex, SearchQuery, SearchResults, VariantDoc,
};
use spona_store::Db;
use spona_store::resources::{self, Resource};

use crate::{Actor, Error, Result, markdown};

/// The search index with the lock that serialises bringing it up to date. Cheap to clone
/// (the background repair keeps one); reads as the [`SearchIndex`] itself.
#[derive(Clone)]
pub struct Index(Arc<Inner>);

struct Inner {
    search: SearchIndex,
    lock: tokio::sync::Mutex<()>,
}

impl Index {
    pub fn new(search: SearchIndex) -> Self {
        Index(Arc::new(Inner {
            search,
            lock: tokio::sync::Mutex::new(()),
        }))
    }

    /// Opens the index kept in `dir` (in memory when `None`).
    pub fn open(dir: Option<&std::path::Path>) -> Result<Self> {
        match dir {
            Some(dir) => SearchIndex::open(dir),
            None => SearchIndex::open_in_ram(),
        }
        .map(Self::new)
        .map_err(internal)
    }
}

impl std::ops::Deref for Index {
    type Target = SearchIndex;
    fn deref(&self) -> &SearchIndex {
        &self.0.search
    }
}

/// The search analysis a variant's language gets. Bosnian, Croatian and Montenegrin share
/// Serbian's (one inflection, the yat reflex folded); Albanian and Macedonian have their own.
/// A hit on a Bosnian, Croatian or Montenegrin variant is reported as Serbian, and its link
/// falls back through the reading table (`spona_domain::reading`).
pub fn lang_of(l: ContentLang) -> Lang {
    match l {
        ContentLang::En => Lang::En,
        ContentLang::Sq => Lang::Sq,
        ContentLang::Mk => Lang::Mk,
        ContentLang::Sr | ContentLang::Bs | ContentLang::Hr | ContentLang::Cnr => Lang::Sr,
        ContentLang::Uk => Lang::Uk,
    }
}

pub fn content_lang(l: Lang) -> ContentLang {
    match l {
        Lang::En => ContentLang::En,
        Lang::Sr => ContentLang::Sr,
        Lang::Uk => ContentLang::Uk,
        Lang::Sq => ContentLang::Sq,
        Lang::Mk => ContentLang::Mk,
    }
}

/// What the search index holds of a resource.
pub fn doc(r: &Resource) -> ResourceDoc {
    ResourceDoc {
        id: r.id.to_string(),
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
pub async fn catch_up(db: &Db, index: &Index) -> Result<usize> {
    let _guard = index.0.lock.lock().await;
    let mut done = 0;
    loop {
        let from = index.indexed_seq();
        let batch = resources::changed_since(db, from, 500).await?;
        let Some(last) = batch.last().map(|r| r.seq) else {
            break;
        };
        for r in &batch {
            index.upsert(&doc(r)).map_err(internal)?;
        }
        index.commit(last).map_err(internal)?;
        done += batch.len();
    }
    if let Some(reason) = index.rebuilding() {
        index.mark_complete();
        tracing::warn!(resources = done, was = %reason, "search index rebuilt");
    }
    Ok(done)
}

/// Brings the index up to date after a write the database has committed. The write stands
/// whatever the index does: a failure is logged and [`repair`] retries in the background
/// (the saved resource is found once the index has caught up).
pub async fn after_write(db: &Db, index: &Index) {
    if let Err(e) = catch_up(db, index).await {
        tracing::error!(error = %e, "search index did not take a saved change; repairing");
        repair(db, index);
    }
}

/// Starts (once) a background task that catches the index up until it succeeds: every
/// two seconds while the disk is full; after repeated failures of another kind the index
/// is taken as damaged, moved aside and rebuilt from the database.
pub fn repair(db: &Db, index: &Index) {
    if !index.begin_repair() {
        return;
    }
    let (db, index) = (db.clone(), index.clone());
    tokio::spawn(async move {
        let mut failures = 0u32;
        loop {
            match catch_up(&db, &index).await {
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
                        let _guard = index.0.lock.lock().await;
                        if let Err(e) = index.replace_damaged(&text) {
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
        index.end_repair();
    });
}

/// Searches the index off the async threads. While the index is being rebuilt (or when it
/// just failed and is being replaced) the answer is [`Error::Unavailable`] with the reason,
/// and a repair runs.
pub async fn search(db: &Db, index: &Index, q: SearchQuery) -> Result<SearchResults> {
    let signed_in = !matches!(q.reader, Reader::Anonymous);
    if let Err(e) = crate::hub_follow::fresh_for(db, index, signed_in).await {
        tracing::warn!(error = %e, "search index: could not check the latest change");
    }
    let searching = index.clone();
    let result = tokio::task::spawn_blocking(move || searching.search(&q))
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    match result {
        Ok(r) => Ok(r),
        Err(e) => {
            tracing::warn!(reason = %e, "search unavailable");
            repair(db, index);
            Err(Error::Unavailable("err-search-rebuilding"))
        }
    }
}

/// Empties the index and builds it again from the database (`spona reindex`): every
/// resource is indexed again, from change number 0.
pub async fn rebuild(db: &Db, index: &Index) -> Result<usize> {
    {
        let _guard = index.0.lock.lock().await;
        index.clear().map_err(internal)?;
    }
    catch_up(db, index).await
}

fn internal(e: spona_search::SearchError) -> Error {
    Error::Internal(anyhow::anyhow!("search index: {e}"))
}

fn org_ids(actor: &Actor) -> Vec<String> {
    actor
        .memberships()
        .iter()
        .map(|m| m.org_id.to_string())
        .collect()
}

/// Who is reading, as the search index filters it.
pub async fn reader(db: &Db, actor: &Actor) -> Result<Reader> {
    if !actor.is_signed_in() {
        return Ok(Reader::Anonymous);
    }
    if actor.is_admin() {
        return Ok(Reader::Admin);
    }
    Ok(Reader::Member {
        orgs: actor
            .memberships()
            .iter()
            .map(|m| m.org_slug.clone())
            .collect(),
        networks: resources::networks_of(db, &org_ids(actor)).await?,
    })
}

/// Whether the actor may see this resource at all. Those who may not get a 404.
pub async fn can_read(db: &Db, actor: &Actor, r: &Resource) -> Result<bool> {
    let mine = if r.visibility == Visibility::Networks && actor.is_signed_in() {
        resources::networks_of(db, &org_ids(actor)).await?
    } else {
        Vec::new()
    };
    let networks: Vec<&str> = r.networks.iter().map(|n| n.slug.as_str()).collect();
    Ok(readable(
        actor,
        &mine,
        r.visibility,
        &r.owner_org_id,
        &networks,
    ))
}

/// The networks (slugs) of the actor's organisations: what [`readable`] needs to know of
/// them, read once for many resources (the exports).
pub async fn actor_networks(db: &Db, actor: &Actor) -> Result<Vec<String>> {
    if !actor.is_signed_in() {
        return Ok(Vec::new());
    }
    Ok(resources::networks_of(db, &org_ids(actor)).await?)
}

/// The reading rule itself, without the database: a resource kept with `visibility` by
/// `owner` for the `networks` (slugs) it names, read by `actor` whose organisations belong
/// to `actor_networks`. Public: everyone; otherwise signed-in people only — platform admins
/// and the owner's members always, every member for `members`, members of a named network
/// for `networks`. [`can_read`] and the exports ask here.
pub fn readable(
    actor: &Actor,
    actor_networks: &[String],
    visibility: Visibility,
    owner: &str,
    networks: &[&str],
) -> bool {
    if visibility == Visibility::Public {
        return true;
    }
    if !actor.is_signed_in() {
        return false;
    }
    if actor.is_admin() || actor.is_member_of(owner) {
        return true;
    }
    match visibility {
        Visibility::Members | Visibility::Public => true,
        Visibility::Networks => networks
            .iter()
            .any(|n| actor_networks.iter().any(|m| m == n)),
    }
}

/// Editors: members of the owning organisation, and platform admins.
pub fn can_edit(actor: &Actor, r: &Resource) -> bool {
    actor.is_admin() || actor.is_member_of(&r.owner_org_id)
}

/// Who may start a resource: a platform admin, or a member of some organisation.
pub fn can_create(actor: &Actor) -> bool {
    actor.is_signed_in() && (actor.is_admin() || !actor.memberships().is_empty())
}

/// A resource the actor may see, or [`Error::NotFound`] (also for a malformed id).
pub async fn load_readable(db: &Db, actor: &Actor, id: &str) -> Result<Resource> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(Error::NotFound);
    }
    let r = resources::get(db, id).await?;
    if !can_read(db, actor, &r).await? {
        return Err(Error::NotFound);
    }
    Ok(r)
}

/// A resource the actor may edit: sign-in first, [`Error::NotFound`] if they may not see it,
/// [`Error::Forbidden`] if they may only read it.
pub async fn load_editable(db: &Db, actor: &Actor, id: &str) -> Result<Resource> {
    actor.require_user()?;
    let r = load_readable(db, actor, id).await?;
    if !can_edit(actor, &r) {
        return Err(Error::Forbidden);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_store::resources::NetworkRef;
    use spona_store::users::{Membership, User};

    fn user(admin: bool) -> User {
        User {
            id: "u1".into(),
            email: "a@example.org".into(),
            display_name: "A".into(),
            password_hash: String::new(),
            platform_role: if admin {
                spona_domain::role::PlatformRole::Admin
            } else {
                spona_domain::role::PlatformRole::User
            },
            totp_secret: None,
            totp_last_step: None,
            disabled: false,
            created_at: 0,
        }
    }

    fn member_of(org: &str) -> Membership {
        Membership {
            org_id: org.into(),
            org_slug: format!("{org}-slug"),
            org_name: org.into(),
            role: spona_domain::role::OrgRole::Member,
        }
    }

    fn resource(owner: &str, visibility: Visibility) -> Resource {
        Resource {
            id: "0190a000-0000-7000-8000-000000000001".into(),
            kind: "guide".into(),
            owner_org_id: owner.into(),
            owner_slug: format!("{owner}-slug"),
            owner_name: owner.into(),
            visibility,
            themes: vec![],
            countries: vec![],
            review_due: 0,
            created_at: 0,
            updated_at: 0,
            seq: 1,
            networks: vec![NetworkRef {
                id: "n1".into(),
                slug: "balkan".into(),
                name: "Balkan".into(),
            }],
            variants: vec![],
            attachments: vec![],
        }
    }

    #[test]
    fn editors_are_the_owners_members_and_admins() {
        let r = resource("org-a", Visibility::Public);
        let anon = Actor::anonymous();
        let owner = Actor::signed_in(user(false), vec![member_of("org-a")]);
        let other = Actor::signed_in(user(false), vec![member_of("org-b")]);
        let admin = Actor::signed_in(user(true), vec![]);
        assert!(!can_edit(&anon, &r));
        assert!(can_edit(&owner, &r));
        assert!(!can_edit(&other, &r));
        assert!(can_edit(&admin, &r));
        assert!(!can_create(&anon));
        assert!(can_create(&other));
        assert!(can_create(&admin));
        assert!(!can_create(&Actor::signed_in(user(false), vec![])));
    }
}
