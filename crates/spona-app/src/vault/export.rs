//! Export for prosecutors: chosen items with a signed manifest of every original's SHA-256,
//! the custody entries of those items linked to the case's signed head, and the server's
//! public key, in one tar encrypted to the recipient's age key, checkable offline (`age -d`,
//! `sha256sum -c`, `spona verify-bundle`).
//!
//! [`prepare`] checks the request and consent and records the export (one custody entry per
//! item and the audit entry, in one transaction); the caller renders the readable copies in
//! the chosen language from what it returns; [`Export::write`] writes the bundle.

use sha2::{Digest, Sha256};
use spona_domain::locale::Locale;
use spona_domain::vault::ConsentUse;
use spona_store::Db;
use spona_store::vault::{self as records, Consent, Item, Member};
use spona_vault::{BundleCase, BundleItem, CustodyEntry, SignedHead};

use super::consent::check_consent;
use super::{CaseAccess, Vault, item_owner};
use crate::{Error, Result};

/// What the export form asks for.
pub struct ExportRequest<'a> {
    pub items: &'a [String],
    pub recipient: &'a str,
    pub reason: &'a str,
    /// The locale of the readable copies (chosen, never preset).
    pub language: &'a str,
}

/// The bytes an item exports: a file's original, or a testimony as JSON.
pub enum Source {
    Blob {
        blob: String,
        wrapped: spona_vault::WrappedKey,
    },
    Text(Vec<u8>),
}

/// One exported item: its name in the bundle, its content, SHA-256 and size.
pub struct Chosen {
    pub item: Item,
    pub name: String,
    pub source: Source,
    pub sha256: String,
    pub size: u64,
}

/// A recorded export, ready to be written.
pub struct Export<'a> {
    vault: &'a Vault,
    pub case_id: String,
    pub recipient: String,
    /// The language of the readable copies.
    pub locale: Locale,
    pub chosen: Vec<Chosen>,
    /// The case's whole log, with the export's entries.
    pub custody: Vec<CustodyEntry>,
    pub members: Vec<Member>,
    pub consents: Vec<Consent>,
    head: SignedHead,
}

/// Checks an export request (a lead's; an age recipient; at least one item; a reason; a
/// language), each item's consent to prosecution (a refusal is logged), and records the
/// export: one custody entry per item and the audit entry, in one transaction.
pub async fn prepare<'a>(
    db: &Db,
    access: &CaseAccess<'a>,
    req: ExportRequest<'_>,
) -> Result<Export<'a>> {
    access.require_manage()?;
    let recipient = req.recipient.trim().to_owned();
    if !recipient.starts_with("age1") || recipient.len() > 100 {
        return Err(Error::BadRequest("err-age-recipient"));
    }
    if req.items.is_empty() {
        return Err(Error::BadRequest("err-export-empty"));
    }
    let why = super::reason(req.reason)?;
    if why.is_empty() {
        return Err(Error::BadRequest("err-vault-reason-required"));
    }
    let locale = Locale::from_tag(req.language.trim())
        .ok_or(Error::BadRequest("err-vault-export-language"))?;
    let id = access.id().to_owned();
    let vault = access.vault;
    let mut chosen = Vec::new();
    for item_id in req.items {
        let item = records::item(db, &id, item_id, vault)
            .await
            .map_err(|_| Error::BadRequest("err-unknown-choice"))?;
        check_consent(db, access, &item, ConsentUse::Prosecution, "export").await?;
        chosen.push(choose(vault, item)?);
    }
    // One custody entry per exported item, before the log goes into the bundle.
    let mut tx = super::begin(db).await?;
    let mut heads = Vec::new();
    for c in &chosen {
        let entry = access.entry(
            "export",
            &format!("item {} as {} to {recipient}: {why}", c.item.id, c.name),
            Some(&c.sha256),
        );
        heads.push(records::log_in(&mut tx, entry, vault).await?);
    }
    spona_store::tx::fault_point("vault.exported")?;
    super::audit_in(&mut tx, &access.actor, "vault.exported").await?;
    tx.commit().await?;
    for head in &heads {
        spona_store::vault::CustodySigner::committed(vault, head);
    }
    let case = records::case(db, &id).await?;
    let head = vault
        .head_of(&case)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("case {id} has no custody head")))?;
    Ok(Export {
        custody: records::custody(db, &id, vault).await?,
        members: records::members(db, &id).await?,
        consents: records::consents(db, &id, vault).await?,
        vault,
        case_id: id,
        recipient,
        locale,
        chosen,
        head,
    })
}

