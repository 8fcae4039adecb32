//! `spona vault rotate-signing-key`, and which signing key `spona custody verify` trusts.
//!
//! A rotation goes in steps, each leaving a state `custody verify` accepts:
//!
//! 1. The new key is written to `server-ed25519.key.rotating` (mode 0600, synced). While
//!    this file exists the server refuses to open the vault, so nothing is signed with the
//!    old key after the database names the new one.
//! 2. One transaction appends to every case's chain a `rotate-signing-key` entry recording
//!    the change (signed by both keys), its head signed by the old key, then re-signs each
//!    head with the new key (`spona_store::vault::rotate_signing_key`). Before the commit
//!    nothing changed; after it the chains verify from the old key (the change leads from
//!    it to the new one) and from the new key.
//! 3. `heads.log` gets each new head signed by the old key, then a key-change line; later
//!    lines are signed by the new key.
//! 4. The old public key is appended to `server-ed25519.previous`, and the `.rotating` file
//!    is renamed over `server-ed25519.key`.
//!
//! An interrupted rotation is finished by running the command again: it takes the new key
//! from the `.rotating` file and skips the steps already done.

use std::path::Path;

use anyhow::{Context, bail};
use spona_app::vault::{ROTATING_SIGNING_KEY_FILE, SIGNING_KEY_FILE, Vault, VaultState};
use spona_store::vault::CustodySigner;
use spona_vault::{
    CustodyEntry, KeyChange, KeyTrust, NewEntry, ROTATION_ACTION, ServerKey, ServerPublicKey,
    changes_in, fingerprint,
};

use crate::cli::{Storage, VaultKeyArgs};

/// Where the public keys replaced by rotations are kept (one text line each).
const PREVIOUS_KEYS_FILE: &str = "server-ed25519.previous";

/// A test may stop the command at a named step (`SPONA_TEST_FAULT=rotate-signing-key:STEP`),
/// as a crash there would: the process aborts without cleaning up.
fn fault(step: &str) {
    if std::env::var("SPONA_TEST_FAULT").ok().as_deref()
        == Some(format!("rotate-signing-key:{step}").as_str())
    {
        eprintln!("SPONA_TEST_FAULT: stopping at {step}");
        std::process::abort();
    }
}

/// Signs heads with a given key (not the vault's current one); seals and opens values with
/// the vault's key, as the vault does.
struct KeySigner<'a>(&'a ServerKey, &'a Vault);

impl CustodySigner for KeySigner<'_> {
    fn sign(&self, e: &CustodyEntry) -> String {
        self.0.sign_head(&e.case_id, e.seq, &e.hash).signature
    }

    fn seal(&self, owner: &str, text: &str) -> String {
        CustodySigner::seal(self.1, owner, text)
    }

    fn open(&self, owner: &str, sealed: &str) -> Option<String> {
        CustodySigner::open(self.1, owner, sealed)
    }
}

pub(crate) async fn rotate_signing_key(
    storage: &Storage,
    args: VaultKeyArgs,
) -> anyhow::Result<()> {
    let db = storage.open().await?;
    let dir = storage.data_dir.join("vault");
    let vault = match VaultState::open(&dir, args.vault_key_file.as_deref()) {
        VaultState::Open(v) => v,
        VaultState::Closed(reason) => bail!("the vault cannot be opened: {reason}"),
    };
    let old = vault.server().clone();
    let tmp = dir.join(ROTATING_SIGNING_KEY_FILE);
    let resumed = tmp.exists();
    let new = if resumed {
        ServerKey::load(&tmp).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?
    } else {
        let key = ServerKey::generate();
        key.write_new(&tmp)
            .map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?;
        sync_dir(&dir);
        key
    };
    if new.public() == old.public() {
        bail!(
            "{} holds the current signing key; remove it and run the command again",
            tmp.display()
        );
    }
    fault("key-written");

    // Step 2, unless an interrupted run committed it already.
    let (old_hex, new_hex) = (old.public().to_hex(), new.public().to_hex());
    let cases = spona_store::vault::all_cases(&db).await?;
    let mut recorded: Option<KeyChange> = None;
    let mut committed = true;
    for case in &cases {
        let entries = spona_store::vault::custody(&db, &case.id, vault.as_ref()).await?;
        match changes_in(&entries).pop() {
            Some(c) if c.old == old_hex && c.new == new_hex => recorded = Some(c),
            _ => committed = false,
        }
    }
    // Referrals' chains record the same change, in a transaction after the cases' one: a
    // run interrupted between the two finds the change in the cases' chains (or, with no
    // case, in a referral's) and records it in the remaining referrals.
    let referral_chains = spona_app::referrals::custody::all_chains(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let referral_change = referral_chains
        .iter()
        .filter_map(|(_, _, entries)| changes_in(entries).pop())
        .find(|c| c.old == old_hex && c.new == new_hex);
    let change = match (committed, recorded, referral_change) {
        (true, Some(c), _) => c,
        (true, None, Some(c)) if cases.is_empty() => c,
        _ => KeyChange::sign(&old, &new, spona_app::vault::now_ms()),
    };
    let appended = if committed {
        Vec::new()
    } else {
        let reason = change.to_reason();
        let entry = |case_id: &str| {
            fault("in-transaction");
            NewEntry {
                case_id: case_id.to_owned(),
                at_ms: change.at_ms,
                actor: "spona vault rotate-signing-key".to_owned(),
                action: ROTATION_ACTION.to_owned(),
                reason: reason.clone(),
                item_sha256: None,
            }
        };
        spona_store::vault::rotate_signing_key(
            &db,
            &entry,
            &KeySigner(&old, &vault),
            &KeySigner(&new, &vault),
        )
        .await
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow::anyhow!(
                "database: {e}\nnothing was changed: the signing key is still {}",
                fingerprint(&old.public())
            )
        })?
    };
    let mut appended = appended;
    for e in spona_app::referrals::custody::rotate_signing_key(&db, &change, &new)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "database: {e}\nthe referrals' chains do not record the change yet; run this \
                 command again to finish"
            )
        })?
    {
        let old_signature = old.sign_head(&e.case_id, e.seq, &e.hash).signature;
        appended.push((e, old_signature));
    }
    db.close().await;
    fault("committed");

    // Step 3.
    if vault.heads().last_key_change() != Some(new_hex.as_str()) {
        record_heads(&vault, &old, &appended, &change)?;
    }
    fault("heads-recorded");

    // Step 4.
    append_previous(&dir.join(PREVIOUS_KEYS_FILE), &old.public(), &change)?;
    let key_path = dir.join(SIGNING_KEY_FILE);
    std::fs::rename(&tmp, &key_path).with_context(|| {
        format!(
            "the chains name the new key, but {} could not be renamed over {}; run this \
             command again to finish",
            tmp.display(),
            key_path.display()
        )
    })?;
    sync_dir(&dir);

    println!(
        "{}the signing key was rotated: {} cases record the change from {} to {}",
        if resumed {
            "an interrupted rotation was finished; "
        } else {
            ""
        },
        cases.len(),
        fingerprint(&old.public()),
        fingerprint(&new.public())
    );
    if !referral_chains.is_empty() {
        println!(
            "{} referrals' custody chains record the change too",
            referral_chains.len()
        );
    }
    println!(
        "the old public key is kept in {}; give recipients of export bundles the new key:\n{}",
        dir.join(PREVIOUS_KEYS_FILE).display(),
        new.public().to_text().trim_end()
    );
    println!(
        "bundles and chains still verify with the old key pinned (the change is signed by \
         both keys); destroy every copy of the old private key if it may have leaked"
    );
    Ok(())
}

