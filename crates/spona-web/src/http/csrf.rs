//! Cross-site request forgery: the token a signed-in browser's forms carry (an HMAC of its
//! session), the check of every unsafe request (form field, `X-CSRF-Token` header or the
//! first field of a multipart body, plus the `Origin`/`Referer` and `Sec-Fetch-Site` checks).

use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::http::error::AppError;

/// The largest form body the CSRF check reads (uploads go through their own path).
const FORM_LIMIT: usize = 256 * 1024;

/// The CSRF token of a signed-in browser: an HMAC keyed by its session token, so that only
/// the holder of the session can know it (a cookie planted by a neighbouring site does not
/// help) and it changes with every new session. Before signing in, the token is the
/// `spona_csrf` cookie's value (double submit), with the origin checks.
pub fn session_csrf(session_token: &str) -> String {
    use hmac::Mac;
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(session_token.as_bytes())
        .unwrap_or_else(|_| unreachable_hmac());
    mac.update(b"spona csrf v1");
    hex::encode(mac.finalize().into_bytes())
}

/// HMAC takes keys of any length; this is never reached.
fn unreachable_hmac() -> hmac::Hmac<sha2::Sha256> {
    use hmac::Mac;
    <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&[0u8; 32]).expect("any key length")
}

/// Checks an unsafe request: same origin, and a CSRF token equal to the cookie's, taken from
/// the form field `csrf` or the `X-CSRF-Token` header. Returns the body for the handler.
pub(crate) async fn check_csrf(
    state: &AppState,
    parts: &Parts,
    expected: &str,
    new_csrf: bool,
    body: Body,
) -> Result<Body, AppError> {
    if cross_site(state, &parts.headers) {
        return Err(AppError::Csrf);
    }
    if new_csrf {
        // No CSRF cookie came with the request, so no token can match.
        return Err(AppError::Csrf);
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let is_multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let header = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (given, body) = if is_multipart && header.is_none() {
        // File uploads stream to their handler; their form's first field is the token
        // (never the URL, which ends up in logs and Referer headers).
        let boundary = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(multipart_boundary)
            .ok_or(AppError::Csrf)?;
        first_field_csrf(&boundary, body).await?
    } else if is_form {
        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        let given = url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned());
        (given, Body::from(bytes))
    } else {
        (header, body)
    };
    match given {
        Some(g) if bool::from(g.as_bytes().ct_eq(expected.as_bytes())) => Ok(body),
        _ => Err(AppError::Csrf),
    }
}

/// The `boundary` parameter of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.eq_ignore_ascii_case("boundary"))
            .then(|| v.trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// The most of a multipart body read to find its first field.
const FIRST_FIELD_LIMIT: usize = 8 * 1024;

/// Reads a multipart body's first field, which must be `csrf`; returns its value and the
/// whole body again (what was read, then the rest as it streams).
async fn first_field_csrf(boundary: &str, body: Body) -> Result<(Option<String>, Body), AppError> {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut head: Vec<u8> = Vec::new();
    let given = loop {
        match parse_first_field(&head, boundary) {
            FirstField::Csrf(v) => break Some(v),
            FirstField::Other => break None,
            FirstField::NeedMore if head.len() >= FIRST_FIELD_LIMIT => break None,
            FirstField::NeedMore => match stream.next().await {
                Some(Ok(chunk)) => head.extend_from_slice(&chunk),
                Some(Err(_)) => return Err(AppError::BadRequest("err-bad-form")),
                None => break None,
            },
        }
    };
    let first = futures_util::stream::once(async move { Ok(bytes::Bytes::from(head)) });
    Ok((given, Body::from_stream(first.chain(stream))))
}

enum FirstField {
    Csrf(String),
    Other,
    NeedMore,
}

fn parse_first_field(head: &[u8], boundary: &str) -> FirstField {
    let opening = format!("--{boundary}\r\n");
    if head.len() < opening.len() {
        return if opening.as_bytes().starts_with(head) {
            FirstField::NeedMore
        } else {
            FirstField::Other
        };
    }
    if !head.starts_with(opening.as_bytes()) {
        return FirstField::Other;
    }
    let rest = &head[opening.len()..];
    let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") else {
        return FirstField::NeedMore;
    };
    let headers = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
    let named_csrf = headers.lines().any(|l| {
        l.starts_with("content-disposition:")
            && l.contains("form-data")
            && l.split(';').any(|p| p.trim() == "name=\"csrf\"")
    });
    if !named_csrf || headers.contains("filename") {
        return FirstField::Other;
    }
    let value = &rest[end + 4..];
    let closing = format!("\r\n--{boundary}");
    match value
        .windows(closing.len())
        .position(|w| w == closing.as_bytes())
    {
        Some(n) => FirstField::Csrf(String::from_utf8_lossy(&value[..n]).into_owned()),
        None => FirstField::NeedMore,
    }
}

