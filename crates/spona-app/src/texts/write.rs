//! Writing a joint text: opening it, saving a version of a language's variant, freezing a
//! final, comments on a paragraph and amendments. Each write runs with its audit entry in
//! one transaction; every refusal names its field and saves nothing.

use spona_domain::Invalid;
use spona_domain::joint_text::{
    KINDS, MAX_COMMENT, MAX_NOTE, MAX_REPLACEMENT, VariantDraft, normalise, paragraphs,
    replace_paragraph,
};
use spona_store::idempotency::Once;
use spona_store::joint_texts::{self as store, Amendment, Comment, JointText, Version};
use spona_store::{Db, StoreError, Tx, audit};

use super::{event, load_editable};
use crate::actor::Actor;
use crate::{Error, Result};

fn conflict_as(e: StoreError, key: &'static str) -> Error {
    match e {
        StoreError::Conflict(_) => Error::Conflict(key),
        e => e.into(),
    }
}

/// Opens a text of `kind` drafted by the organisations `org_slugs` (at least one of them
/// the actor's), with its first version. Returns the text's id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    kind: &str,
    org_slugs: &[String],
    draft: &VariantDraft,
    once: Option<&Once>,
) -> Result<String> {
    let me = actor.require_user()?;
    if actor.memberships().is_empty() {
        return Err(Error::Forbidden);
    }
    let mut errors = Vec::new();
    if !KINDS.contains(&kind) {
        errors.push(Invalid::new("kind", "jt-err-kind"));
    }
    let mut orgs: Vec<String> = Vec::new();
    for slug in org_slugs.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) if !orgs.contains(&o.id.to_string()) => orgs.push(o.id.to_string()),
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                errors.push(Invalid::new("orgs", "jt-err-orgs"));
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !orgs.iter().any(|o| actor.is_member_of(o)) {
        errors.push(Invalid::new("orgs", "jt-err-orgs-own"));
    }
    let variant = match draft.validate() {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(mut more) => {
            errors.append(&mut more);
            return Err(Error::Invalid(errors));
        }
    };
    let now = spona_store::now();
    let text = JointText {
        id: spona_store::new_id(),
        kind: kind.to_owned(),
        group_id: None,
        created_by: Some(me.id.to_string()),
        created_at: now,
        updated_at: now,
        orgs,
    };
    let first = Version {
        text_id: text.id.clone(),
        number: 1,
        lang: variant.lang,
        title: variant.title,
        body: variant.body,
        note: variant.note,
        author_id: Some(me.id.to_string()),
        author_name: None,
        created_at: now,
        frozen_by: None,
        frozen_at: None,
    };
    let mut tx = db.begin().await?;
    store::create_in(&mut tx, &text, &first, once).await?;
    audit::record_in(
        &mut tx,
        event(actor, "texts.created", &text.id, kind.to_owned()),
    )
    .await?;
    spona_store::tx::fault_point("texts.created")?;
    tx.commit().await?;
    Ok(text.id)
}

async fn next_number(db: &Db, text_id: &str) -> Result<i64> {
    let heads = store::heads(db, &[text_id.to_owned()]).await?;
    Ok(heads.iter().map(|h| h.number).max().unwrap_or(0) + 1)
}

async fn insert(tx: &mut Tx, v: &Version) -> Result<()> {
    store::insert_version_in(tx, v)
        .await
        .map_err(|e| conflict_as(e, "jt-err-stale"))
}

/// Saves a new version of the language `draft.lang`. `base` is the number of that
/// language's latest version the editor started from (0 for a new language): another
/// save since is a conflict. When that latest version is final, `after_final` must be set
/// (the form's "start a new version after the final"): the final itself never changes.
/// Returns the new version's number.
pub async fn save(
    actor: &Actor,
    db: &Db,
    text_id: &str,
    base: i64,
    draft: &VariantDraft,
    after_final: bool,
) -> Result<i64> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let variant = draft.validate().map_err(Error::Invalid)?;
    let current = store::current(db, text_id).await?;
    let latest = current
        .iter()
        .filter(|v| v.lang == variant.lang)
        .max_by_key(|v| v.number);
    if latest.map_or(0, |v| v.number) != base {
        return Err(Error::Conflict("jt-err-stale"));
    }
    if latest.is_some_and(Version::is_final) && !after_final {
        return Err(Error::Invalid(vec![Invalid::new(
            "after_final",
            "jt-err-final",
        )]));
    }
    let v = Version {
        text_id: text.id.clone(),
        number: next_number(db, text_id).await?,
        lang: variant.lang,
        title: variant.title,
        body: variant.body,
        note: variant.note,
        author_id: Some(me.id.to_string()),
        author_name: None,
        created_at: spona_store::now(),
        frozen_by: None,
        frozen_at: None,
    };
    let mut tx = db.begin().await?;
    insert(&mut tx, &v).await?;
    let detail = format!("version {} {}", v.number, v.lang);
    audit::record_in(&mut tx, event(actor, "texts.saved", &text.id, detail)).await?;
    spona_store::tx::fault_point("texts.saved")?;
    tx.commit().await?;
    Ok(v.number)
}

