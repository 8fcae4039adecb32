//! The request context: who is asking, in which locale, with which CSRF token.
//!
//! [`crate::http::layer`] builds a [`Ctx`] for every request; handlers take it as an
//! extractor and pass `ctx.actor()` to the use cases.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, SameSite};
use spona_domain::Locale;
use spona_i18n::Arg;
use spona_store::users::{Membership, User};

use crate::AppState;
use crate::http::error::AppError;

/// The signed-in person, with their organisations.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub memberships: Vec<Membership>,
    /// A case worker of one of their organisations (the navigation shows referrals).
    pub case_worker: bool,
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

    pub fn locales(&self) -> [Locale; 9] {
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
        spona_app::dates::format_date(self.locale, *unix)
    }

    pub fn datetime(&self, unix: &i64) -> String {
        spona_app::dates::format_datetime(self.locale, *unix)
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

    /// A fresh one-time key for a create form (see `http::forms::once_in_tx`).
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