fn record_heads(
    vault: &Vault,
    old: &ServerKey,
    appended: &[(CustodyEntry, String)],
    change: &KeyChange,
) -> anyhow::Result<()> {
    let heads = vault.heads();
    for (e, _) in appended {
        heads
            .record(old, &e.case_id, e.seq, &e.hash)
            .map_err(|e| anyhow::anyhow!("heads record: {e}; run this command again to finish"))?;
    }
    heads
        .record_key_change(old, change)
        .map_err(|e| anyhow::anyhow!("heads record: {e}; run this command again to finish"))
}

fn append_previous(path: &Path, old: &ServerPublicKey, change: &KeyChange) -> anyhow::Result<()> {
    use std::io::Write;
    let line = format!(
        "{} replaced by {} at {}\n",
        old.to_text().trim_end(),
        change.new,
        change.at_ms
    );
    if std::fs::read_to_string(path).is_ok_and(|t| t.contains(&line)) {
        return Ok(());
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut f| f.write_all(line.as_bytes()).and_then(|()| f.sync_all()))
        .with_context(|| format!("cannot write {}", path.display()))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The key `custody verify` trusts (`--trusted-key`, or the current one), with the key
/// changes the chains record, and what that means in words.
pub(crate) fn trust(
    vault: &Vault,
    trusted_key: Option<&str>,
    chains: &[(String, Vec<CustodyEntry>)],
) -> anyhow::Result<(KeyTrust, Vec<String>)> {
    let current = vault.server().public();
    let trusted = match trusted_key {
        Some(k) => {
            let text = std::fs::read_to_string(k).unwrap_or_else(|_| k.to_owned());
            ServerPublicKey::from_text(&text).map_err(|e| anyhow::anyhow!("--trusted-key: {e}"))?
        }
        None => current,
    };
    let changes = chains.iter().flat_map(|(_, entries)| changes_in(entries));
    let trust = KeyTrust::new(trusted, changes);
    let mut words = Vec::new();
    let forward = trust.forward();
    if trusted == current {
        words.push(format!(
            "signing key: {} (the current key{})",
            fingerprint(&current),
            if trusted_key.is_some() {
                ", as trusted"
            } else {
                ""
            }
        ));
        for c in trust.changes() {
            words.push(format!(
                "  it follows recorded key changes from earlier keys: {} replaced at {} (ms)",
                c.old_key().map(|k| fingerprint(&k)).unwrap_or_default(),
                c.at_ms
            ));
        }
    } else if forward.contains(&current) {
        words.push(format!(
            "trusted key: {}, an earlier signing key; {} recorded key change(s), each signed by \
             the key it replaces and by its successor, lead from it to the current key {}",
            fingerprint(&trusted),
            forward.len() - 1,
            fingerprint(&current)
        ));
    } else {
        words.push(format!(
            "trusted key: {} is not the current signing key {}, and no recorded key change \
             leads from it to the current key: heads signed since are reported as invalid",
            fingerprint(&trusted),
            fingerprint(&current)
        ));
    }
    Ok((trust, words))
}
