//! The vault's commands: `spona custody verify`, `spona vault rotate-key` and
//! `spona verify-bundle`.

use std::path::Path;

use anyhow::{Context, bail};

use crate::cli::{CustodyVerifyArgs, RotateKeyArgs, Storage, VerifyBundleArgs};

pub(crate) async fn custody_verify(
    storage: &Storage,
    args: CustodyVerifyArgs,
) -> anyhow::Result<()> {
    let db = storage.open().await?;
    // The vault alone: a running server may hold the search index meanwhile.
    let state = crate::blobs_cmd::open_vault(storage, &args.vault)?;
    let vault = match &state {
        spona_app::vault::VaultState::Open(v) => v,
        spona_app::vault::VaultState::Closed(reason) => {
            bail!("the vault cannot be opened: {reason}")
        }
    };
    let sealed = spona_app::vault::seal_clear_values(&db, vault).await?;
    if sealed > 0 {
        println!("sealed {sealed} values an older version of Spona kept in clear");
    }
    let mut problems = 0;
    let cases = spona_store::vault::all_cases(&db).await?;
    let mut chains = Vec::with_capacity(cases.len());
    for case in &cases {
        chains.push((
            case.id.to_string(),
            spona_store::vault::custody(&db, &case.id, vault.as_ref()).await?,
        ));
    }
    // Every referral's chain too (`referral:<id>`): the same key trust and heads record.
    let referral_chains = spona_app::referrals::custody::all_chains(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (id, _, entries) in &referral_chains {
        chains.push((spona_app::referrals::custody::chain_id(id), entries.clone()));
    }
    let (trust, words) = crate::signing_cmd::trust(vault, args.trusted_key.as_deref(), &chains)?;
    for w in &words {
        println!("{w}");
    }
    for (case, (_, entries)) in cases.iter().zip(&chains) {
        let report = vault.verify_case_trusting(case, entries, &trust);
        let items = spona_store::vault::items(&db, &case.id, vault.as_ref()).await?;
        let (blob_problems, files) = spona_app::vault::verify::verify_blobs(vault, items)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let record_problems =
            spona_app::vault::verify::verify_records(vault, &db, &case.id, entries)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        if report.problems.is_empty() && blob_problems.is_empty() && record_problems.is_empty() {
            println!(
                "case {}: {} custody entries, the team, items and consent they record, and {files} files intact",
                case.id,
                entries.len()
            );
        }
        for p in &report.problems {
            println!("case {}: custody: {p}", case.id);
            problems += 1;
        }
        for p in &record_problems {
            println!("case {}: {p}", case.id);
            problems += 1;
        }
        for p in &blob_problems {
            println!("case {}: file: {p}", case.id);
            problems += 1;
        }
    }
    // The custody tree (issue 24): each case's entries proven in its signed checkpoint.
    problems +=
        crate::custody_tree_cmd::verify(&storage.data_dir, &db, &chains[..cases.len()], &args)
            .await?;
    let referrals = referral_chains.len();
    let checked = spona_app::referrals::custody::verify_all(&db, vault, referral_chains, &trust)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for r in &checked {
        if r.problems.is_empty() {
            println!(
                "referral {}: {} custody entries and the signed head intact",
                r.id,
                r.entries.len()
            );
        }
        for p in &r.problems {
            println!("referral {}: custody: {p}", r.id);
            problems += 1;
        }
    }
    let heads = vault
        .verify_heads(&chains, &trust.trusted())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for p in &heads {
        println!("heads record: {p}");
        problems += 1;
    }
    // Federation: items received from partners and federated referrals.
    let (fed_problems, received, fed_referrals) =
        crate::fedvault_cmd::verify(&storage.data_dir, &db).await?;
    problems += fed_problems;
    db.close().await;
    if problems > 0 {
        bail!(
            "{problems} problems found in {} cases, {referrals} referrals, {received} cases \
             received from partners and {fed_referrals} federated referrals",
            cases.len()
        );
    }
    if referrals > 0 {
        println!("all {referrals} referrals verified");
    }
    println!("all {} cases verified", cases.len());
    Ok(())
}

/// The owner the vault's `key-check` value is sealed for (as in `spona_app::vault`).
const KEY_CHECK_OWNER: &str = "key-check";

/// `spona vault rotate-key`: moves the vault from its current key to `--new-key-file`.
///
/// 1. Opens the vault with the old key as the server does (the `key-check` file must open),
///    without the search index, and loads or creates the new key.
/// 2. Writes the new `key-check` (and, for the default key file, the new `vault.key`) next to
///    the old ones as temporary files, mode 0600.
/// 3. Re-wraps every case title, item field and file key in one database transaction
///    ([`spona_store::vault::rewrap_all`]). Until it commits nothing has changed: any failure
///    removes the temporary files and leaves the vault on the old key.
/// 4. Renames the temporary files over `key-check`, then over `vault.key`.
///
/// If the process dies between the commit and step 4, the database is on the new key while
/// the files are not:
/// - `key-check` not yet replaced: the vault still opens with the old key, but nothing in it
///   reads. Run the same command again: values already under the new key are left as they
///   are, so it only finishes the files.
/// - `key-check` replaced, `vault.key` not: the vault refuses to open with the old key
///   ("does not match"). Start with `--vault-key-file NEW`, or copy NEW over `vault.key`
///   (mode 0600).
///
/// The command prints the matching hint when one of these steps fails.
pub(crate) async fn vault_rotate_key(storage: &Storage, args: RotateKeyArgs) -> anyhow::Result<()> {
    use spona_app::vault::{VaultState, item_owner, title_owner};
    use spona_store::vault::{RewrapError, SealedValue};
    use spona_vault::{SealedField, VaultKey, WrappedKey};

    let db = storage.open().await?;
    let dir = storage.data_dir.join("vault");
    let new_path = &args.new_key_file;
    let old = match VaultState::open(&dir, args.old.vault_key_file.as_deref()) {
        VaultState::Open(v) => {
            // Values still in clear are sealed under the old key first, then re-wrapped.
            spona_app::vault::seal_clear_values(&db, &v).await?;
            v.key().clone()
        }
        VaultState::Closed(reason) => bail!(
            "the vault cannot be opened with the old key: {reason}\n\
             (if an earlier rotation stopped half-way and printed so, the vault's key is now \
             {new}: start with --vault-key-file {new})",
            new = new_path.display()
        ),
    };
    let new = VaultKey::load_or_create(new_path)
        .map_err(|e| anyhow::anyhow!("the new key {}: {e}", new_path.display()))?;
    if new.id_hex() == old.id_hex() {
        bail!(
            "{} holds the vault's current key (id {}): give a new key file",
            new_path.display(),
            old.id_hex()
        );
    }

    // Stage the files that change with the key.
    let check_path = dir.join("key-check");
    let check_tmp = dir.join("key-check.rotating");
    let check = std::fs::read_to_string(&check_path)
        .with_context(|| format!("cannot read {}", check_path.display()))?;
    let new_check = SealedField::from_base64(check.trim())
        .and_then(|s| s.rewrap(&old, &new, KEY_CHECK_OWNER))
        .map_err(|e| anyhow::anyhow!("{}: {e}", check_path.display()))?;
    let default_key = args
        .old
        .vault_key_file
        .is_none()
        .then(|| dir.join("vault.key"));
    let key_tmp = dir.join("vault.key.rotating");
    let staged = (|| -> anyhow::Result<()> {
        write_private(&check_tmp, new_check.to_base64().as_bytes())?;
        if default_key.is_some() {
            // A copy keeps the source's owner-only mode (checked when the key was loaded).
            let _ = std::fs::remove_file(&key_tmp);
            std::fs::copy(new_path, &key_tmp).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    new_path.display(),
                    key_tmp.display()
                )
            })?;
            std::fs::File::open(&key_tmp)
                .and_then(|f| f.sync_all())
                .with_context(|| format!("cannot write {}", key_tmp.display()))?;
        }
        Ok(())
    })();
    let discard = || {
        let _ = std::fs::remove_file(&check_tmp);
        let _ = std::fs::remove_file(&key_tmp);
    };
    if let Err(e) = staged {
        discard();
        return Err(e.context("nothing was changed"));
    }

    // Re-wrap everything in one transaction; values already under the new key (a repeated
    // run after an interruption) stay as they are.
    let new_id = new.id_hex();
    let field = |owner: String, sealed: &str| -> Result<String, String> {
        let s = SealedField::from_base64(sealed).map_err(|e| format!("{owner}: {e}"))?;
        if s.vault_key_id_hex() == new_id {
            return Ok(sealed.to_owned());
        }
        s.rewrap(&old, &new, &owner)
            .map(|s| s.to_base64())
            .map_err(|e| format!("{owner}: {e}"))
    };
    let rewrap = |v: SealedValue<'_>| -> Result<String, String> {
        match v {
            SealedValue::CaseTitle { case_id, sealed } => field(title_owner(case_id), sealed),
            SealedValue::ItemField { item_id, sealed } => field(item_owner(item_id), sealed),
            SealedValue::Field { owner, sealed } => field(owner.to_owned(), sealed),
            SealedValue::BlobKey {
                item_id,
                blob_id,
                wrapped,
            } => {
                let problem = |e: spona_vault::VaultError| format!("item {item_id}: file key: {e}");
                let w = WrappedKey::from_base64(wrapped).map_err(problem)?;
                if w.vault_key_id_hex() == new_id {
                    return Ok(wrapped.to_owned());
                }
                w.rewrap(&old, &new, &spona_vault::blob_owner(blob_id))
                    .map(|w| w.to_base64())
                    .map_err(problem)
            }
        }
    };
    let done = match spona_store::vault::rewrap_all(&db, &rewrap).await {
        Ok(done) => done,
        Err(e) => {
            discard();
            db.close().await;
            let what = match e {
                RewrapError::Value(v) => format!("cannot re-wrap {v}"),
                RewrapError::Store(s) => format!("database: {s}"),
            };
            bail!("{what}\nnothing was changed: the vault is still on its old key");
        }
    };
    db.close().await;

    // The database is on the new key now: put the files in place.
    let new_arg = format!("--vault-key-file {}", new_path.display());
    if let Err(e) = std::fs::rename(&check_tmp, &check_path) {
        let _ = std::fs::remove_file(&key_tmp);
        bail!(
            "the database is on the new key (id {new_id}), but {} could not be replaced: {e}\n\
             run this command again with the same arguments to finish; until then nothing in \
             the vault reads",
            check_path.display()
        );
    }
    sync_dir(&dir);
    if let Some(default_key) = &default_key {
        if let Err(e) = std::fs::rename(&key_tmp, default_key) {
            bail!(
                "the vault is on the new key (id {new_id}), but {} could not be replaced: {e}\n\
                 the vault will refuse to open with the old key (\"does not match\"): start the \
                 server with {new_arg}, or copy {} over {} (mode 0600)",
                default_key.display(),
                new_path.display(),
                default_key.display()
            );
        }
        sync_dir(&dir);
    }

    println!(
        "re-wrapped {} sealed fields ({} case titles, {} item fields, {} other values) and {} \
         file keys from vault key {} to {new_id}; encrypted files were not rewritten",
        done.case_titles + done.item_fields + done.metadata,
        done.case_titles,
        done.item_fields,
        done.metadata,
        done.blob_keys,
        old.id_hex()
    );
    match &default_key {
        Some(path) => println!(
            "{} now holds the new key (a copy of {}); start the server as before",
            path.display(),
            new_path.display()
        ),
        None => println!("start the server with {new_arg} from now on"),
    }
    println!(
        "warning: destroy every copy and backup of the old key (id {}): whoever holds it and \
         an old database backup can still read that backup",
        old.id_hex()
    );
    Ok(())
}

