//! The request layer: builds the [`Ctx`] of every request (locale, session and user, CSRF
//! cookie), refuses unsafe requests without a valid CSRF token, and on the way back renders
//! errors as pages in the reader's locale (or JSON under `/api`), audits refusals and marks
//! responses to signed-in readers `no-store`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use spona_domain::Locale;
use spona_store::{sessions, users};

use crate::AppState;
use crate::http::context::*;
use crate::http::csrf::{check_csrf, session_csrf};
use crate::http::error::{AppError, ErrorPage};
use crate::http::locale::UrlLocale;
use crate::http::view;

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let jar = CookieJar::from_headers(&parts.headers);
    let locale = pick_locale(&state, &parts, &jar);
    let here = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".into());

    let (csrf_cookie, new_csrf) = match jar.get(&cookie_name(&state, CSRF_COOKIE)) {
        Some(c) if c.value().len() == 64 => (c.value().to_owned(), false),
        _ => (spona_store::new_token(), true),
    };
    let csrf = csrf_cookie.clone();

    let mut ctx = Ctx {
        locale,
        state: state.clone(),
        user: None,
        csrf,
        here,
        session_token: None,
        mfa_pending: false,
    };

    if let Some(token) = jar.get(&cookie_name(&state, SESSION_COOKIE)) {
        match load_user(&state, locale, token.value()).await {
            Ok(Some((user, mfa_pending))) => {
                ctx.user = Some(Arc::new(user));
                ctx.mfa_pending = mfa_pending;
                ctx.csrf = session_csrf(token.value());
                ctx.session_token = Some(token.value().to_owned());
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "could not load the session");
                return render_error(&ctx, &parts, AppError::Internal(e.into()));
            }
        }
    }

    // The JSON API is read-only: any other method is 405 before anything else is looked at
    // (but for the referral changes' POSTs, which are CSRF-checked like every form below).
    if parts.uri.path().starts_with("/api/")
        && parts.method != Method::GET
        && parts.method != Method::HEAD
        && !(parts.method == Method::POST
            && crate::features::referrals::api::accepts_post(parts.uri.path()))
    {
        let mut response = render_error(&ctx, &parts, AppError::MethodNotAllowed);
        // The referral addresses that take a POST say so (the list also answers GET).
        let path = parts.uri.path();
        let allow = if !crate::features::referrals::api::accepts_post(path) {
            "GET, HEAD"
        } else if path == "/api/v1/referrals" {
            "GET, HEAD, POST"
        } else {
            "POST"
        };
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        return finish(&state, response, &csrf_cookie, new_csrf);
    }

    // The machine addresses outside `/api/` (in the OpenAPI document: the federation's two and
    // the public log's tiles) answer any other method 405 before the CSRF check, like the JSON API.
    if let Some(allow) = machine_allow(parts.uri.path())
        && !allow.split(", ").any(|m| m == parts.method.as_str())
    {
        let mut response = render_error(&ctx, &parts, AppError::MethodNotAllowed);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        return finish(&state, response, &csrf_cookie, new_csrf);
    }

    // A method that cannot change state (TRACE, OPTIONS, QUERY, …) goes on to the router's 405
    // instead of a CSRF 403; POST, PUT, PATCH and DELETE are checked.
    let may_change = matches!(
        parts.method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    let body = if !may_change
        || (parts.method == Method::POST && crate::http::csrf::exempt(parts.uri.path()))
    {
        body
    } else {
        // Signed in, the token is an HMAC of the session: the `spona_csrf` cookie plays no
        // part, so a JSON client sends the session cookie and `X-CSRF-Token` alone.
        let no_token_yet = new_csrf && ctx.session_token.is_none();
        match check_csrf(&state, &parts, &ctx.csrf, no_token_yet, body).await {
            Ok(body) => body,
            Err(err) => {
                audit_denial(&ctx, &parts, "security.csrf_rejected").await;
                return finish(
                    &state,
                    render_error(&ctx, &parts, err),
                    &csrf_cookie,
                    new_csrf,
                );
            }
        }
    };

    parts.extensions.insert(ctx.clone());
    let path = parts.uri.path().to_owned();
    let is_api = json_errors(&path);
    let req = Request::from_parts(parts, body);
    let mut response = next.run(req).await;

    // A request axum's extractors refused (malformed query, path, form or body) comes back
    // as plain text: give it the same page or JSON error as every other refusal.
    if response.extensions().get::<ErrorPage>().is_none()
        && response.status().is_client_error()
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain"))
    {
        let key = match response.status().as_u16() {
            405 => "err-method",
            413 => "err-too-large",
            _ => "err-bad-form",
        };
        response
            .extensions_mut()
            .insert(ErrorPage { key, quota: None });
    }

    if let Some(page) = response.extensions_mut().remove::<ErrorPage>() {
        let status = response.status();
        if status == axum::http::StatusCode::FORBIDDEN {
            // Every denial is a security event: one audit entry each.
            record_denial(&ctx, &path, "security.denied").await;
        }
        let mut new = if is_api {
            view::api_error(&ctx, status, &page)
        } else {
            view::error_page(&ctx, status, &page)
        };
        for (name, value) in response.headers() {
            if name == header::SET_COOKIE
                || name == header::LOCATION
                || name == header::RETRY_AFTER
                || name == header::ALLOW
            {
                new.headers_mut().append(name.clone(), value.clone());
            }
        }
        response = new;
    }
    // Pages shown to a signed-in reader are never stored; public assets (hashed stylesheets,
    // published images) keep their long-lived caching whoever fetches them.
    let public = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("public"));
    if (ctx.signed_in() || ctx.session_token.is_some()) && !public {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    finish(&state, response, &csrf_cookie, new_csrf)
}

