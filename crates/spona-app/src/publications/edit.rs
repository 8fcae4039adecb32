//! Changing a publication after it is written: its kind and publisher (by its author),
//! deleting it (its author, or an admin of the organisation that publishes it — for a
//! network, of its coordinating organisation), removing and reordering a photo essay's
//! photos (its author), and removing a network's own significant date (the network's
//! coordinators, as they add them). Each change and its audit entry commit together.

use spona_domain::Invalid;
use spona_domain::publication::{Kind, PublicationDraft, VariantDraft};
use spona_store::publications::{self as store, Publication, edit};
use spona_store::{Db, audit};

use super::write::publishers;
use super::{can_see, date_networks, editable, event, is_author};
use crate::actor::Actor;
use crate::{Error, Result};

/// The `by` value (`org:<slug>` or `network:<slug>`) of a publication's publisher.
pub fn publisher_value(p: &Publication) -> String {
    if p.network_id.is_some() {
        format!("network:{}", p.by_slug)
    } else {
        format!("org:{}", p.by_slug)
    }
}

/// Changes the kind, the publisher and the link. Every language version must suit the new
/// kind (a podcast's and a video's need a transcript; an article's and a story's a text),
/// and a photo essay keeps its kind while it has photos.
pub async fn change_kind(
    actor: &Actor,
    db: &Db,
    id: &str,
    by: &str,
    kind: &str,
    link: &str,
) -> Result<()> {
    let p = editable(actor, db, id).await?;
    let mut errs = Vec::new();
    let publisher = publishers(actor, db)
        .await?
        .into_iter()
        .find(|x| x.value == by.trim());
    if publisher.is_none() {
        errs.push(Invalid::new("by", "pb-err-by"));
    }
    // The more telling reason first: the form shows a field's first message.
    let new_kind = Kind::parse(kind.trim());
    if p.kind == Kind::PhotoEssay.as_str()
        && new_kind.is_some_and(|k| k != Kind::PhotoEssay)
        && !p.photos.is_empty()
    {
        errs.push(Invalid::new("kind", "tx-pb-err-kind-photos"));
    }
    let mut checked = None;
    for v in &p.variants {
        let draft = PublicationDraft {
            kind: kind.to_owned(),
            link: link.to_owned(),
            text: VariantDraft {
                lang: v.lang.clone(),
                title: v.title.clone(),
                summary: v.summary.clone(),
                body: v.body.clone(),
                transcript: v.transcript.clone(),
            },
        };
        match draft.validate() {
            Ok(values) => checked = Some(values),
            Err(list) => {
                for e in list {
                    let e = match e.field {
                        "kind" | "link" => e,
                        _ => Invalid::new("kind", "tx-pb-err-kind-texts"),
                    };
                    if !errs.contains(&e) {
                        errs.push(e);
                    }
                }
            }
        }
    }
    let (Some(publisher), Some(values)) = (publisher, checked.filter(|_| errs.is_empty())) else {
        return Err(Error::Invalid(errs));
    };
    let mut tx = db.begin().await?;
    edit::set_kind_in(
        &mut tx,
        &p.id,
        values.kind.as_str(),
        publisher.org_id.as_deref(),
        publisher.network_id.as_deref(),
        values.link.as_deref(),
        spona_store::now(),
    )
    .await?;
    let detail = format!("{} {}", values.kind.as_str(), publisher.value);
    audit::record_in(&mut tx, event(actor, "publication.changed", &p.id, detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the actor may delete the publication: its author, or an admin of its publishing
/// organisation (for a network, of the coordinating one) who may see it.
pub fn can_delete(actor: &Actor, p: &Publication, now: i64) -> bool {
    is_author(actor, p) || (can_see(actor, p, now) && actor.is_admin_of(&p.home_org_id))
}

/// The publication the actor may delete (404 when they may not see it, 403 when they see it
/// but may not delete it).
pub async fn deletable(actor: &Actor, db: &Db, id: &str) -> Result<Publication> {
    actor.require_user()?;
    let now = spona_store::now();
    match store::get(db, id).await? {
        Some(p) if can_delete(actor, &p, now) => Ok(p),
        Some(p) if can_see(actor, &p, now) => Err(Error::Forbidden),
        _ => Err(Error::NotFound),
    }
}

/// Deletes a publication with its language versions and photos; the media files no longer
/// used anywhere, for the caller to remove.
pub async fn delete(actor: &Actor, db: &Db, id: &str) -> Result<Vec<String>> {
    let p = deletable(actor, db, id).await?;
    let mut tx = db.begin().await?;
    let files = edit::delete_in(&mut tx, &p.id).await?;
    let title = p
        .variants
        .first()
        .map(|v| v.title.clone())
        .unwrap_or_default();
    audit::record_in(&mut tx, event(actor, "publication.deleted", &p.id, title)).await?;
    tx.commit().await?;
    unused(db, files).await
}

async fn unused(db: &Db, mut files: Vec<String>) -> Result<Vec<String>> {
    files.sort();
    files.dedup();
    let mut out = Vec::new();
    for f in files {
        if !edit::file_in_use(db, &f).await? {
            out.push(f);
        }
    }
    Ok(out)
}

/// Removes the photo at `position` (404 when there is none); its file when no longer used.
pub async fn remove_photo(actor: &Actor, db: &Db, id: &str, position: i64) -> Result<Vec<String>> {
    let p = super::photo_target(actor, db, id).await?;
    let mut tx = db.begin().await?;
    let Some(file) = edit::remove_photo_in(&mut tx, &p.id, position, spona_store::now()).await?
    else {
        return Err(Error::NotFound);
    };
    audit::record_in(
        &mut tx,
        event(actor, "publication.photo_removed", &p.id, file.clone()),
    )
    .await?;
    tx.commit().await?;
    unused(db, vec![file]).await
}

/// Moves the photo at `position` one place earlier or later (nothing when it is first or
/// last already; 404 when there is no such photo).
pub async fn move_photo(
    actor: &Actor,
    db: &Db,
    id: &str,
    position: i64,
    earlier: bool,
) -> Result<()> {
    let p = super::photo_target(actor, db, id).await?;
    if !p.photos.iter().any(|ph| ph.position == position) {
        return Err(Error::NotFound);
    }
    let mut tx = db.begin().await?;
    if edit::move_photo_in(&mut tx, &p.id, position, earlier, spona_store::now()).await? {
        let detail = format!("{position} {}", if earlier { "up" } else { "down" });
        audit::record_in(
            &mut tx,
            event(actor, "publication.photo_moved", &p.id, detail),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a network's own significant date: its coordinators (as they add them) and
/// platform admins; 404 for an unknown date, 403 for anyone else.
pub async fn remove_date(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    actor.require_user()?;
    if id.len() > 64 {
        return Err(Error::NotFound);
    }
    let d = edit::network_date(db, id).await?.ok_or(Error::NotFound)?;
    let mine = date_networks(actor, db).await?;
    if !mine.iter().any(|n| n.id == d.network_id) {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    edit::remove_date_in(&mut tx, &d.id).await?;
    let detail = format!("{} {:02}-{:02} {}", d.network_slug, d.month, d.day, d.title);
    audit::record_in(
        &mut tx,
        event(actor, "publication.date_removed", &d.id, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
