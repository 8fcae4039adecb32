//! Rendering helpers shared by all pages: templates to responses, error pages, dates, and
//! picking the text of an object in the reader's language and script.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::http::context::Ctx;
use crate::http::error::ErrorPage;

/// Renders a template into an HTML response with the given status.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal error").into_response()
        }
    }
}

/// Renders a template with 200 OK.
pub fn page(template: &impl Template) -> Response {
    render(StatusCode::OK, template)
}

/// 303 See Other to a path inside Spona in the reader's locale.
pub fn see_other(ctx: &Ctx, path: &str) -> Response {
    Redirect::to(&ctx.href(path)).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate<'a> {
    ctx: &'a Ctx,
    status: u16,
    title: String,
    message: String,
}

/// The page shown for an error, in the reader's locale. A page that needs signing in
/// sends the reader to the sign-in form and back.
pub fn error_page(ctx: &Ctx, status: StatusCode, page: &ErrorPage) -> Response {
    if status == StatusCode::UNAUTHORIZED && !ctx.here.starts_with("/signin") {
        let next = url::form_urlencoded::byte_serialize(ctx.here.as_bytes()).collect::<String>();
        return Redirect::to(&ctx.href(&format!("/signin?next={next}"))).into_response();
    }
    let key = if page.key.is_empty() {
        "err-internal"
    } else {
        page.key
    };
    let t = ErrorTemplate {
        ctx,
        status: status.as_u16(),
        title: ctx.t(&format!("error-title-{}", status.as_u16())),
        message: match page.quota {
            Some(q) => quota_message(ctx, key, &q),
            None => ctx.t(key),
        },
    };
    render(status, &t)
}

/// The JSON body of an API error: `{"error": "not_found", "message": "…"}`.
pub fn api_error(ctx: &Ctx, status: StatusCode, page: &ErrorPage) -> Response {
    let code = page.key.trim_start_matches("err-").replace('-', "_");
    let body = match page.quota {
        Some(q) => serde_json::json!({
            "error": code,
            "message": quota_message(ctx, page.key, &q),
            "used_bytes": q.used,
            "allowed_bytes": q.allowed,
        }),
        None => serde_json::json!({ "error": code, "message": ctx.t(page.key) }),
    };
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A quota message in the reader's language: bytes used and allowed, as people read sizes.
fn quota_message(ctx: &Ctx, key: &str, q: &crate::quota::QuotaFull) -> String {
    let size = |b: u64| human_size(i64::try_from(b).unwrap_or(i64::MAX));
    let (used, allowed) = (size(q.used), size(q.allowed));
    ctx.ta(
        key,
        &[
            ("used", spona_i18n::Arg::Str(&used)),
            ("allowed", spona_i18n::Arg::Str(&allowed)),
        ],
    )
}

pub use spona_app::names::{Shown, pick, pick_own, pick_own_by};

/// A date as the locale writes it.
pub use spona_app::dates::{format_date, format_datetime};

/// A file size for people: bytes, KB or MB.
pub fn human_size(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// A phone number as a `tel:` URI wants it: digits and a leading `+` only.
pub fn tel(phone: &str) -> String {
    phone
        .trim()
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::Locale;

    #[test]
    fn dates_follow_the_locale() {
        let t = 1_795_600_000; // 2026-11-25
        assert_eq!(format_date(Locale::SrLatn, t), "25. 11. 2026.");
        assert_eq!(format_date(Locale::Uk, t), "25.11.2026");
        assert_eq!(format_date(Locale::En, t), "2026-11-25");
    }
}
