//! The public log's pure core (issue 24).
//!
//! - [`merkle`]: RFC 6962 hashing (`leaf = SHA-256(0x00 ‖ data)`, `node = SHA-256(0x01 ‖ l ‖ r)`),
//!   the stored complete-subtree hashes a store keeps ([`NodeId`]), tree hashes, inclusion and
//!   consistency proofs computed from those stored hashes in two phases (which nodes, then the
//!   proof), and their verification (RFC 9162 §2.1.3.2 and §2.1.4.2).
//! - [`note`]: the C2SP `tlog-checkpoint` text and C2SP `signed-note` Ed25519 signatures, in
//!   the form `golang.org/x/mod/sumdb/note` reads (verifier key `name+hash+base64`).
//! - [`entry`]: the canonical bytes of a log entry (what a leaf hashes).
//!
//! No I/O: the store keeps the stored hashes, the server key signs through a closure.

pub mod entry;
pub mod merkle;
pub mod note;

pub use entry::Entry;
pub use merkle::{Hash, NodeId, ProofError};
pub use note::{Checkpoint, NoteError, VerifierKey};
