//! Each referral's custody chain: one entry per view and change, hash-linked as
//! `spona_vault::custody` computes it (`case_id` `referral:<id>`), ending in a head signed
//! with the server's Ed25519 key (`referral_heads`), as a vault case's chain does. After the
//! commit the head also goes to the record outside the database (`heads.log`), so that a
//! deleted referral or a chain rolled back shows in `spona custody verify`.

use spona_store::referrals::{self as store, heads};
use spona_store::vault::CustodySigner;
use spona_store::{Db, Tx};
use spona_vault::{
    ChainReport, CustodyEntry, KeyChange, KeyTrust, NewEntry, ROTATION_ACTION, ServerKey,
    SignedHead, changes_in, verify_chain_across,
};

use super::read::lock;
use crate::Result;
use crate::actor::Actor;
use crate::vault::keys::{Vault, now_ms};

/// The chain's name in custody entries, signed heads and `heads.log`.
pub fn chain_id(id: &str) -> String {
    format!("referral:{id}")
}

/// Appends a custody entry for `id` and signs the new head (call after locking the referral
/// or in the creating transaction); hand the entry to [`commit`].
pub(crate) async fn custody_in(
    tx: &mut Tx,
    vault: &Vault,
    id: &str,
    actor: &str,
    action: &str,
) -> Result<CustodyEntry> {
    let prev = store::custody_last_in(tx, id).await?;
    let entry = spona_vault::custody::append(
        prev.as_ref(),
        NewEntry {
            case_id: chain_id(id),
            at_ms: now_ms(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            reason: String::new(),
            item_sha256: None,
        },
    );
    store::custody_insert_in(tx, id, &entry).await?;
    heads::set_head_in(tx, id, entry.seq, &entry.hash, &vault.sign(&entry)).await?;
    Ok(entry)
}

/// Commits, then records the new heads in `heads.log` (a failure there is logged; `spona
/// custody verify` then reports the head as unrecorded).
pub(crate) async fn commit(tx: Tx, vault: &Vault, appended: &[CustodyEntry]) -> Result<()> {
    tx.commit().await?;
    for e in appended {
        CustodySigner::committed(vault, e);
    }
    Ok(())
}

/// The referral's custody chain and whether it is intact (every hash and link, and the
/// signed head), for its case workers (the reading is itself logged).
pub async fn custody(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
) -> Result<(Vec<CustodyEntry>, bool)> {
    let mut tx = db.begin().await?;
    lock(actor, &mut tx, id).await?;
    let e = custody_in(
        &mut tx,
        vault,
        id,
        actor.id().unwrap_or_default(),
        "custody-view",
    )
    .await?;
    commit(tx, vault, &[e]).await?;
    let entries = store::custody(db, id).await?;
    let intact = chain_intact(&entries) && verify(db, vault, id, &entries).await?.is_intact();
    Ok((entries, intact))
}

/// Every entry hashes to itself and links to the one before, from the genesis.
pub fn chain_intact(entries: &[CustodyEntry]) -> bool {
    let mut prev = spona_vault::custody::GENESIS_HASH.to_owned();
    for (i, e) in entries.iter().enumerate() {
        if e.seq != i as u64 || e.prev_hash != prev || e.compute_hash() != e.hash {
            return false;
        }
        prev = e.hash.clone();
    }
    true
}

/// The referral's signed head as stored, in the vault's form.
pub fn signed_head(vault: &Vault, head: Option<&heads::Head>) -> Option<SignedHead> {
    head.filter(|h| h.seq >= 0).map(|h| SignedHead {
        case_id: chain_id(&h.referral_id),
        seq: h.seq as u64,
        hash: h.hash.clone(),
        public_key: vault.server().public().to_hex(),
        signature: h.signature.clone(),
    })
}

/// Checks a referral's chain against its signed head with the current key (following the
/// key changes the chain records).
pub async fn verify(
    db: &Db,
    vault: &Vault,
    id: &str,
    entries: &[CustodyEntry],
) -> Result<ChainReport> {
    let head = heads::head(db, id).await?;
    let trust = KeyTrust::new(vault.server().public(), changes_in(entries));
    Ok(verify_chain_across(
        &chain_id(id),
        entries,
        signed_head(vault, head.as_ref()).as_ref(),
        &trust,
    ))
}

/// The status a chain's actions lead to (`None` before `create`).
pub fn status_in_chain(entries: &[CustodyEntry]) -> Option<&'static str> {
    entries
        .iter()
        .filter_map(|e| match e.action.as_str() {
            "create" => Some("sent"),
            "more-info" => Some("more-info"),
            "accept" => Some("accepted"),
            "decline" => Some("declined"),
            "outcome" => Some("closed"),
            "consent-withdrawn" => Some("withdrawn"),
            _ => None,
        })
        .next_back()
}

