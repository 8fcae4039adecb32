//! Checking a case against its chain of custody: the chain itself (against its signed head
//! and the server key), every stored file (read through decryption and hashing), the tables
//! (team, items, consent) against what the log says, and the record of heads kept outside
//! the database. The custody page's "verify" and `spona custody verify` run the same checks.

use spona_store::Db;
use spona_store::vault::{self as records, Case, Item};
use spona_vault::{ChainReport, CustodyEntry};

use super::consent::{consent_facts, scope_of};
use super::{CaseAccess, Vault, item_owner};
use crate::{Error, Result};

/// What verifying a case found.
pub struct Verification {
    /// The case as it stands after the verification's own custody entry.
    pub case: Case,
    pub entries: Vec<CustodyEntry>,
    pub report: ChainReport,
    /// Problems with files, tables and the heads record, in words.
    pub problems: Vec<String>,
    /// How many stored files were read.
    pub files_checked: usize,
}

/// Verifies a case completely for a team member; the verification is itself logged first.
pub async fn verify_case(db: &Db, access: &CaseAccess<'_>) -> Result<Verification> {
    let id = access.id().to_owned();
    let why = "verification of the custody log and every stored file";
    super::log(db, access.vault, access.entry("verify", why, None)).await?;
    let case = records::case(db, &id).await?;
    let entries = records::custody(db, &id, access.vault).await?;
    let report = access.vault.verify_case(&case, &entries);
    let items = records::items(db, &id, access.vault).await?;
    let (mut problems, files_checked) = verify_blobs(access.vault, items).await?;
    problems.extend(verify_records(access.vault, db, &id, &entries).await?);
    problems.extend(
        access
            .vault
            .verify_heads(
                &[(id.clone(), entries.clone())],
                &access.vault.server().public(),
            )?
            .into_iter()
            .filter(|p| p.contains(&id) || p.starts_with("the record")),
    );
    Ok(Verification {
        case,
        entries,
        report,
        problems,
        files_checked,
    })
}

/// Reads every file item's blob through decryption and hashing; names each one that fails.
pub async fn verify_blobs(vault: &Vault, items: Vec<Item>) -> Result<(Vec<String>, usize)> {
    let files: Vec<Item> = items.into_iter().filter(|i| i.kind == "file").collect();
    let checked = files.len();
    let blobs = vault.blobs.clone();
    let key = vault.key().clone();
    let problems = tokio::task::spawn_blocking(move || {
        let mut problems = Vec::new();
        for i in files {
            let (Some(blob), Some(wrapped), Some(sha)) = (&i.blob_id, &i.wrapped_key, &i.sha256)
            else {
                problems.push(format!("item {}: no stored file recorded", i.id));
                continue;
            };
            let result = spona_vault::WrappedKey::from_base64(wrapped)
                .and_then(|w| blobs.verify(&key, blob, &w, sha));
            if let Err(e) = result {
                problems.push(format!("item {} ({sha}): {e}", i.id));
            }
        }
        problems
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?;
    Ok((problems, checked))
}

/// Compares a case's tables with what its chain of custody says (see
/// [`spona_vault::facts`]): the team and each member's role, every item (that it was created
/// in this case, its kind, the hash and size of its original — a testimony's hash is that of
/// its unsealed text) and each item's consent. Names each difference.
pub async fn verify_records(
    vault: &Vault,
    db: &spona_store::Db,
    case_id: &str,
    entries: &[CustodyEntry],
) -> Result<Vec<String>> {
    use sha2::{Digest, Sha256};
    let facts = spona_vault::replay(entries);
    let mut problems: Vec<String> = facts
        .unreadable
        .iter()
        .map(|p| format!("log: {p}"))
        .collect();

    let members = records::members(db, case_id).await?;
    for m in &members {
        match facts.team.get(m.user_id.as_str()) {
            None => problems.push(format!(
                "team: {} is on the team ({}) but no custody entry granted it",
                m.user_id, m.role
            )),
            Some(role) if role != m.role.as_str() => problems.push(format!(
                "team: {} has the role {} in the table, the log gave {role}",
                m.user_id, m.role
            )),
            Some(_) => {}
        }
    }
    for (user, role) in &facts.team {
        if !members.iter().any(|m| &m.user_id == user) {
            problems.push(format!(
                "team: {user} was granted {role} in the log and is missing from the table"
            ));
        }
    }

    let items = records::items(db, case_id, vault).await?;
    let consents = records::consents(db, case_id, vault).await?;
    for item in &items {
        let Some(recorded) = facts.items.get(item.id.as_str()) else {
            problems.push(format!(
                "item {}: no custody entry created it in this case (inserted, or moved from another case)",
                item.id
            ));
            continue;
        };
        for column in &item.unreadable {
            problems.push(format!(
                "item {}: its sealed {column} does not open for it (moved, swapped or edited)",
                item.id
            ));
        }
        if recorded.kind != item.kind {
            problems.push(format!(
                "item {}: a {} in the table, the log created a {}",
                item.id, item.kind, recorded.kind
            ));
        }
        if item.kind == "testimony" {
            match vault.unseal(&item_owner(&item.id), &item.sealed) {
                Err(_) => problems.push(format!(
                    "item {}: its sealed text does not open for it (swapped or moved)",
                    item.id
                )),
                Ok(text) => {
                    let sha = hex::encode(Sha256::digest(text.as_bytes()));
                    if recorded.sha256.as_ref().is_some_and(|r| *r != sha) {
                        problems.push(format!(
                            "item {}: the testimony is not the one recorded (SHA-256 {sha}, the log says {})",
                            item.id,
                            recorded.sha256.as_deref().unwrap_or_default()
                        ));
                    }
                }
            }
        } else {
            if item.sha256 != recorded.sha256 {
                problems.push(format!(
                    "item {}: SHA-256 {} in the table, the log recorded {}",
                    item.id,
                    item.sha256.as_deref().unwrap_or("none"),
                    recorded.sha256.as_deref().unwrap_or("none")
                ));
            }
            let size = item.size.map(|s| s.max(0) as u64);
            if recorded.size.is_some() && size != recorded.size {
                problems.push(format!(
                    "item {}: {} bytes in the table, the log recorded {}",
                    item.id,
                    size.unwrap_or_default(),
                    recorded.size.unwrap_or_default()
                ));
            }
        }
        if let Some(logged) = &recorded.consent {
            let row = consents.iter().find(|c| c.item_id == item.id);
            let table = consent_facts(&scope_of(row));
            if row.is_none() {
                problems.push(format!(
                    "item {}: no consent in the table, the log recorded \"{}\"",
                    item.id,
                    logged.summary()
                ));
            } else if table != *logged {
                problems.push(format!(
                    "item {}: consent in the table is \"{}\", the log recorded \"{}\"",
                    item.id,
                    table.summary(),
                    logged.summary()
                ));
            }
        }
    }
    for (id, recorded) in &facts.items {
        if !items.iter().any(|i| &i.id == id) {
            problems.push(format!(
                "item {id}, created in entry {}, is missing from the table (deleted or moved)",
                recorded.created_at_seq
            ));
        }
    }
    Ok(problems)
}
