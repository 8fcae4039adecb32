//! Form machinery every feature shares: one-time keys of create forms, field errors, the
//! client's address, safe return paths.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::response::IntoResponse;
use spona_domain::Invalid;

use crate::{AppError, AppState, Ctx};

/// A create form's one-time key to claim inside the create's own transaction (see
/// `spona_store::idempotency::Once`); `path` is where the answer points, with `{id}` for
/// the new object's id. A retry of a post that committed is answered by [`replayed`].
pub fn once_in_tx(
    ctx: &Ctx,
    key: &str,
    path: &str,
) -> Result<spona_store::idempotency::Once, AppError> {
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest("err-bad-form"));
    }
    Ok(spona_store::idempotency::Once {
        key: key.to_owned(),
        user_id: ctx.user.as_ref().map(|u| u.id().to_owned()),
        location: ctx.href(path),
    })
}

/// The answer to a create whose one-time key was used: the first post's redirect again,
/// or 409 for a key that is not the reader's.
pub fn replayed(e: spona_store::StoreError) -> Result<axum::response::Response, AppError> {
    match e {
        spona_store::StoreError::Replay(location) => {
            Ok(axum::response::Redirect::to(&location).into_response())
        }
        spona_store::StoreError::Conflict(c) if c == "once" => {
            Err(AppError::Conflict("err-duplicate-post"))
        }
        other => Err(other.into()),
    }
}

/// Messages for form fields, shown next to each field and summarised at the top.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<(&'static str, String)>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, ctx: &Ctx, field: &'static str, key: &str) {
        self.0.push((field, ctx.t(key)));
    }

    pub fn from_invalid(ctx: &Ctx, errors: &[Invalid]) -> Self {
        let mut f = FormErrors::new();
        for e in errors {
            if f.get(e.field).is_none() {
                f.add(ctx, e.field, e.key);
            }
        }
        f
    }

    /// The message for a field, if it has one.
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn all(&self) -> &[(&'static str, String)] {
        &self.0
    }
}

/// The client's address: the peer, or — only when the peer is a configured proxy — the
/// last address in `X-Forwarded-For` that is not itself a trusted proxy.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let trusted = &state.config.trusted_proxies;
        if !trusted.contains(&peer) {
            return Ok(ClientIp(peer));
        }
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        let client = forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer);
        Ok(ClientIp(client))
    }
}

/// A relative path to return to after signing in; anything else (other sites, `//host`)
/// becomes the home page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// [`safe_next`], but a `next` with control characters (CR, LF, NUL …, which no link of
/// Spona's holds and which cannot go into a `Location` header) is refused with 400.
pub fn checked_next(next: Option<&str>) -> Result<String, AppError> {
    if next.is_some_and(|n| n.chars().any(char::is_control)) {
        return Err(AppError::BadRequest("err-bad-form"));
    }
    Ok(safe_next(next))
}

/// The organisations a signed-in person may pick as a form's owner, `(slug, name)`: every
/// organisation (by its name in the reader's language) for a platform admin, else those
/// they belong to.
pub async fn owner_choices(ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    let user = ctx.require_user()?;
    Ok(if user.is_admin() {
        spona_store::orgs::load_all(&ctx.state.db)
            .await?
            .into_iter()
            .map(|o| {
                let name = crate::names::org_name(ctx.locale, &o).text;
                (o.slug, name)
            })
            .collect()
    } else {
        user.memberships
            .iter()
            .map(|m| (m.org_slug.clone(), m.org_name.clone()))
            .collect()
    })
}

/// A form page's status: 200, or 422 when it is shown again with errors.
pub fn form_status(errors: &FormErrors) -> axum::http::StatusCode {
    if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_site() {
        assert_eq!(super::safe_next(Some("/orgs?x=1")), "/orgs?x=1");
        assert_eq!(super::safe_next(Some("//evil.example")), "/");
        assert_eq!(super::safe_next(Some("https://evil.example")), "/");
        assert_eq!(super::safe_next(Some("/\\evil")), "/");
        assert_eq!(super::safe_next(None), "/");
        assert_eq!(super::safe_next(Some("/a\r\nSet-Cookie: x=1")), "/");
        assert!(super::checked_next(Some("/a\u{0}b")).is_err());
        assert!(super::checked_next(Some("/a\nb")).is_err());
        assert_eq!(
            super::checked_next(Some("/orgs")).ok().as_deref(),
            Some("/orgs")
        );
    }
}
