//! The custody tree's part of `spona custody verify` (issue 24 item 4): every vault case's
//! chain entries proven included in the custody tree's latest signed checkpoint, the tree
//! recomputed from its leaves, and the checkpoint checked to extend the last one this
//! verifier kept (`--custody-state`, by default `DATA_DIR/vault/custody-checkpoint.seen`).
//! The checkpoint must be signed by the pinned key (`--custody-key`, the text of
//! `/log/custody/key`) or else by the deployment's log key (`vault/log-ed25519.key`).

use std::path::Path;

use spona_tlog::{Checkpoint, VerifierKey};
use spona_vault::CustodyEntry;

use crate::cli::CustodyVerifyArgs;

/// Checks the tree; prints what it found; returns the number of problems.
pub(crate) async fn verify(
    data_dir: &Path,
    db: &spona_store::Db,
    chains: &[(String, Vec<CustodyEntry>)],
    args: &CustodyVerifyArgs,
) -> anyhow::Result<usize> {
    let Some(latest) = spona_store::custodylog::latest_checkpoint(db).await? else {
        let size = spona_store::custodylog::size(db).await?;
        if size > 0 {
            println!(
                "custody tree: {size} entries, no signed checkpoint yet (the server signs one \
                 within a minute; /log/custody/checkpoint)"
            );
        }
        return Ok(0);
    };
    let origin = latest.note.lines().next().unwrap_or_default().to_owned();
    let key = match &args.custody_key {
        Some(text) => {
            let text = match std::fs::read_to_string(text) {
                Ok(file) => file,
                Err(_) => text.clone(),
            };
            VerifierKey::parse(text.trim()).map_err(|e| anyhow::anyhow!("--custody-key: {e}"))?
        }
        None => {
            let file = data_dir.join("vault").join(spona_app::publog::key::FILE);
            if !file.exists() {
                println!(
                    "custody tree: the log key {} is missing; pass --custody-key",
                    file.display()
                );
                return Ok(1);
            }
            let key = spona_app::publog::LogKey::load_or_create(&data_dir.join("vault"), &origin)?;
            key.verifier().clone()
        }
    };
    let state = args
        .custody_state
        .clone()
        .unwrap_or_else(|| data_dir.join("vault").join("custody-checkpoint.seen"));
    let seen = match std::fs::read_to_string(&state) {
        Ok(text) => match Checkpoint::parse(&format!(
            "{}\n",
            text.split("\n\n").next().unwrap_or_default()
        )) {
            Ok(c) => Some(c),
            Err(e) => {
                println!("custody tree: {}: not a checkpoint: {e}", state.display());
                return Ok(1);
            }
        },
        Err(_) => None,
    };
    let chains: Vec<(String, Vec<(u64, String)>)> = chains
        .iter()
        .map(|(case, entries)| {
            (
                case.clone(),
                entries.iter().map(|e| (e.seq, e.hash.clone())).collect(),
            )
        })
        .collect();
    let report = spona_app::publog::custody::verify(db, &key, &latest.note, &chains, seen.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for p in &report.problems {
        println!("{p}");
    }
    if report.problems.is_empty() {
        let cp = report.checkpoint.as_ref().map_or(0, |c| c.size);
        println!(
            "custody tree: {} entries proven included in the signed checkpoint of size {cp}{}",
            report.proven,
            if seen.is_some() {
                ", which extends the one seen before"
            } else {
                ""
            }
        );
        if let Some(dir) = state.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&state, &latest.note)?;
    }
    Ok(report.problems.len())
}
