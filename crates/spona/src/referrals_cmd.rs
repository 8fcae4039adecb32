//! `spona referrals remind [--now RFC3339] [--hours N]`, and the server's loop: an urgent
//! referral not acknowledged within the deadline (24 hours unless configured) alerts the
//! referring worker and the receiving organisation's admins, once.

use std::time::Duration;

use clap::Subcommand;

/// How often the server looks for urgent referrals past their deadline.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Subcommand)]
pub enum ReferralsCommand {
    /// Queue the alerts for urgent referrals not acknowledged in time (once each; the server
    /// also does this every five minutes).
    Remind {
        /// The moment to act as "now" (RFC 3339), e.g. 2026-12-06T09:00:00Z.
        #[arg(long)]
        now: Option<String>,
        /// Hours an urgent referral may wait for its first answer.
        #[arg(long, env = "SPONA_REFERRAL_URGENT_HOURS", default_value_t = spona_domain::referral::DEFAULT_URGENT_HOURS)]
        hours: i64,
        /// The address people reach Spona at, for the links in the messages.
        #[arg(long, env = "SPONA_PUBLIC_URL")]
        public_url: Option<String>,
        /// The alert is a custody entry, whose head is signed with the server's key: the
        /// vault must open.
        #[command(flatten)]
        vault: crate::cli::VaultKeyArgs,
    },
}

/// Runs the command.
pub async fn run(storage: &crate::cli::Storage, cmd: ReferralsCommand) -> anyhow::Result<()> {
    let ReferralsCommand::Remind {
        now,
        hours,
        public_url,
        vault,
    } = cmd;
    if hours < 1 {
        anyhow::bail!("--hours must be at least 1");
    }
    let at = match now {
        Some(t) => chrono::DateTime::parse_from_rfc3339(&t)
            .map_err(|e| anyhow::anyhow!("--now {t}: {e} (e.g. 2026-12-06T09:00:00Z)"))?
            .timestamp(),
        None => spona_store::now(),
    };
    let config = storage.web_config(public_url.as_deref().unwrap_or("http://127.0.0.1:8080"))?;
    let db = storage.open().await?;
    let state = spona_app::vault::VaultState::open(
        &storage.data_dir.join("vault"),
        vault.vault_key_file.as_deref(),
    );
    let vault = match &state {
        spona_app::vault::VaultState::Open(v) => v,
        spona_app::vault::VaultState::Closed(reason) => {
            anyhow::bail!("the vault cannot be opened: {reason}")
        }
    };
    let n =
        spona_app::referrals::remind::run_due(&db, vault, at, hours, &config.public_url).await?;
    println!("urgent referral alerts queued: {n}");
    db.close().await;
    Ok(())
}

/// Runs the alerts every [`INTERVAL`] until the server stops (the task is aborted).
pub fn spawn(state: spona_web::AppState) -> tokio::task::JoinHandle<()> {
    let hours = std::env::var("SPONA_REFERRAL_URGENT_HOURS")
        .ok()
        .and_then(|h| h.parse::<i64>().ok())
        .filter(|h| *h >= 1)
        .unwrap_or(spona_domain::referral::DEFAULT_URGENT_HOURS);
    tokio::spawn(async move {
        let mut every =
            tokio::time::interval(spona_web::scale::jobs::look_every(&state.db, INTERVAL));
        loop {
            every.tick().await;
            let now = spona_store::now();
            let Ok(vault) = state.vault.get() else {
                continue;
            };
            spona_web::scale::jobs::once(&state.db, "referral-alerts", INTERVAL, async {
                if let Err(e) = spona_app::referrals::remind::run_due(
                    &state.db,
                    vault,
                    now,
                    hours,
                    &state.config.public_url,
                )
                .await
                {
                    tracing::error!(error = %e, "urgent referral alerts failed");
                }
            })
            .await;
        }
    })
}