fn choose(vault: &Vault, item: Item) -> Result<Chosen> {
    let text = vault.unseal(&item_owner(&item.id), &item.sealed)?;
    let short = &item.id[item.id.len().saturating_sub(8)..];
    Ok(match (&item.blob_id, &item.wrapped_key, &item.sha256) {
        (Some(blob), Some(wrapped), Some(sha)) => Chosen {
            name: format!("{short}-{}", safe_name(&text)),
            source: Source::Blob {
                blob: blob.clone(),
                wrapped: spona_vault::WrappedKey::from_base64(wrapped)
                    .map_err(|e| Error::Internal(e.into()))?,
            },
            sha256: sha.clone(),
            size: item.size.unwrap_or_default().max(0) as u64,
            item,
        },
        _ => {
            let bytes = text.as_bytes().to_vec();
            Chosen {
                name: format!("{short}-testimony.json"),
                sha256: hex::encode(Sha256::digest(&bytes)),
                size: bytes.len() as u64,
                source: Source::Text(bytes),
                item,
            }
        }
    })
}

impl Export<'_> {
    /// Whether an entry concerns one of the exported items.
    fn concerns(&self, e: &CustodyEntry) -> bool {
        self.chosen
            .iter()
            .any(|c| e.reason.contains(c.item.id.as_str()))
    }

    /// The entries disclosed in full: those of the exported items.
    pub fn disclosed(&self) -> Vec<CustodyEntry> {
        self.custody
            .iter()
            .filter(|e| self.concerns(e))
            .cloned()
            .collect()
    }

    /// The server's public key (`spona-server-ed25519 <hex>`).
    pub fn public_key(&self) -> String {
        self.vault.server().public().to_text()
    }

    /// Writes the bundle with the `readable` copies (name, bytes) to a scratch file (its size
    /// is then known), unlinked, and returns the open file rewound: memory stays flat
    /// whatever the files' sizes. The inner error is the bundle's own (a bad recipient, a
    /// file failing its check, a full disk).
    pub async fn write(
        self,
        readable: Vec<(String, Vec<u8>)>,
    ) -> Result<std::result::Result<std::fs::File, spona_vault::VaultError>> {
        let scratch = self.vault.scratch_dir();
        std::fs::create_dir_all(&scratch).map_err(|e| Error::Internal(e.into()))?;
        let blobs = self.vault.blobs.clone();
        let key = self.vault.key().clone();
        let server = self.vault.server().clone();
        let exported: Vec<String> = self.chosen.iter().map(|c| c.item.id.to_string()).collect();
        let Export {
            case_id,
            custody,
            chosen,
            head,
            recipient,
            ..
        } = self;
        tokio::task::spawn_blocking(move || {
            let mut out = tempfile::tempfile_in(&scratch).map_err(|e| Error::Internal(e.into()))?;
            let mut items = Vec::new();
            for c in chosen {
                let reader: Box<dyn std::io::Read> = match c.source {
                    Source::Blob { blob, wrapped } => {
                        match blobs.open_blob(&key, &blob, &wrapped, &c.sha256) {
                            Ok(r) => Box::new(r),
                            Err(e) => return Ok(Err(e)),
                        }
                    }
                    Source::Text(bytes) => Box::new(std::io::Cursor::new(bytes)),
                };
                items.push(BundleItem {
                    name: c.name,
                    sha256_hex: c.sha256,
                    size: c.size,
                    created_at_ms: c.item.created_at * 1000,
                    content: reader,
                });
            }
            // Only the entries of the exported items go out in full, and the changes of the
            // signing key (so a key pinned before a rotation leads to the current one); the
            // rest by hash only.
            let disclose = |e: &CustodyEntry| {
                e.action == spona_vault::ROTATION_ACTION
                    || exported.iter().any(|id| e.reason.contains(id.as_str()))
            };
            if let Err(e) = spona_vault::write_bundle(
                &mut out,
                BundleCase {
                    case_id: &case_id,
                    custody: &custody,
                    disclose: &disclose,
                    head: &head,
                    readable,
                },
                items,
                &server,
                &recipient,
                &scratch,
            ) {
                return Ok(Err(e));
            }
            use std::io::Seek;
            out.rewind().map_err(|e| Error::Internal(e.into()))?;
            Ok(Ok(out))
        })
        .await
        .map_err(|e| Error::Internal(e.into()))?
    }
}

/// A file name that is safe inside the bundle and on the recipient's disk.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn bundle_names_are_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("..."), "file");
        assert_eq!(safe_name("report 2026.pdf"), "report_2026.pdf");
        assert_eq!(safe_name(&"a".repeat(100)).len(), 80);
    }
}
