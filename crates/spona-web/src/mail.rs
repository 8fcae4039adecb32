//! Outgoing mail, as the pages use it: the outbox lives in [`spona_app::mail`].

pub use spona_app::mail::{OUTBOX_KEEP, prune, send};

/// Whether outgoing mail reaches people (see [`spona_app::mail::configured`]).
pub fn configured(config: &crate::WebConfig) -> bool {
    config.mail.smtp_url.is_some()
}
