//! `spona custody verify` for federation (issue 20): each vault item received from a partner
//! — its hand-over again (signed by the partner's pinned key, the sender's chain up to the
//! hand-over, the bytes' SHA-256 once decrypted with the receiving organisation's identity)
//! and this side's chain of its case after it ([`verify_all`]); and the custody chain of
//! every referral sent to or received from a partner ([`verify_referrals`]).

use spona_federation::handover::{self, Handover};
use spona_federation::{DeploymentPublicKey, OrgIdentity};
use spona_store::Db;
use spona_store::federation::vault_items as store;
use spona_store::federation::{self as fstore, referrals as rstore};
use spona_vault::custody::{CustodyEntry, GENESIS_HASH};

use super::vault_items::{entry_of, handover_owner};
use super::{FedKeys, keys::org_identity_in};
use crate::Result;

/// What is wrong with a hash-linked chain without a signed head (numbering, links, hashes).
pub fn chain_problems(entries: &[CustodyEntry]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut prev = GENESIS_HASH.to_owned();
    for (n, e) in entries.iter().enumerate() {
        if e.seq != n as u64 {
            problems.push(format!(
                "entry {n} is numbered {} (missing or reordered)",
                e.seq
            ));
        }
        if e.compute_hash() != e.hash {
            problems.push(format!("entry {} ({}) was altered", e.seq, e.action));
        } else if e.prev_hash != prev {
            problems.push(format!(
                "entry {} does not link to the entry before it",
                e.seq
            ));
        }
        prev = e.hash.clone();
    }
    problems
}

/// One checked chain: its id, how many entries, what is wrong.
#[derive(Debug, Clone)]
pub struct Checked {
    pub id: String,
    pub entries: usize,
    pub items: usize,
    pub problems: Vec<String>,
}

/// An organisation's identity, opened (outside a transaction of the caller's).
pub(crate) async fn identity(db: &Db, keys: &FedKeys, org: &str) -> Result<Option<OrgIdentity>> {
    let mut tx = db.begin().await?;
    let id = org_identity_in(&mut tx, keys, org).await?;
    drop(tx);
    Ok(id)
}

/// Checks every received case: this side's chain, and per item its hand-over against the
/// partner's pinned key, the bytes as stored (decrypted with the organisation's identity)
/// and the `received` entry. See the module documentation.
pub async fn verify_all(db: &Db, keys: &FedKeys) -> Result<Vec<Checked>> {
    let partners = fstore::partners(db).await?;
    let mut out = Vec::new();
    for case in store::cases(db).await? {
        let entries: Vec<CustodyEntry> = store::custody(db, &case.id)
            .await?
            .into_iter()
            .map(entry_of)
            .collect();
        let mut problems: Vec<String> = chain_problems(&entries)
            .into_iter()
            .map(|p| format!("custody here: {p}"))
            .collect();
        problems.extend(
            super::vault_withdraw::problems(db, &case.id, &entries)
                .await?
                .into_iter()
                .map(|p| format!("custody here: {p}")),
        );
        let org_identity = identity(db, keys, &case.local_org).await?;
        let pinned = partners
            .iter()
            .find(|p| p.id == case.partner_id)
            .map(|p| p.signing_key.clone());
        let items = store::items(db, &case.id).await?;
        for item in &items {
            let at = |p: String| format!("item {}: {p}", item.id);
            let h = keys
                .open_sealed(&handover_owner(&item.id), &item.handover_sealed)
                .ok()
                .and_then(|json| serde_json::from_str::<Handover>(&json).ok());
            let Some(h) = h else {
                problems.push(at(
                    "its hand-over record does not open (moved or edited)".into()
                ));
                continue;
            };
            if pinned.as_deref() != Some(item.sender_key.as_str()) {
                problems.push(at(format!(
                    "signed by {}, which is not the partner's pinned key",
                    item.sender_key
                )));
            }
            // A large item's bytes are its chunks, streamed; a small one's are in the row.
            let streamed = match &org_identity {
                Some(id) => super::vault_chunks::open_item(db, id, item, std::io::sink()).await?,
                None => None,
            };
            if let Some(found) = &streamed {
                problems.extend(
                    super::vault_chunks::stored_problems(found, &h.sha256, h.size)
                        .into_iter()
                        .map(at),
                );
            }
            let bytes = match (&org_identity, handover::ciphertext(&item.ciphertext)) {
                _ if streamed.is_some() => None,
                (Some(id), Ok(ct)) => match handover::open_with(id, &ct) {
                    Ok(b) => Some(b),
                    Err(e) => {
                        problems.push(at(format!("its bytes do not open: {e}")));
                        None
                    }
                },
                (None, _) => {
                    problems.push(at("the organisation has no federation key".into()));
                    None
                }
                (_, Err(e)) => {
                    problems.push(at(format!("its bytes: {e}")));
                    None
                }
            };
            match DeploymentPublicKey::from_hex(&item.sender_key) {
                Ok(key) => problems.extend(h.check(&key, bytes.as_deref()).into_iter().map(at)),
                Err(_) => problems.push(at("the sender's key is malformed".into())),
            }
            if item.sha256 != h.sha256
                || item.size as u64 != h.size
                || item.sender_item != h.item_id
            {
                problems.push(at(
                    "its SHA-256, size or sender's item differ from its hand-over".into(),
                ));
            }
            if !entries.iter().any(|e| {
                e.action == "received"
                    && e.reason.starts_with(&format!("item {}:", item.id))
                    && e.item_sha256.as_deref() == Some(item.sha256.as_str())
            }) {
                problems.push(at("no custody entry here received it".into()));
            }
        }
        out.push(Checked {
            id: case.id,
            entries: entries.len(),
            items: items.len(),
            problems,
        });
    }
    Ok(out)
}

