//! Writing the hub. Each write checks what the editor gave (field errors come back as
//! [`Error::Invalid`], in the order the form shows them), then changes the resource and
//! appends its audit entry in one transaction, then brings the search index up to date (a
//! failure there is repaired in the background; the write stands).

use spona_domain::Invalid;
use spona_domain::resource::{ContentLang, ResourceDraft, ResourceMeta, VariantDraft, VariantText};
use spona_store::audit::{self, Event};
use spona_store::resources::{self, Attachment};
use spona_store::tx::fault_point;
use spona_store::{Db, StoreError, Tx};

use super::Editable;
use crate::{Actor, Error, Result, hub};

/// A new resource, checked: its owner, description, networks and first variant.
#[derive(Debug, Clone)]
pub struct NewResource {
    owner_id: String,
    meta: ResourceMeta,
    network_ids: Vec<String>,
    text: VariantText,
}

/// New details of a resource, checked.
#[derive(Debug, Clone)]
pub struct Details {
    meta: ResourceMeta,
    network_ids: Vec<String>,
}

/// Network slugs to ids; an unknown slug is a field error.
async fn network_ids(db: &Db, slugs: &[String], errors: &mut Vec<Invalid>) -> Vec<String> {
    match resources::network_ids(db, slugs).await {
        Ok(ids) => ids,
        Err(_) => {
            errors.push(Invalid::new("networks", "err-unknown-term"));
            Vec::new()
        }
    }
}

