//! `spona monitoring verify [--trusted-key HEX]`: checks every monitoring assessment's
//! Ed25519 signature over its row as stored now, and that the key it names is the
//! deployment's (`DATA_DIR/federation/deployment-ed25519.key`) or the one given. Prints one
//! line per assessment; exits with an error when any fails.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum MonitoringCommand {
    /// Verify the signatures of every assessment (the state's and the organisations').
    Verify {
        /// The public key (hex) the signatures must be made with; by default the
        /// deployment's own signing key.
        #[arg(long)]
        trusted_key: Option<String>,
    },
}

pub async fn run(storage: &crate::cli::Storage, cmd: MonitoringCommand) -> anyhow::Result<()> {
    let MonitoringCommand::Verify { trusted_key } = cmd;
    let trusted = match trusted_key {
        Some(k) => Some(k.trim().to_lowercase()),
        None => {
            let path = storage
                .data_dir
                .join("federation")
                .join(spona_app::federation::keys::SIGNING_FILE);
            if path.exists() {
                Some(spona_vault::ServerKey::load(&path)?.public().to_hex())
            } else {
                None
            }
        }
    };
    let db = storage.open().await?;
    let list = spona_app::monitoring::implementation::assessments::verify_all(&db).await?;
    let mut bad = 0;
    for v in &list {
        let key_ok = trusted.as_deref().is_none_or(|t| t == v.public_key);
        let verdict = match (v.valid, key_ok) {
            (true, true) => "ok",
            (false, _) => "SIGNATURE DOES NOT VERIFY",
            (true, false) => "SIGNED BY ANOTHER KEY",
        };
        if verdict != "ok" {
            bad += 1;
        }
        println!("{} recommendation {} {verdict}", v.id, v.recommendation_id);
    }
    println!("{} assessment(s), {bad} failed", list.len());
    db.close().await;
    if bad > 0 {
        anyhow::bail!("{bad} assessment signature(s) failed");
    }
    Ok(())
}