/// Checks the custody chain of every referral sent to or received from a partner
/// (`federation_referral_custody`): numbering, links, hashes.
pub async fn verify_referrals(db: &Db) -> Result<Vec<Checked>> {
    let mut out = Vec::new();
    for id in store::all_referral_ids(db).await? {
        let entries: Vec<CustodyEntry> = rstore::custody(db, &id)
            .await?
            .into_iter()
            .map(|r| CustodyEntry {
                case_id: format!("fed-referral:{}", r.referral_id),
                seq: r.seq.max(0) as u64,
                at_ms: r.at_ms,
                actor: r.actor,
                action: r.action,
                reason: r.reason,
                item_sha256: None,
                prev_hash: r.prev_hash,
                hash: r.hash,
            })
            .collect();
        let mut problems = chain_problems(&entries);
        if entries.is_empty() {
            problems.push("no custody entries".into());
        }
        out.push(Checked {
            id,
            entries: entries.len(),
            items: 0,
            problems,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use spona_vault::custody::NewEntry;

    use super::*;

    fn entries(n: usize) -> Vec<CustodyEntry> {
        let mut out: Vec<CustodyEntry> = Vec::new();
        for i in 0..n {
            out.push(spona_vault::custody::append(
                out.last(),
                NewEntry {
                    case_id: "c".into(),
                    at_ms: i as i64,
                    actor: "a".into(),
                    action: "received".into(),
                    reason: format!("item {i}"),
                    item_sha256: None,
                },
            ));
        }
        out
    }

    #[test]
    fn a_chain_without_a_head_shows_each_break() {
        let good = entries(3);
        assert!(chain_problems(&good).is_empty());
        let mut altered = good.clone();
        altered[1].reason = "item 9".into();
        assert!(chain_problems(&altered)[0].contains("entry 1"));
        let mut dropped = good.clone();
        dropped.remove(1);
        assert!(!chain_problems(&dropped).is_empty());
        let mut rewritten = good;
        rewritten[1].reason = "item 9".into();
        rewritten[1].hash = rewritten[1].compute_hash();
        let p = chain_problems(&rewritten);
        assert!(
            p.iter().any(|p| p.contains("entry 2 does not link")),
            "{p:?}"
        );
    }
}
