//! The request context: who is asking, in which locale, with which CSRF token.
//!
//! [`layer`] builds a [`Ctx`] for every request, refuses unsafe requests without a valid CSRF
//! token, and renders error responses as pages in the reader's locale (or JSON under `/api`).

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use spona_domain::Locale;
use spona_i18n::Arg;
use spona_store::users::{Membership, User};
use spona_store::{sessions, users};

use crate::AppState;
use crate::http::csrf::{check_csrf, session_csrf};
use crate::http::error::{AppError, ErrorPage};
use crate::http::locale::UrlLocale;
use crate::http::view;

/// The signed-in person, with their organisations.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub memberships: Vec<Membership>,
}

impl CurrentUser {
    pub fn id(&self) -> &str {
        &self.user.id
    }

    pub fn is_admin(&self) -> bool {
        self.user.is_platform_admin()
    }

    /// Whether the user administers this organisation (or the whole platform).
    pub fn can_manage_org(&self, org_id: &str) -> bool {
        self.is_admin()
            || self
                .memberships
                .iter()
                .any(|m| m.org_id == org_id && m.role() == spona_domain::role::OrgRole::Admin)
    }

    /// Whether the user belongs to this organisation in any role.
    pub fn is_member_of(&self, org_id: &str) -> bool {
        self.memberships.iter().any(|m| m.org_id == org_id)
    }
}

/// Everything a handler and a template need to know about the request.
#[derive(Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub state: AppState,
    pub user: Option<Arc<CurrentUser>>,
    /// The CSRF token every form carries back.
    pub csrf: String,
    /// Path and query without the locale prefix, for the language switcher.
    pub here: String,
    /// The session token from the cookie (for sign-out); never rendered or logged.
    pub(crate) session_token: Option<String>,
    /// Whether the current session waits for its second factor.
    pub mfa_pending: bool,
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("locale", &self.locale)
            .field("user", &self.user.as_ref().map(|u| &u.user.id))
            .finish_non_exhaustive()
    }
}

impl Ctx {
    /// A translated message.
    pub fn t(&self, key: &str) -> String {
        self.state.tr.t(self.locale, key)
    }

    /// A translated message with arguments.
    pub fn ta(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.state.tr.t_args(self.locale, key, args)
    }

    /// A translated message with one number (for plurals).
    pub fn tn(&self, key: &str, count: &i64) -> String {
        self.ta(key, &[("count", Arg::Num(*count))])
    }

    /// A link inside Spona, in the reader's locale: `/orgs` → `/sr-Cyrl/orgs`.
    pub fn href(&self, path: &str) -> String {
        format!("/{}{}", self.locale.tag(), path)
    }

    /// The current page in another locale.
    pub fn switch_href(&self, locale: &Locale) -> String {
        format!("/{}{}", locale.tag(), self.here)
    }

    pub fn locales(&self) -> [Locale; 4] {
        Locale::ALL
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some() && !self.mfa_pending
    }

    pub fn is_admin(&self) -> bool {
        self.signed_in() && self.user.as_ref().is_some_and(|u| u.is_admin())
    }

    /// The signed-in user, or [`AppError::SignInRequired`].
    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        match &self.user {
            Some(u) if !self.mfa_pending => Ok(u),
            _ => Err(AppError::SignInRequired),
        }
    }

    /// A platform admin, or 403.
    pub fn require_admin(&self) -> Result<&CurrentUser, AppError> {
        let u = self.require_user()?;
        if u.is_admin() {
            Ok(u)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn user_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.user.display_name.clone())
            .unwrap_or_default()
    }

    /// The organisations the user administers (for the navigation).
    pub fn managed_orgs(&self) -> Vec<Membership> {
        match &self.user {
            Some(u) if self.signed_in() => u
                .memberships
                .iter()
                .filter(|m| m.role() == spona_domain::role::OrgRole::Admin)
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The display name of a vocabulary code, e.g. `label("theme", "youth")`.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        self.t(&format!("{prefix}-{code}"))
    }

    /// A date in the reader's locale (Serbian `25. 11. 2026.`, Ukrainian `25.11.2026`).
    pub fn date(&self, unix: &i64) -> String {
        view::format_date(self.locale, *unix)
    }

    pub fn datetime(&self, unix: &i64) -> String {
        view::format_datetime(self.locale, *unix)
    }

    /// Appends an audit entry on behalf of the signed-in user (if any).
    pub async fn audit(
        &self,
        action: &str,
        target_kind: &str,
        target_id: &str,
        detail: String,
    ) -> Result<(), AppError> {
        let actor = self.user.as_ref().map(|u| u.user.id.clone());
        self.audit_as(actor.as_deref(), action, target_kind, target_id, detail)
            .await
    }

    /// Appends an audit entry naming `actor` (e.g. a user who is only now signing in).
    pub async fn audit_as(
        &self,
        actor: Option<&str>,
        action: &str,
        target_kind: &str,
        target_id: &str,
        detail: String,
    ) -> Result<(), AppError> {
        let event = spona_store::audit::Event {
            actor_id: actor,
            action,
            target_kind,
            target_id,
            detail,
        };
        spona_store::audit::record(&self.state.db, event).await?;
        Ok(())
    }

    /// The person this request acts for, as the use-case layer sees them.
    pub fn actor(&self) -> spona_app::Actor {
        // A session still waiting for its second factor acts for nobody yet (as `signed_in`).
        match &self.user {
            Some(u) if !self.mfa_pending => {
                spona_app::Actor::signed_in(u.user.clone(), u.memberships.clone())
            }
            _ => spona_app::Actor::anonymous(),
        }
    }

    /// A fresh one-time key for a create form (see `pages::once_in_tx`).
    pub fn once_key(&self) -> String {
        spona_store::new_token()
    }

    /// The stylesheet's content-hashed path.
    pub fn css_href(&self) -> &str {
        &self.state.statics.css_path
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("context layer missing")))
    }
}

/// Cookie names: `__Host-` prefixed under TLS, which pins them to this host and path `/`.
pub fn cookie_name(state: &AppState, base: &'static str) -> String {
    if state.config.https {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// A cookie with Spona's attributes: HttpOnly, SameSite=Lax, path `/`, Secure under TLS.
pub fn make_cookie(state: &AppState, base: &'static str, value: String) -> Cookie<'static> {
    let mut c = Cookie::new(cookie_name(state, base), value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.config.https);
    c
}

pub const SESSION_COOKIE: &str = "spona_session";
pub const CSRF_COOKIE: &str = "spona_csrf";
pub const LANG_COOKIE: &str = "spona_lang";

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

    // The JSON API is read-only: any other method is 405 before anything else is looked at.
    if parts.uri.path().starts_with("/api/")
        && parts.method != Method::GET
        && parts.method != Method::HEAD
    {
        let mut response = render_error(&ctx, &parts, AppError::MethodNotAllowed);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return finish(&state, response, &csrf_cookie, new_csrf);
    }

    let body = if parts.method == Method::GET || parts.method == Method::HEAD {
        body
    } else {
        match check_csrf(&state, &parts, &ctx.csrf, new_csrf, body).await {
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
    let is_api = path.starts_with("/api/");
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
    if parts.uri.path().starts_with("/api/") {
        view::api_error(ctx, response.status(), &page)
    } else {
        view::error_page(ctx, response.status(), &page)
    }
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
    Ok(Some((
        CurrentUser { user, memberships },
        session.mfa_pending,
    )))
}
