//! Writing publications: a new one with its first language, further languages, the
//! scheduled instant, photos. Each write and its audit entry commit together.

use spona_domain::Invalid;
use spona_domain::publication::{
    Kind, MAX_ALT, PublicationDraft, VariantDraft, schedule as check_schedule,
};
use spona_store::idempotency::Once;
use spona_store::publications::{self as store, Photo, Publication, Variant};
use spona_store::{Db, audit};

use super::{editable, event};
use crate::actor::Actor;
use crate::{Error, Result};

/// Who a publication is published by, as the form's `by` field names it:
/// `org:<slug>` or `network:<slug>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    pub value: String,
    pub name: String,
    pub org_id: Option<String>,
    pub network_id: Option<String>,
}

/// Whom the actor may publish for: each of their organisations, and each network their
/// organisation coordinates.
pub async fn publishers(actor: &Actor, db: &Db) -> Result<Vec<Publisher>> {
    actor.require_user()?;
    let mut out: Vec<Publisher> = actor
        .memberships()
        .iter()
        .map(|m| Publisher {
            value: format!("org:{}", m.org_slug),
            name: m.org_name.clone(),
            org_id: Some(m.org_id.clone()),
            network_id: None,
        })
        .collect();
    for n in spona_store::networks::list(db).await? {
        if actor.is_member_of(n.coordinator_org_id.as_str()) {
            out.push(Publisher {
                value: format!("network:{}", n.slug),
                name: n.name.clone(),
                org_id: None,
                network_id: Some(n.id.to_string()),
            });
        }
    }
    Ok(out)
}

fn variant(id: &str, v: spona_domain::publication::VariantValues, now: i64) -> Variant {
    Variant {
        publication_id: id.to_owned(),
        lang: v.lang.as_str().to_owned(),
        title: v.title,
        summary: v.summary,
        body: v.body,
        transcript: v.transcript,
        position: 0,
        updated_at: now,
    }
}

/// Saves a new draft published by `by` (one of [`publishers`]). Returns its id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    by: &str,
    draft: &PublicationDraft,
    once: Option<&Once>,
) -> Result<String> {
    let me = actor.require_user()?.id.to_string();
    let choices = publishers(actor, db).await?;
    if choices.is_empty() {
        return Err(Error::Forbidden);
    }
    let mut errs = Vec::new();
    let publisher = choices.into_iter().find(|p| p.value == by.trim());
    if publisher.is_none() {
        errs.push(Invalid::new("by", "pb-err-by"));
    }
    let values = match draft.validate() {
        Ok(v) => Some(v),
        Err(mut more) => {
            errs.append(&mut more);
            None
        }
    };
    let (Some(publisher), Some(values)) = (publisher, values) else {
        return Err(Error::Invalid(errs));
    };
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let now = spona_store::now();
    let p = Publication {
        id: spona_store::new_id(),
        kind: values.kind.as_str().to_owned(),
        org_id: publisher.org_id,
        network_id: publisher.network_id,
        by_slug: String::new(),
        by_name: publisher.name,
        home_org_id: String::new(),
        link: values.link,
        publish_at: None,
        publish_local: None,
        zone: None,
        created_by: Some(me),
        created_at: now,
        updated_at: now,
        variants: vec![],
        photos: vec![],
    };
    let first = variant(&p.id, values.text, now);
    let mut tx = db.begin().await?;
    store::create_in(&mut tx, &p, &first, once).await?;
    let detail = format!("{} {} {}", p.kind, by.trim(), first.lang);
    audit::record_in(&mut tx, event(actor, "publication.created", &p.id, detail)).await?;
    spona_store::tx::fault_point("publication.created")?;
    tx.commit().await?;
    Ok(p.id)
}

/// Adds or replaces one language's text.
pub async fn save_variant(actor: &Actor, db: &Db, id: &str, draft: &VariantDraft) -> Result<()> {
    let p = editable(actor, db, id).await?;
    let values = draft
        .validate(Kind::parse(&p.kind))
        .map_err(Error::Invalid)?;
    let now = spona_store::now();
    let v = variant(&p.id, values, now);
    let mut tx = db.begin().await?;
    store::save_variant_in(&mut tx, &v).await?;
    audit::record_in(
        &mut tx,
        event(actor, "publication.variant", &p.id, v.lang.clone()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Schedules the publication at `local` in `zone` (refused in the past, in a DST gap or
/// overlap, in an unknown zone; a photo essay needs a photo first).
pub async fn schedule(actor: &Actor, db: &Db, id: &str, local: &str, zone: &str) -> Result<()> {
    let p = editable(actor, db, id).await?;
    let now = spona_store::now();
    let when = check_schedule(local, zone, now).map_err(Error::Invalid)?;
    if p.kind == Kind::PhotoEssay.as_str() && p.photos.is_empty() {
        return Err(Error::Invalid(vec![Invalid::new("at", "pb-err-no-photos")]));
    }
    let mut tx = db.begin().await?;
    store::schedule_in(
        &mut tx,
        &p.id,
        Some((when.at, &when.local, &when.zone)),
        now,
    )
    .await?;
    let detail = format!("{} {} {}", when.at, when.local, when.zone);
    audit::record_in(
        &mut tx,
        event(actor, "publication.scheduled", &p.id, detail),
    )
    .await?;
    spona_store::tx::fault_point("publication.scheduled")?;
    tx.commit().await?;
    Ok(())
}

/// Takes a publication back to a draft (also once shown).
pub async fn unschedule(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    let p = editable(actor, db, id).await?;
    let mut tx = db.begin().await?;
    store::schedule_in(&mut tx, &p.id, None, spona_store::now()).await?;
    audit::record_in(
        &mut tx,
        event(actor, "publication.unscheduled", &p.id, String::new()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a photo's alternative text and caption before its file is stored.
pub fn check_alt(alt: &str, caption: &str) -> Result<()> {
    let mut errs = Vec::new();
    let alt = alt.trim();
    if alt.is_empty() || alt.chars().count() > MAX_ALT {
        errs.push(Invalid::new("alt", "pb-err-alt"));
    }
    if caption.trim().chars().count() > MAX_ALT {
        errs.push(Invalid::new("caption", "pb-err-caption"));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errs))
    }
}

/// Whether the actor may add a photo to this publication (its author, a photo essay):
/// checked before the upload is read.
pub async fn photo_target(actor: &Actor, db: &Db, id: &str) -> Result<Publication> {
    let p = editable(actor, db, id).await?;
    if p.kind != Kind::PhotoEssay.as_str() {
        return Err(Error::BadRequest("pb-err-photo-kind"));
    }
    Ok(p)
}

/// Adds a photo whose published copy (metadata stripped) is `file` in the media store.
pub async fn add_photo(
    actor: &Actor,
    db: &Db,
    id: &str,
    file: &str,
    alt: &str,
    caption: &str,
) -> Result<i64> {
    check_alt(alt, caption)?;
    let p = photo_target(actor, db, id).await?;
    let now = spona_store::now();
    let photo = Photo {
        publication_id: p.id.clone(),
        position: 0,
        file: file.to_owned(),
        alt: alt.trim().to_owned(),
        caption: caption.trim().to_owned(),
    };
    let mut tx = db.begin().await?;
    let position = store::add_photo_in(&mut tx, &photo, now).await?;
    audit::record_in(
        &mut tx,
        event(actor, "publication.photo", &p.id, file.to_owned()),
    )
    .await?;
    tx.commit().await?;
    Ok(position)
}
