//! Federation between Spona deployments (issue 20), the pure part: no SQL, no HTTP client,
//! no files.
//!
//! - [`keys`]: the deployment's fingerprint (what two admins read aloud) and each
//!   organisation's age (X25519) identity.
//! - [`document`]: the public key document a deployment serves at
//!   `/.well-known/spona-federation`, signed by its deployment key.
//! - [`packet`]: an [`Envelope`] (routing in clear, the body encrypted with age to the
//!   receiving organisation, the whole signed by the sending deployment) and the signed
//!   [`Receipt`] the receiver answers with.
//! - [`refusal`]: the receiver's signed word that a packet is refused for good.
//! - [`httpsig`]: the parts of RFC 9421 (HTTP Message Signatures, `ed25519`) and RFC 9530
//!   (`Content-Digest`, `sha-256`) the inbox uses.
//! - [`handover`]: a vault item's custody up to its hand-over to a partner's organisation,
//!   signed by the sending deployment, and its bytes age-encrypted to that organisation.
//! - [`chunks`]: a vault item too large for one packet, in checked pieces of its ciphertext.

pub mod chunks;
pub mod document;
pub mod handover;
pub mod httpsig;
pub mod keys;
pub mod packet;
pub mod refusal;

pub use document::{Document, OrgEntry, ServiceEntry, SignedDocument};
pub use handover::{Handover, HandoverDraft};
pub use httpsig::{Refusal, RequestParts, SignedHeaders};
pub use keys::{OrgIdentity, fingerprint, fingerprint_matches};
pub use packet::{Envelope, OpenError, Receipt};
pub use refusal::SignedRefusal;
pub use spona_vault::{ServerKey as DeploymentKey, ServerPublicKey as DeploymentPublicKey};

/// Length-prefixed concatenation: what every signature here covers, so that no two
/// different field lists give the same bytes.
pub(crate) fn framed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}