/// Checks a new resource: the owner must be one of the actor's organisations (any, for a
/// platform admin).
pub async fn check_new(
    db: &Db,
    actor: &Actor,
    owner_slug: &str,
    meta: &ResourceDraft,
    text: &VariantDraft,
) -> Result<NewResource> {
    actor.require_user()?;
    let owner_id = if actor.is_admin() {
        spona_store::orgs::load_all(db)
            .await?
            .into_iter()
            .find(|o| o.slug == owner_slug)
            .map(|o| o.id.to_string())
    } else {
        actor
            .memberships()
            .iter()
            .find(|m| m.org_slug == owner_slug)
            .map(|m| m.org_id.to_string())
    };
    let mut errors = Vec::new();
    if owner_id.is_none() {
        errors.push(Invalid::new("owner", "err-unknown-choice"));
    }
    let meta = meta.validate();
    let text = text.validate(false);
    if let Err(e) = &meta {
        errors.extend(e.iter().cloned());
    }
    if let Err(e) = &text {
        errors.extend(e.iter().cloned());
    }
    let ids = match &meta {
        Ok(m) => network_ids(db, &m.networks, &mut errors).await,
        Err(_) => Vec::new(),
    };
    match (owner_id, meta, text) {
        (Some(owner_id), Ok(meta), Ok(text)) if errors.is_empty() => Ok(NewResource {
            owner_id,
            meta,
            network_ids: ids,
            text,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "resource",
        target_id: id,
        detail,
    }
}

/// Creates a checked resource, claiming the create form's one-time key in the same
/// transaction (a replay comes back as [`StoreError::Replay`]). Returns its id.
pub async fn create(
    db: &Db,
    index: &hub::Index,
    actor: &Actor,
    new: &NewResource,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<String> {
    let author = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let store_new = resources::NewResource {
        meta: &new.meta,
        network_ids: &new.network_ids,
        first: &new.text,
        author_id: &author,
    };
    let id = resources::create_in(&mut tx, &new.owner_id, store_new, once).await?;
    fault_point("resource.created")?;
    if new.meta.visibility == spona_domain::resource::Visibility::Public {
        let t = &new.text;
        let lang = t.written.lang.as_str();
        let version =
            crate::publog::versions::resource_variant(lang, 1, &t.title, &t.summary, &t.body);
        let action = format!("published:{lang}:1");
        crate::publog::record_in(
            &mut tx,
            crate::publog::kind::RESOURCE,
            &id,
            &action,
            &version,
        )
        .await?;
    }
    let detail = new.meta.kind.clone();
    audit::record_in(&mut tx, event(actor, "resource.created", &id, detail)).await?;
    tx.commit().await?;
    hub::after_write(db, index).await;
    Ok(id)
}

/// Saves a new version of a variant (or a new translation). `base_version` is the version
/// the editor started from: when someone saved in between, nothing is written and the
/// answer is [`Error::Conflict`]`("err-edit-conflict")`. Returns the new version number.
pub async fn save_variant(
    db: &Db,
    index: &hub::Index,
    actor: &Actor,
    r: &Editable,
    text: &VariantText,
    base_version: Option<i64>,
) -> Result<i64> {
    let author = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let version =
        match resources::save_variant_in(&mut tx, &r.id, text, base_version, &author).await {
            Ok(v) => v,
            Err(StoreError::Conflict(_)) => return Err(Error::Conflict("err-edit-conflict")),
            Err(e) => return Err(e.into()),
        };
    fault_point("resource.edited")?;
    if r.visibility == spona_domain::resource::Visibility::Public {
        let lang = text.written.lang.as_str();
        let hash = crate::publog::versions::resource_variant(
            lang,
            version,
            &text.title,
            &text.summary,
            &text.body,
        );
        let verb = if version == 1 { "published" } else { "changed" };
        let action = format!("{verb}:{lang}:{version}");
        let id = r.id.to_string();
        crate::publog::record_in(&mut tx, crate::publog::kind::RESOURCE, &id, &action, &hash)
            .await?;
    }
    let detail = format!("{} v{version}", text.written.code());
    audit::record_in(&mut tx, event(actor, "resource.edited", &r.id, detail)).await?;
    tx.commit().await?;
    hub::after_write(db, index).await;
    Ok(version)
}

/// Checks new details of a resource.
pub async fn check_details(db: &Db, meta: &ResourceDraft) -> Result<Details> {
    let mut errors = Vec::new();
    let meta = meta.validate();
    if let Err(e) = &meta {
        errors.extend(e.iter().cloned());
    }
    let ids = match &meta {
        Ok(m) => network_ids(db, &m.networks, &mut errors).await,
        Err(_) => Vec::new(),
    };
    match meta {
        Ok(meta) if errors.is_empty() => Ok(Details {
            meta,
            network_ids: ids,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

/// Changes a resource's description (kind, terms, visibility, review date).
pub async fn save_details(
    db: &Db,
    index: &hub::Index,
    actor: &Actor,
    r: &Editable,
    details: &Details,
) -> Result<()> {
    let mut tx = db.begin().await?;
    resources::update_meta_in(&mut tx, &r.id, &details.meta, &details.network_ids).await?;
    fault_point("resource.details_changed")?;
    log_visibility_in(&mut tx, r, details.meta.visibility).await?;
    let detail = details.meta.visibility.as_str().to_owned();
    audit::record_in(
        &mut tx,
        event(actor, "resource.details_changed", &r.id, detail),
    )
    .await?;
    tx.commit().await?;
    hub::after_write(db, index).await;
    Ok(())
}

/// An editor checked a translation against the changed variant and found it still right.
pub async fn confirm_translation(
    db: &Db,
    actor: &Actor,
    r: &Editable,
    lang: ContentLang,
) -> Result<()> {
    let mut tx: Tx = db.begin().await?;
    resources::confirm_translation_in(&mut tx, &r.id, lang).await?;
    let detail = lang.as_str().to_owned();
    audit::record_in(
        &mut tx,
        event(actor, "resource.translation_confirmed", &r.id, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records an attachment whose bytes are already in the attachment store, counting them
/// against `charge` (over quota: nothing recorded).
pub async fn add_attachment(
    db: &Db,
    index: &hub::Index,
    actor: &Actor,
    r: &Editable,
    a: &Attachment,
    charge: &spona_store::quota::Charge,
) -> Result<()> {
    let author = actor.require_user()?.id.clone();
    if a.resource_id != r.id {
        return Err(Error::BadRequest("err-bad-form"));
    }
    let mut tx = db.begin().await?;
    resources::add_attachment_in(&mut tx, a, &author, charge).await?;
    let detail = a.sha256.clone();
    audit::record_in(
        &mut tx,
        event(actor, "resource.attachment_added", &r.id, detail),
    )
    .await?;
    tx.commit().await?;
    hub::after_write(db, index).await;
    Ok(())
}

/// The public log follows a change of visibility: a resource leaving the public is
/// withdrawn; one becoming public publishes each current variant.
async fn log_visibility_in(
    tx: &mut Tx,
    r: &Editable,
    now: spona_domain::resource::Visibility,
) -> Result<()> {
    use spona_domain::resource::Visibility::Public;
    let id = r.id.to_string();
    if r.visibility == Public && now != Public {
        crate::publog::versions::withdraw_in(tx, crate::publog::kind::RESOURCE, &id).await?;
    } else if r.visibility != Public && now == Public {
        for v in &r.variants {
            let lang = v.lang.as_str();
            let hash = crate::publog::versions::resource_variant(
                lang, v.version, &v.title, &v.summary, &v.body,
            );
            let action = format!("published:{lang}:{}", v.version);
            crate::publog::record_in(tx, crate::publog::kind::RESOURCE, &id, &action, &hash)
                .await?;
        }
    }
    Ok(())
}