/// One referral as `spona custody verify` sees it.
pub struct Checked {
    pub id: String,
    pub entries: Vec<CustodyEntry>,
    /// In words, each naming nothing of the person.
    pub problems: Vec<String>,
}

/// Every referral's chain (named `referral:<id>`, as in `heads.log`) with its status, for
/// [`verify_all`] and for the key trust of `spona custody verify`.
pub async fn all_chains(db: &Db) -> Result<Vec<(String, String, Vec<CustodyEntry>)>> {
    Ok(heads::all_chains(db).await?)
}

/// Checks every referral: its chain (hashes, links, order) against its signed head from
/// `trust`'s key across recorded key changes, and the status in the table against the one
/// its chain records.
pub async fn verify_all(
    db: &Db,
    vault: &Vault,
    chains: Vec<(String, String, Vec<CustodyEntry>)>,
    trust: &KeyTrust,
) -> Result<Vec<Checked>> {
    let signed = heads::all_heads(db).await?;
    let mut out = Vec::with_capacity(chains.len());
    for (id, status, entries) in chains {
        let head = signed.iter().find(|h| h.referral_id == id);
        let report = verify_chain_across(
            &chain_id(&id),
            &entries,
            signed_head(vault, head).as_ref(),
            trust,
        );
        let mut problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        match status_in_chain(&entries) {
            Some(s) if s != status => problems.push(format!(
                "the status is {status} in the table, its custody chain records {s}"
            )),
            None if !entries.is_empty() => {
                problems.push("its custody chain records no creation".to_owned())
            }
            _ => {}
        }
        out.push(Checked {
            id,
            entries,
            problems,
        });
    }
    Ok(out)
}

/// Records a change of the signing key in every referral's chain that does not hold it
/// yet, in one transaction: an entry whose reason is the change (signed by both keys), its
/// head signed with the new key. Returns the appended entries (for `heads.log`, where the
/// caller records them with the old key before the key-change line).
pub async fn rotate_signing_key(
    db: &Db,
    change: &KeyChange,
    new: &ServerKey,
) -> Result<Vec<CustodyEntry>> {
    let mut tx = db.begin().await?;
    let ids = heads::lock_all_in(&mut tx).await?;
    let mut appended = Vec::new();
    for id in ids {
        let prev = store::custody_last_in(&mut tx, &id).await?;
        let done = prev.as_ref().is_some_and(|p| {
            KeyChange::from_entry(p)
                .flatten()
                .is_some_and(|c| c.old == change.old && c.new == change.new)
        });
        if done {
            continue;
        }
        let e = spona_vault::custody::append(
            prev.as_ref(),
            NewEntry {
                case_id: chain_id(&id),
                at_ms: change.at_ms,
                actor: "spona vault rotate-signing-key".to_owned(),
                action: ROTATION_ACTION.to_owned(),
                reason: change.to_reason(),
                item_sha256: None,
            },
        );
        store::custody_insert_in(&mut tx, &id, &e).await?;
        let signature = new.sign_head(&e.case_id, e.seq, &e.hash).signature;
        heads::set_head_in(&mut tx, &id, e.seq, &e.hash, &signature).await?;
        appended.push(e);
    }
    tx.commit().await?;
    Ok(appended)
}

/// Signs the heads of referrals made before heads were signed (migration 0111): a chain with
/// no signed head that `heads.log` never recorded. A chain that `heads.log` knows is never
/// signed again here — its missing head stays a problem for `spona custody verify`. Run at
/// start; returns how many heads it signed.
pub async fn sign_unsigned_heads(db: &Db, vault: &Vault) -> Result<usize> {
    let signed = heads::all_heads(db).await?;
    let chains = heads::all_chains(db).await?;
    let unsigned: Vec<_> = chains
        .into_iter()
        .filter(|(id, _, entries)| {
            !entries.is_empty() && !signed.iter().any(|h| &h.referral_id == id)
        })
        .collect();
    if unsigned.is_empty() {
        return Ok(0);
    }
    let recorded = spona_vault::read_heads(&vault.heads_path(), &vault.server().public())
        .map_err(|e| crate::Error::Internal(anyhow::anyhow!("{e}")))?
        .map(|r| r.heads)
        .unwrap_or_default();
    let mut done = Vec::new();
    let mut tx = db.begin().await?;
    for (id, _, entries) in unsigned {
        if recorded.contains_key(&chain_id(&id)) {
            continue;
        }
        if let Some(last) = entries.last() {
            heads::set_head_in(&mut tx, &id, last.seq, &last.hash, &vault.sign(last)).await?;
            done.push(last.clone());
        }
    }
    commit(tx, vault, &done).await?;
    Ok(done.len())
}
