//! One error type for every handler.
//!
//! Use [`AppError::NotFound`] for unknown ids *and* for objects whose existence the reader
//! may not learn; [`AppError::Forbidden`] when the reader may know the object exists but may
//! not act on it; [`AppError::SignInRequired`] when signing in could help;
//! [`AppError::BadRequest`] for malformed input that no form field explains (field-level
//! problems re-render the form with messages instead). Internal errors are logged here,
//! once, and shown as a plain apology.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use spona_store::StoreError;

/// What the error page shows: a Fluent message id for the explanation.
#[derive(Debug, Clone, Default)]
pub struct ErrorPage {
    pub key: &'static str,
    /// A storage quota that was reached: its message shows how much is used and allowed.
    pub quota: Option<crate::quota::QuotaFull>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no such thing, or not for you to know about.
    #[error("not found")]
    NotFound,
    /// 404 saying why: the key names what the address lacks (public things only: never for
    /// an object whose existence the reader may not learn).
    #[error("not found: {0}")]
    NotFoundWhy(&'static str),
    /// 403: you may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 303 to the sign-in page for pages; 401 for the API.
    #[error("sign in required")]
    SignInRequired,
    /// 403: the form's CSRF token was missing or wrong, or the request came from another site.
    #[error("csrf")]
    Csrf,
    /// 400: malformed input; the key names the problem.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 409: a conflicting value (e.g. an e-mail address already registered).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 405: this method is not served here (the API is read-only).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 413: the body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: a file of a type not accepted here, or whose content is not what its name says.
    #[error("unsupported media type: {0}")]
    Unsupported(&'static str),
    /// 403 with a specific reason (e.g. consent does not cover the act).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// 503: a service Spona relies on (the attachment store) does not answer; nothing was
    /// saved. The key says which.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// 503: the vault cannot be opened (missing or wrong key); the rest of Spona runs.
    #[error("vault closed")]
    VaultClosed,
    /// 507: the server's storage is full; nothing was written.
    #[error("storage full")]
    StorageFull,
    /// 507: a storage quota (of a case or an organisation) would be passed; nothing was
    /// written.
    #[error("storage quota reached")]
    OverQuota(crate::quota::QuotaFull),
    /// 429: too many attempts; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests(u64),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<spona_app::Error> for AppError {
    fn from(e: spona_app::Error) -> Self {
        use spona_app::Error as E;
        match e {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::SignInRequired => AppError::SignInRequired,
            E::BadRequest(k) => AppError::BadRequest(k),
            E::Invalid(_) => AppError::BadRequest("err-bad-form"),
            E::Conflict(k) => AppError::Conflict(k),
            E::Refused(k) => AppError::Refused(k),
            E::Unavailable(k) => AppError::Unavailable(k),
            E::Store(e) => e.into(),
            E::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(_) => AppError::Conflict("err-conflict"),
            StoreError::OverQuota {
                kind,
                used,
                allowed,
            } => AppError::OverQuota(crate::quota::QuotaFull {
                kind,
                used: used.max(0) as u64,
                allowed: allowed.max(0) as u64,
            }),
            ref full if full.is_storage_full() => {
                tracing::error!(error = %full, "database full");
                AppError::StorageFull
            }
            ref busy if busy.is_unavailable() => {
                tracing::error!(error = %busy, "database unavailable");
                AppError::Unavailable("err-database-unavailable")
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NotFoundWhy(_) => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf | AppError::Refused(_) => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::StorageFull | AppError::OverQuota(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::VaultClosed | AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn key(&self) -> &'static str {
        match self {
            AppError::NotFound => "err-not-found",
            AppError::Forbidden => "err-forbidden",
            AppError::SignInRequired => "err-sign-in-required",
            AppError::Csrf => "err-csrf",
            AppError::BadRequest(k)
            | AppError::NotFoundWhy(k)
            | AppError::Conflict(k)
            | AppError::Unsupported(k)
            | AppError::Refused(k)
            | AppError::Unavailable(k) => k,
            AppError::StorageFull => "err-storage-full",
            AppError::OverQuota(q) => q.key(),
            AppError::VaultClosed => "err-vault-closed",
            AppError::PayloadTooLarge => "err-too-large",
            AppError::MethodNotAllowed => "err-method",
            AppError::TooManyRequests(_) => "err-too-many",
            AppError::Internal(_) => "err-internal",
        }
    }
}

impl AppError {
    /// An internal error that is a full or unavailable database underneath (a store error
    /// passed on through `anyhow`) becomes the 507 or 503 it is.
    fn classified(self) -> AppError {
        let AppError::Internal(e) = &self else {
            return self;
        };
        let store = e.chain().find_map(|c| {
            c.downcast_ref::<StoreError>()
                .map(|s| (s.is_storage_full(), s.is_unavailable()))
        });
        match store {
            Some((true, _)) => {
                tracing::error!(error = %e, "database full");
                AppError::StorageFull
            }
            Some((_, true)) => {
                tracing::error!(error = %e, "database unavailable");
                AppError::Unavailable("err-database-unavailable")
            }
            _ => self,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let this = self.classified();
        if let AppError::Internal(e) = &this {
            tracing::error!(error = %e, "request failed");
        }
        let mut response = this.status().into_response();
        if let AppError::TooManyRequests(secs) = this
            && let Ok(v) = secs.to_string().parse()
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, v);
        }
        let quota = match &this {
            AppError::OverQuota(q) => Some(*q),
            _ => None,
        };
        response.extensions_mut().insert(ErrorPage {
            key: this.key(),
            quota,
        });
        response
    }
}
