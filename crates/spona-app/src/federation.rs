//! Federation between Spona deployments (issue 20): the deployment's keys and the
//! organisations' identities ([`keys`]), partner deployments and who exchanges with whom
//! ([`partners`]), the durable outbox and its sender ([`outbox`]) and the inbox
//! ([`inbox`]); referrals to partners' services ([`referrals`]); vault items handed over to partners'
//! organisations with their custody ([`vault_items`]). The cryptography is `spona_federation`; HTTP is the web layer's.

pub mod arrival;
pub mod inbox;
pub mod keys;
pub mod outbox;
pub mod partners;
mod referral_inbox;
pub mod referrals;
pub mod vault_chunks;
pub mod vault_items;
pub mod vault_received;
pub mod vault_verify;
pub mod vault_withdraw;

pub use keys::{FedKeys, Keyring, Settings};

/// Audit targets of this capability.
pub(crate) const PARTNER: &str = "federation_partner";
pub(crate) const PACKET: &str = "federation_packet";