/// Writes a new owner-only file (replacing a leftover one) and syncs it.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes renames in `dir` durable.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(crate) fn verify_bundle(args: VerifyBundleArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.bundle)
        .with_context(|| format!("cannot open the bundle {}", args.bundle.display()))?;
    let identity = match &args.identity {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the identity {}", p.display()))?
                .lines()
                .find(|l| l.starts_with("AGE-SECRET-KEY-"))
                .with_context(|| format!("{} holds no AGE-SECRET-KEY line", p.display()))?
                .to_owned(),
        ),
        None => None,
    };
    let trusted = match &args.server_key {
        Some(k) => {
            // The key itself (text form or hex), or a file holding it.
            let text = match std::fs::read_to_string(k) {
                Ok(t) => t,
                Err(_) => k.clone(),
            };
            Some(
                spona_vault::ServerPublicKey::from_text(&text)
                    .map_err(|e| anyhow::anyhow!("--server-key: {e}"))?,
            )
        }
        None => None,
    };
    let report = spona_vault::verify_bundle(
        std::io::BufReader::new(file),
        identity.as_deref(),
        trusted.as_ref(),
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", args.bundle.display()))?;
    if let Some(m) = &report.manifest {
        println!("case {}: {} files", m.case_id, m.items.len());
    }
    let signer = report
        .signer
        .as_deref()
        .and_then(|k| spona_vault::ServerPublicKey::from_hex(k).ok());
    match (&signer, report.key_pinned) {
        (Some(k), true) if report.key_path.len() > 1 => println!(
            "server key: {} (the trusted key given with --server-key is {}, an earlier key; \
             {} recorded key change(s) in the custody extract, each signed by the key it \
             replaces and by its successor, lead from it to this one)",
            spona_vault::fingerprint(k),
            report
                .key_path
                .first()
                .and_then(|h| spona_vault::ServerPublicKey::from_hex(h).ok())
                .map(|t| spona_vault::fingerprint(&t))
                .unwrap_or_default(),
            report.key_path.len() - 1
        ),
        (Some(k), true) => println!(
            "server key: {} (the trusted key given with --server-key)",
            spona_vault::fingerprint(k)
        ),
        (Some(k), false) => {
            println!();
            println!("  !!! SERVER KEY NOT PINNED !!!");
            println!(
                "  The bundle is signed with the key it carries: {}",
                spona_vault::fingerprint(k)
            );
            println!(
                "  Anyone can make a bundle signed with their own key. Compare this key with the one\n  \
                 the sending organisation gave you another way, and check again with --server-key."
            );
            println!();
        }
        (None, _) => println!("server key: none found"),
    }
    println!(
        "manifest signature: {}",
        if report.manifest_signature_valid {
            "valid"
        } else {
            "INVALID"
        }
    );
    if let Some(m) = &report.manifest {
        println!(
            "signed members unchanged: {} of {}",
            report.members_checked,
            m.members.len()
        );
        if let Some(c) = &report.custody {
            println!(
                "custody: {} entries of the exported items, of {} in the case's chain; {}",
                c.entries,
                m.custody_chain_length,
                if c.is_intact() {
                    "linked to the signed head"
                } else {
                    "NOT linked to the signed head"
                }
            );
        }
        println!(
            "files decrypted and checked against their SHA-256: {} of {}",
            report.files_checked,
            m.items.len()
        );
    }
    for p in &report.problems {
        println!("problem: {p}");
    }
    if !report.is_valid() {
        bail!(
            "the bundle failed verification: {} problems (listed above)",
            report.problems.len().max(1)
        );
    }
    if !report.key_pinned {
        bail!(
            "NOT VERIFIED: the bundle agrees with itself, but who made it is unproven; give the \
             server key you received from the sender with --server-key"
        );
    }
    if report.is_intact() {
        println!(
            "the bundle is intact: signed by the trusted server key, every member as signed, \
             every file decrypted to its SHA-256, the custody entries linked to the signed head"
        );
    } else {
        println!(
            "the signed members are unchanged, but the files were not decrypted, so the \
             originals' SHA-256 were not checked: give --identity to check them"
        );
    }
    Ok(())
}