fn finish(state: &AppState, mut response: Response, csrf_cookie: &str, new_csrf: bool) -> Response {
    if new_csrf {
        let cookie = make_cookie(state, CSRF_COOKIE, csrf_cookie.to_owned());
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

fn render_error(ctx: &Ctx, parts: &Parts, err: AppError) -> Response {
    let mut response = err.into_response();
    let page = response
        .extensions_mut()
        .remove::<ErrorPage>()
        .unwrap_or_default();
    if json_errors(parts.uri.path()) {
        view::api_error(ctx, response.status(), &page)
    } else {
        view::error_page(ctx, response.status(), &page)
    }
}

/// The methods a machine address outside `/api/` takes; `None` for every other path.
fn machine_allow(path: &str) -> Option<&'static str> {
    match path {
        "/.well-known/spona-federation" => Some("GET, HEAD"),
        "/federation/inbox" => Some("POST"),
        p if p.starts_with("/log/tile/") => Some("GET, HEAD"),
        _ => None,
    }
}

/// Whether a refusal at this path is the JSON error of the API (the JSON API itself and the
/// public log's tiles, whose 404 the OpenAPI document describes as JSON) rather than a page.
fn json_errors(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/log/tile/")
}

async fn audit_denial(ctx: &Ctx, parts: &Parts, action: &str) {
    record_denial(ctx, parts.uri.path(), action).await;
}

/// The path a denial's audit entry names. The audit log records vault activity without
/// case details: a vault path loses its case and item ids (`/vault/cases/{id}/…`).
pub fn audited_path(path: &str) -> String {
    if !(path.starts_with("/vault") || path.starts_with("/api/v1/vault")) {
        return path.to_owned();
    }
    path.split('/')
        .map(|segment| {
            let word =
                segment == "v1" || segment.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if word { segment } else { "{id}" }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn record_denial(ctx: &Ctx, path: &str, action: &str) {
    let actor = ctx.user.as_ref().map(|u| u.user.id.clone());
    let path = audited_path(path);
    let event = spona_store::audit::Event {
        actor_id: actor.as_deref(),
        action,
        target_kind: "route",
        target_id: &path,
        detail: String::new(),
    };
    if let Err(e) = spona_store::audit::record(&ctx.state.db, event).await {
        tracing::error!(error = %e, "could not record a security event");
    }
}

fn pick_locale(state: &AppState, parts: &Parts, jar: &CookieJar) -> Locale {
    if let Some(UrlLocale(l)) = parts.extensions.get::<UrlLocale>() {
        return *l;
    }
    if let Some(l) = jar
        .get(&cookie_name(state, LANG_COOKIE))
        .and_then(|c| Locale::from_tag(c.value()))
    {
        return l;
    }
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::negotiate)
        .unwrap_or_default()
}

async fn load_user(
    state: &AppState,
    locale: Locale,
    token: &str,
) -> Result<Option<(CurrentUser, bool)>, spona_store::StoreError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let Some(session) = sessions::find(&state.db, token).await? else {
        return Ok(None);
    };
    // Reading goes on when the database cannot take the write (a full disk).
    if spona_store::now() - session.last_seen_at > 60
        && let Err(e) = sessions::touch(&state.db, token).await
    {
        tracing::warn!(error = %e, "could not note the session's last use");
    }
    let user = users::get(&state.db, &session.user_id).await?;
    let mut memberships = users::memberships(&state.db, &user.id).await?;
    if !memberships.is_empty() {
        let snapshot = state.directory.snapshot(&state.db).await?;
        spona_app::names::OrgNames::new(snapshot, locale).memberships(&mut memberships);
    }
    // Case workers are members: one query, only for people with an organisation.
    let case_worker = !memberships.is_empty()
        && !spona_store::referrals::worker_roles(&state.db, &user.id)
            .await?
            .is_empty();
    Ok(Some((
        CurrentUser {
            user,
            memberships,
            case_worker,
        },
        session.mfa_pending,
    )))
}
