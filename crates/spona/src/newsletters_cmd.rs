//! `spona newsletters send-due`: queues every newsletter issue whose time came (the server
//! does the same every few seconds), for cron and for tests with a fixed clock (`--now`).

use clap::{Args, Subcommand};

use crate::cli::Storage;

#[derive(Debug, Subcommand)]
pub enum NewslettersCommand {
    /// Queue the mails of every issue due now (or at `--now`) and forget addresses that have
    /// not confirmed their subscription for 30 days.
    SendDue(SendDueArgs),
}

#[derive(Debug, Args)]
pub struct SendDueArgs {
    /// The time to act as if it were, RFC 3339 (e.g. `2026-12-24T08:00:00Z`); now if absent.
    #[arg(long)]
    pub now: Option<String>,
    /// The address people reach Spona at, for the links in the mails.
    #[arg(long, env = "SPONA_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// RFC 3339 (`YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, fractions of a second ignored) as
/// Unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() < 20 {
        return None;
    }
    let (main, zone) = if let Some(m) = s.strip_suffix(['Z', 'z']) {
        (m, 0)
    } else {
        let (m, z) = s.split_at(s.len() - 6);
        let sign = match z.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (h, mi) = z[1..].split_once(':')?;
        (
            m,
            sign * (h.parse::<i64>().ok()? * 3600 + mi.parse::<i64>().ok()? * 60),
        )
    };
    let main = main.split('.').next()?;
    let (date, time) = main.split_once(['T', 't', ' '])?;
    let d: Vec<&str> = date.split('-').collect();
    let t: Vec<&str> = time.split(':').collect();
    if d.len() != 3 || t.len() != 3 {
        return None;
    }
    let month = time::Month::try_from(d[1].parse::<u8>().ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(d[0].parse().ok()?, month, d[2].parse().ok()?).ok()?;
    let tm =
        time::Time::from_hms(t[0].parse().ok()?, t[1].parse().ok()?, t[2].parse().ok()?).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, tm)
            .assume_utc()
            .unix_timestamp()
            - zone,
    )
}

pub async fn run(storage: &Storage, cmd: NewslettersCommand) -> anyhow::Result<()> {
    match cmd {
        NewslettersCommand::SendDue(args) => {
            let now = match &args.now {
                Some(s) => parse_rfc3339(s)
                    .ok_or_else(|| anyhow::anyhow!("--now {s:?} is not an RFC 3339 time"))?,
                None => spona_store::now(),
            };
            let config = storage.web_config(
                args.public_url
                    .as_deref()
                    .unwrap_or("http://127.0.0.1:8080"),
            )?;
            let db = storage.open().await?;
            let tr = spona_web::translator().map_err(anyhow::Error::msg)?;
            let mailer = spona_app::newsletters::Mailer {
                tr: &tr,
                public_url: &config.public_url,
            };
            let sent = spona_app::newsletters::send::run_due(&db, mailer, now)
                .await
                .map_err(|e| anyhow::anyhow!("sending newsletters failed: {e}"))?;
            db.close().await;
            println!(
                "newsletter issues sent: {}, mails queued: {}, unconfirmed addresses forgotten: {}",
                sent.issues, sent.mails, sent.forgotten
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_rfc3339;

    #[test]
    fn rfc3339_times_read_with_their_offset() {
        assert_eq!(parse_rfc3339("2026-12-05T12:00:00Z"), Some(1_796_472_000));
        assert_eq!(
            parse_rfc3339("2026-12-05T13:00:00+01:00"),
            Some(1_796_472_000)
        );
        assert_eq!(
            parse_rfc3339("2026-12-05T12:00:00.25Z"),
            Some(1_796_472_000)
        );
        assert_eq!(parse_rfc3339("2026-12-05"), None);
        assert_eq!(parse_rfc3339("yesterday at noon"), None);
    }
}
