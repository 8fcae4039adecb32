//! The flags of `serve` that say how mail leaves.

use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct MailArgs {
    /// The mail server: `smtp://user:pass@host:587` (STARTTLS, required), `smtps://user:pass@host:465`
    /// (TLS from the start), or `smtp://127.0.0.1:2525?tls=none` (no TLS; a relay on this machine
    /// only). `&timeout=SECONDS` bounds each SMTP command (default 20). Without it, mail is
    /// written to DATA_DIR/outbox.
    #[arg(long, env = "SPONA_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// A PEM file of CA certificates to trust for the mail server's TLS, besides the
    /// system's roots: for a relay whose certificate a private CA signed.
    #[arg(long, env = "SPONA_SMTP_CA_FILE", requires = "smtp_url")]
    pub smtp_ca_file: Option<PathBuf>,

    /// The sender of every message, e.g. `Spona <no-reply@spona.example>`.
    #[arg(
        long,
        env = "SPONA_MAIL_FROM",
        default_value = "Spona <no-reply@spona.invalid>"
    )]
    pub mail_from: String,

    /// A DKIM private key: RSA (PKCS#1 PEM) or Ed25519 (base64 of the 32-byte seed).
    #[arg(long, env = "SPONA_DKIM_KEY", requires = "dkim_selector")]
    pub dkim_key: Option<PathBuf>,

    /// The DKIM selector (published as `<selector>._domainkey.<domain of --mail-from>`).
    #[arg(long, env = "SPONA_DKIM_SELECTOR", requires = "dkim_key")]
    pub dkim_selector: Option<String>,

    /// How long a sender holds the queued messages it took (seconds).
    #[arg(
        long,
        env = "SPONA_MAIL_LEASE_SECONDS",
        default_value_t = 300,
        hide = true
    )]
    pub mail_lease_seconds: u64,

    /// The wait before the first retry of a failed message, doubling each time (seconds).
    #[arg(
        long,
        env = "SPONA_MAIL_RETRY_SECONDS",
        default_value_t = 60,
        hide = true
    )]
    pub mail_retry_seconds: u64,
}

impl MailArgs {
    pub fn settings(&self) -> spona_app::mail::Settings {
        spona_app::mail::Settings {
            smtp_url: self.smtp_url.clone(),
            smtp_ca_file: self.smtp_ca_file.clone(),
            from: self.mail_from.clone(),
            dkim_key: self.dkim_key.clone(),
            dkim_selector: self.dkim_selector.clone(),
            lease: Duration::from_secs(self.mail_lease_seconds.max(1)),
            retry_base: Duration::from_secs(self.mail_retry_seconds.max(1)),
            sending: true,
        }
    }
}