/// Freezes version `number` as its language's final: only the language's latest version,
/// and only once.
pub async fn freeze(actor: &Actor, db: &Db, text_id: &str, number: i64) -> Result<()> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let current = store::current(db, text_id).await?;
    let Some(v) = current.iter().find(|v| v.number == number) else {
        return Err(Error::Invalid(vec![Invalid::new(
            "version",
            "jt-err-freeze-latest",
        )]));
    };
    let latest = current
        .iter()
        .filter(|x| x.lang == v.lang)
        .map(|x| x.number)
        .max();
    if latest != Some(number) {
        return Err(Error::Invalid(vec![Invalid::new(
            "version",
            "jt-err-freeze-latest",
        )]));
    }
    if v.is_final() {
        return Err(Error::Conflict("jt-err-frozen-already"));
    }
    let mut tx = db.begin().await?;
    if !store::freeze_in(&mut tx, &text.id, number, &me.id, spona_store::now()).await? {
        return Err(Error::Conflict("jt-err-frozen-already"));
    }
    let detail = format!("version {number} {}", v.lang);
    audit::record_in(&mut tx, event(actor, "texts.frozen", &text.id, detail)).await?;
    let content = format!("{}\n{}\n{}\n{}", v.lang, v.number, v.title, v.body);
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::JOINT_TEXT,
        &text.id,
        &format!("final:{}:{number}", v.lang),
        &crate::publog::version_of(content.as_bytes()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The paragraphs of a version of the text, or the field error `field` when the version
/// does not exist or has no paragraph `paragraph`.
async fn check_paragraph(
    db: &Db,
    text_id: &str,
    version: i64,
    paragraph: i64,
    field: &'static str,
) -> Result<Version> {
    let v = store::version(db, text_id, version).await?;
    match v {
        Some(v) if paragraph >= 1 && paragraphs(&v.body).len() as i64 >= paragraph => Ok(v),
        _ => Err(Error::Invalid(vec![Invalid::new(
            field,
            "jt-err-paragraph",
        )])),
    }
}

/// Adds a comment on paragraph `paragraph` of version `version`.
pub async fn comment(
    actor: &Actor,
    db: &Db,
    text_id: &str,
    version: i64,
    paragraph: i64,
    body: &str,
) -> Result<String> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let body = body.trim();
    let mut errors = Vec::new();
    if let Err(Error::Invalid(mut e)) =
        check_paragraph(db, text_id, version, paragraph, "paragraph").await
    {
        errors.append(&mut e);
    }
    if body.is_empty() {
        errors.push(Invalid::new("comment", "jt-err-comment"));
    } else if body.chars().count() > MAX_COMMENT {
        errors.push(Invalid::new("comment", "jt-err-too-long"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let c = Comment {
        id: spona_store::new_id(),
        text_id: text.id.clone(),
        version,
        paragraph,
        body: body.to_owned(),
        author_id: Some(me.id.to_string()),
        author_name: None,
        created_at: spona_store::now(),
        resolved_by: None,
        resolved_at: None,
    };
    let mut tx = db.begin().await?;
    store::insert_comment_in(&mut tx, &c).await?;
    let detail = format!("version {version} paragraph {paragraph}");
    audit::record_in(&mut tx, event(actor, "texts.commented", &text.id, detail)).await?;
    tx.commit().await?;
    Ok(c.id)
}

/// Marks a comment resolved.
pub async fn resolve(actor: &Actor, db: &Db, text_id: &str, comment_id: &str) -> Result<()> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let mut tx = db.begin().await?;
    if !store::resolve_comment_in(&mut tx, &text.id, comment_id, &me.id, spona_store::now()).await?
    {
        return Err(Error::NotFound);
    }
    audit::record_in(
        &mut tx,
        event(
            actor,
            "texts.comment_resolved",
            &text.id,
            comment_id.to_owned(),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A proposed amendment as the form gives it.
#[derive(Debug, Clone, Default)]
pub struct Amend {
    pub version: i64,
    pub paragraph: i64,
    pub replacement: String,
    pub reason: String,
}

/// Proposes replacing paragraph `paragraph` of version `version`.
pub async fn propose(actor: &Actor, db: &Db, text_id: &str, a: &Amend) -> Result<String> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let mut errors = Vec::new();
    if let Err(Error::Invalid(mut e)) =
        check_paragraph(db, text_id, a.version, a.paragraph, "amend_paragraph").await
    {
        errors.append(&mut e);
    }
    let replacement = normalise(&a.replacement);
    if replacement.is_empty() {
        errors.push(Invalid::new("replacement", "jt-err-replacement"));
    } else if replacement.chars().count() > MAX_REPLACEMENT {
        errors.push(Invalid::new("replacement", "jt-err-too-long"));
    }
    if a.reason.trim().chars().count() > MAX_NOTE {
        errors.push(Invalid::new("reason", "jt-err-too-long"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let am = Amendment {
        id: spona_store::new_id(),
        text_id: text.id.clone(),
        version: a.version,
        paragraph: a.paragraph,
        replacement,
        reason: a.reason.trim().to_owned(),
        author_id: Some(me.id.to_string()),
        author_name: None,
        created_at: spona_store::now(),
        state: "open".into(),
        decided_by: None,
        decided_at: None,
        result_version: None,
    };
    let mut tx = db.begin().await?;
    store::insert_amendment_in(&mut tx, &am).await?;
    let detail = format!("version {} paragraph {}", a.version, a.paragraph);
    audit::record_in(
        &mut tx,
        event(actor, "texts.amendment_proposed", &text.id, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(am.id)
}

/// Accepts (a new version of the amended language, the paragraph replaced in its latest
/// version — after a final too, which stays as it was) or rejects an open amendment.
/// Returns the new version's number when accepted.
pub async fn decide(
    actor: &Actor,
    db: &Db,
    text_id: &str,
    amendment_id: &str,
    accept: bool,
) -> Result<Option<i64>> {
    let text = load_editable(actor, db, text_id).await?;
    let me = actor.require_user()?;
    let Some(am) = store::amendment(db, text_id, amendment_id).await? else {
        return Err(Error::NotFound);
    };
    if am.state != "open" {
        return Err(Error::Conflict("jt-err-decided"));
    }
    let now = spona_store::now();
    let new = if accept {
        let Some(base) = store::version(db, text_id, am.version).await? else {
            return Err(Error::NotFound);
        };
        let current = store::current(db, text_id).await?;
        let Some(latest) = current
            .iter()
            .filter(|v| v.lang == base.lang)
            .max_by_key(|v| v.number)
        else {
            return Err(Error::NotFound);
        };
        let Some(body) = replace_paragraph(&latest.body, am.paragraph, &am.replacement) else {
            return Err(Error::Conflict("jt-err-amendment-outdated"));
        };
        Some(Version {
            text_id: text.id.clone(),
            number: next_number(db, text_id).await?,
            lang: latest.lang.clone(),
            title: latest.title.clone(),
            body,
            note: format!("amendment {}", am.id),
            author_id: am.author_id.clone(),
            author_name: None,
            created_at: now,
            frozen_by: None,
            frozen_at: None,
        })
    } else {
        None
    };
    let state = if accept { "accepted" } else { "rejected" };
    let mut tx = db.begin().await?;
    let number = new.as_ref().map(|v| v.number);
    if !store::decide_amendment_in(&mut tx, text_id, amendment_id, state, &me.id, now, number)
        .await?
    {
        return Err(Error::Conflict("jt-err-decided"));
    }
    if let Some(v) = &new {
        insert(&mut tx, v).await?;
    }
    let detail = format!("{state} {amendment_id}");
    audit::record_in(
        &mut tx,
        event(actor, "texts.amendment_decided", &text.id, detail),
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}
