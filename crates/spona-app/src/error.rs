//! What a use case answers when it cannot do what was asked. The web layer turns each into a
//! status and a page in the reader's language (or JSON); the command line into a message.

use spona_domain::Invalid;
use spona_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such thing, or not for this actor to know about (the pages answer 404).
    #[error("not found")]
    NotFound,
    /// The actor may know the thing exists but may not do this (403).
    #[error("forbidden")]
    Forbidden,
    /// Signing in could help (303 to the sign-in page; 401 in the API).
    #[error("sign in required")]
    SignInRequired,
    /// Malformed input no form field explains; the key is a message id (400).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// Field-level problems, each with its field and message id (the form is shown again).
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    /// A conflicting value or state; the key is a message id (409).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Refused for a stated reason, e.g. consent does not cover the act (403).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// A service Spona relies on does not answer; nothing was saved (503).
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// The store's own error (not found, conflicts, a full disk, …).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
