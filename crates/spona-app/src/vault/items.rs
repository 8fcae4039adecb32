//! Items of a case: testimonies recorded through the interview form and files streamed into
//! the encrypted blob store (the streaming stays with the caller; the item is recorded here
//! once the whole file is stored), and reading an item — its page, its warning and its
//! download all check consent and log the reading the same way.

use sha2::{Digest, Sha256};
use spona_domain::vault::{ConsentScope, ConsentUse, Testimony};
use spona_store::Db;
use spona_store::idempotency::Once;
use spona_store::vault::{self as records, Item, Upload};
use spona_store::vault_warnings as warnings;

use super::consent::{check_consent, consent_facts, consent_row};
use super::{CaseAccess, Vault, item_owner, warning_owner};
use crate::{Error, Result};

/// An item of the case (404 for an id of no item of this case).
pub async fn item(db: &Db, access: &CaseAccess<'_>, item_id: &str) -> Result<Item> {
    Ok(records::item(db, access.id(), item_id, access.vault).await?)
}

/// What an item holds, open: a file's name, or the testimony.
pub enum Content {
    File(String),
    Testimony(Box<Testimony>),
}

impl Content {
    /// What a list shows of it: the file name, or the testimony's pseudonym and date.
    pub fn label(&self) -> String {
        match self {
            Content::File(name) => name.clone(),
            Content::Testimony(t) => format!("{} · {}", t.pseudonym, t.date),
        }
    }
}

/// Opens an item's sealed text (a corrupt testimony is an error, never an empty one).
pub fn content(vault: &Vault, item: &Item) -> Result<Content> {
    let text = vault.unseal(&item_owner(&item.id), &item.sealed)?;
    if item.kind == "testimony" {
        let t: Testimony = serde_json::from_str(&text)
            .map_err(|e| Error::Internal(anyhow::anyhow!("testimony {}: {e}", item.id)))?;
        Ok(Content::Testimony(Box::new(t)))
    } else {
        Ok(Content::File(text.to_string()))
    }
}

/// Reading an item as `action` (`view`, `download`): refused and the refusal logged unless
/// its consent covers reading; otherwise the reading is logged with `what` as its reason.
pub async fn read(
    db: &Db,
    access: &CaseAccess<'_>,
    item: &Item,
    action: &str,
    what: &str,
) -> Result<()> {
    check_consent(db, access, item, ConsentUse::Read, action).await?;
    log_reading(db, access, item, action, what).await
}

/// Logs a reading that was checked already.
pub async fn log_reading(
    db: &Db,
    access: &CaseAccess<'_>,
    item: &Item,
    action: &str,
    what: &str,
) -> Result<()> {
    super::log(
        db,
        access.vault,
        access.entry(action, what, item.sha256.as_deref()),
    )
    .await?;
    Ok(())
}

/// The warning recorded for an item at upload, open (a PDF's active content, as recorded);
/// `None` for an item with none.
pub async fn warning(db: &Db, vault: &Vault, item_id: &str) -> Result<Option<String>> {
    Ok(match warnings::of_item(db, item_id).await? {
        Some(sealed) => Some(vault.unseal(&warning_owner(item_id), &sealed)?.to_string()),
        None => None,
    })
}

/// Whether an item has a warning (without opening it).
pub async fn has_warning(db: &Db, item_id: &str) -> Result<bool> {
    Ok(warnings::of_item(db, item_id).await?.is_some())
}

/// Every warning of the case's items, open, by item id.
pub async fn warnings_of_case(
    db: &Db,
    access: &CaseAccess<'_>,
) -> Result<std::collections::HashMap<String, String>> {
    let mut found = std::collections::HashMap::new();
    for (item_id, sealed) in warnings::of_case(db, access.id()).await? {
        let open = access.vault.unseal(&warning_owner(&item_id), &sealed)?;
        found.insert(item_id, open.to_string());
    }
    Ok(found)
}