/// A request a browser marks as coming from another site, or whose `Origin` is not ours.
fn cross_site(state: &AppState, headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    // The public address, or exactly the host this request was sent to (a browser sets
    // `Host` itself), under the public address's scheme.
    let scheme = state
        .config
        .public_url
        .split_once("://")
        .map(|(s, _)| s)
        .unwrap_or("http");
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    !(same_origin(origin, &state.config.public_url)
        || (!host.is_empty() && same_origin(origin, &format!("{scheme}://{host}"))))
}

/// Whether an `Origin` header names exactly the public address's origin: the same scheme,
/// host and port (a default port may be written or left out), nothing more or less.
fn same_origin(origin: &str, public_url: &str) -> bool {
    let (Ok(given), Ok(ours)) = (url::Url::parse(origin), url::Url::parse(public_url)) else {
        return false;
    };
    // An origin is scheme://host[:port] and nothing else.
    if given.path() != "/"
        || origin.ends_with('/')
        || given.query().is_some()
        || given.fragment().is_some()
        || !given.username().is_empty()
        || given.password().is_some()
    {
        return false;
    }
    given.scheme() == ours.scheme()
        && given.host_str().is_some()
        && given.host_str() == ours.host_str()
        && given.port_or_known_default() == ours.port_or_known_default()
}

/// Whether a POST to `path` needs no CSRF token: a mail client's one-click unsubscribe
/// (RFC 8058) to `/mail/unsubscribe/<token>` carries none, and the unguessable token in the
/// address is what proves the right to leave the list (only the list's own address has it),
/// so a forged request from another site cannot name it.
pub fn exempt(path: &str) -> bool {
    path.strip_prefix("/mail/unsubscribe/")
        .is_some_and(|t| !t.is_empty() && !t.contains('/'))
        // Federation's inbox: partners' servers, no cookies; the packet's HTTP message
        // signature is checked instead (`features::federation::api`).
        || path == spona_app::federation::keys::INBOX_PATH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_compared_exactly() {
        let ours = "https://spona.example.org";
        assert!(same_origin("https://spona.example.org", ours));
        assert!(same_origin("https://spona.example.org:443", ours));
        assert!(same_origin("https://SPONA.example.org", ours));
        for bad in [
            "https://example.org",
            "https://.org",
            "http://",
            "https://",
            "http://spona.example.org",
            "https://evil-spona.example.org",
            "https://spona.example.org.evil.example",
            "https://spona.example.org:8443",
            "https://spona.example.org/",
            "https://user@spona.example.org",
            "null",
            "",
        ] {
            assert!(!same_origin(bad, ours), "{bad}");
        }
    }

    #[test]
    fn the_first_multipart_field_gives_the_token() {
        let b = "xyz";
        let body =
            b"--xyz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--xyz\r\n";
        assert!(matches!(parse_first_field(body, b), FirstField::Csrf(v) if v == "abc"));
        assert!(matches!(
            parse_first_field(&body[..20], b),
            FirstField::NeedMore
        ));
        let file = b"--xyz\r\nContent-Disposition: form-data; name=\"csrf\"; filename=\"a\"\r\n\r\nabc\r\n--xyz";
        assert!(matches!(parse_first_field(file, b), FirstField::Other));
        let other = b"--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--xyz";
        assert!(matches!(parse_first_field(other, b), FirstField::Other));
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(session_csrf("t").len(), 64);
        assert_ne!(session_csrf("t"), session_csrf("u"));
    }
}
