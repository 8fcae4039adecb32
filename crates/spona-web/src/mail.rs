//! Outgoing mail, as the pages use it: the outbox lives in [`spona_app::mail`].

pub use spona_app::mail::{OUTBOX_KEEP, prune, send};

/// Whether outgoing mail reaches people (see [`spona_app::mail::configured`]).
pub fn configured(_config: &crate::WebConfig) -> bool {
    spona_app::mail::configured()
}