/// Records a testimony (validated already) with its consent, which must cover documentation.
/// Returns the new item's id; a form's one-time key is claimed with it.
pub async fn add_testimony(
    db: &Db,
    access: &CaseAccess<'_>,
    t: &Testimony,
    scope: &ConsentScope,
    once: &Once,
) -> Result<String> {
    access.require_add_items()?;
    if !scope.documentation {
        return Err(Error::BadRequest("err-consent-required"));
    }
    let item_id = uuid::Uuid::now_v7().to_string();
    let json = serde_json::to_string(t).map_err(|e| Error::Internal(e.into()))?;
    let item = Item {
        sealed: access.vault.seal(&item_owner(&item_id), &json),
        id: item_id.as_str().into(),
        case_id: access.id().into(),
        kind: "testimony".into(),
        blob_id: None,
        wrapped_key: None,
        size: None,
        sha256: None,
        media_type: String::new(),
        created_by: access.actor.clone(),
        created_at: spona_store::now(),
        unreadable: Vec::new(),
    };
    let consent = consent_row(&item_id, scope, &access.actor);
    let entry = access.entry(
        "create",
        &spona_vault::facts::testimony_created(&item_id, &consent_facts(scope)),
        Some(&hex::encode(Sha256::digest(json.as_bytes()))),
    );
    let mut tx = super::begin(db).await?;
    let head = records::add_item_in(
        &mut tx,
        &item,
        Some(&consent),
        Upload::default(),
        entry,
        access.vault,
        Some(once),
    )
    .await?;
    super::commit(tx, access.vault, &head).await?;
    Ok(item_id)
}

/// A file stored in the blob store, to be recorded as an item.
pub struct StoredFile<'a> {
    pub item_id: &'a str,
    pub filename: &'a str,
    pub media_type: String,
    pub ingested: &'a spona_vault::Ingested,
    /// The active content found in it (as recorded), if any.
    pub warning: Option<&'a str>,
    /// Why, for the custody log (checked already).
    pub reason: String,
}

/// Records a stored file as an item with its consent, its quota charge and its warning, in
/// the item's custody entry's transaction. On an error the caller removes the blob.
pub async fn add_file(
    db: &Db,
    access: &CaseAccess<'_>,
    file: StoredFile<'_>,
    scope: &ConsentScope,
    room: &crate::quota::Room,
) -> Result<()> {
    access.require_add_items()?;
    let item_id = file.item_id;
    let mut why = file.reason;
    let warning = file
        .warning
        .map(|w| access.vault.seal(&warning_owner(item_id), w));
    if warning.is_some() {
        why.push_str(" [active content found at upload: see the item's warning]");
    }
    let ingested = file.ingested;
    let charge = room.charge(ingested.size, None);
    let item = Item {
        sealed: access.vault.seal(&item_owner(item_id), file.filename),
        id: item_id.into(),
        case_id: access.id().into(),
        kind: "file".into(),
        blob_id: Some(ingested.blob_id.clone()),
        wrapped_key: Some(ingested.wrapped_key.to_base64()),
        size: Some(ingested.size as i64),
        sha256: Some(ingested.sha256_hex.clone()),
        media_type: file.media_type,
        created_by: access.actor.clone(),
        created_at: spona_store::now(),
        unreadable: Vec::new(),
    };
    let consent = consent_row(item_id, scope, &access.actor);
    let entry = access.entry(
        "create",
        &spona_vault::facts::file_created(item_id, ingested.size, &consent_facts(scope), &why),
        Some(&ingested.sha256_hex),
    );
    let mut tx = super::begin(db).await?;
    let head = records::add_item_in(
        &mut tx,
        &item,
        Some(&consent),
        Upload {
            charge: Some(&charge),
            warning: warning.as_deref(),
        },
        entry,
        access.vault,
        None, // the item id the form carries is its one-time key
    )
    .await?;
    super::commit(tx, access.vault, &head).await
}

/// Records that an item was given to the organisation `org` (a slug) — allowed only if its
/// consent names it; a refusal is logged.
pub async fn share(
    db: &Db,
    access: &CaseAccess<'_>,
    item: &Item,
    org: &str,
    why: &str,
) -> Result<()> {
    access.require_manage()?;
    if spona_domain::org::Slug::parse(org).is_err() {
        return Err(Error::BadRequest("err-unknown-org"));
    }
    check_consent(db, access, item, ConsentUse::Share(org), "sharing").await?;
    let why = super::reason(why)?;
    super::log(
        db,
        access.vault,
        access.entry(
            "share",
            &format!("item {} with {org}: {why}", item.id),
            item.sha256.as_deref(),
        ),
    )
    .await?;
    Ok(())
}
