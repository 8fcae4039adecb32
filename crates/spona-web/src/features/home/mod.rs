//! The home page, health check and the not-found fallback.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use spona_store::matching::MyProposal;
use spona_store::notifications::Notification;
use spona_store::resources::ResourceLine;

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/", home)
        .get("/about/accessibility", accessibility)
        .get("/leave", leave)
}

/// The neutral site the quick-exit control leads to.
pub const NEUTRAL_SITE: &str = "https://www.wikipedia.org/";

/// Quick exit: asks the browser to drop Spona's cached pages and goes to a neutral site, so
/// "back" does not show what was being read. Works without JavaScript.
async fn leave() -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (axum::http::header::LOCATION, NEUTRAL_SITE),
            (
                axum::http::header::HeaderName::from_static("clear-site-data"),
                "\"cache\"",
            ),
            (axum::http::header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "home/templates/home.html")]
struct HomePage {
    ctx: Ctx,
    org_count: i64,
    network_count: usize,
    /// What needs the signed-in reader; `None` for visitors.
    mine: Option<Dashboard>,
}

/// The person's recent notices; a round or an organisation is named in the reader's language
/// (the notice stores the title or name as written, the round's link, the organisation's id).
async fn notices(ctx: &Ctx, user_id: &str) -> Result<Vec<Notification>, AppError> {
    let mut notices = spona_store::notifications::recent(&ctx.state.db, user_id, 10).await?;
    if notices.iter().any(|n| n.subject_org.is_some()) {
        let names = crate::names::OrgNames::load(ctx).await?;
        for n in &mut notices {
            names.rename(n.subject_org.as_deref(), &mut n.subject);
        }
    }
    if notices
        .iter()
        .any(|n| n.kind == "notice-proposals-published")
    {
        let titles = spona_store::matching::round_titles(&ctx.state.db).await?;
        for n in &mut notices {
            let round = n.link.strip_prefix("/matching/").unwrap_or_default();
            if n.kind == "notice-proposals-published"
                && let Some(t) = titles.get(round)
            {
                n.subject = crate::names::title_in(ctx.locale, &n.subject, t);
            }
        }
    }
    Ok(notices)
}

impl HomePage {
    fn network_count_text(&self) -> String {
        self.ctx.tn("network-count", &(self.network_count as i64))
    }
}

/// A check-in is due when a pair's latest check-in (or its start) is older than this.
const CHECK_IN_EVERY: i64 = 30 * 86_400;

/// The signed-in reader's home: their organisations and what waits for them.
struct Dashboard {
    /// `(slug, name, is admin)`.
    orgs: Vec<(String, String, bool)>,
    /// Proposals their side has not answered yet (and the other side has not declined).
    to_answer: Vec<MyProposal>,
    /// Agreed pairs still running; `check_in_due` says whether one is due.
    pairs: Vec<(MyProposal, bool)>,
    to_review: Vec<ResourceLine>,
    outdated: Vec<ResourceLine>,
    vault_cases: usize,
    /// `(org slug, org name, pending invitations)` of organisations they administer.
    invitations: Vec<(String, String, usize)>,
    notices: Vec<Notification>,
}

impl Dashboard {
    async fn load(ctx: &Ctx, user: &crate::http::context::CurrentUser) -> Result<Self, AppError> {
        let db = &ctx.state.db;
        let now = spona_store::now();
        let member_of: Vec<String> = user.memberships.iter().map(|m| m.org_id.clone()).collect();
        let mut proposals = spona_store::matching::proposals_of(db, user.id(), &member_of).await?;
        if !proposals.is_empty() {
            let names = crate::names::OrgNames::load(ctx).await?;
            let titles = spona_store::matching::round_titles(db).await?;
            for p in &mut proposals {
                names.rename(p.partner_org_id.as_deref(), &mut p.partner_name);
                if let Some(t) = titles.get(&p.round_id) {
                    p.round_title = crate::names::title_in(ctx.locale, &p.round_title, t);
                }
            }
        }
        let mut to_answer = Vec::new();
        let mut pairs = Vec::new();
        for p in proposals {
            // Only those who speak for a side answer: the person, or an organisation's admin.
            let speaks = match &p.my_org_id {
                Some(org) => user.can_manage_org(org) && user.is_member_of(org),
                None => true,
            };
            let other = if p.side == "a" {
                &p.b_answer
            } else {
                &p.a_answer
            };
            if p.my_answer() == "pending" && other != "declined" && speaks {
                to_answer.push(p);
            } else if p.is_active_pair() {
                let latest = p.last_check_in.or(p.started_at).unwrap_or(now);
                let due = latest < now - CHECK_IN_EVERY;
                pairs.push((p, due));
            }
        }
        let mut invitations = Vec::new();
        for m in &user.memberships {
            if m.role() == spona_domain::role::OrgRole::Admin {
                let n = spona_store::tokens::pending_invites(db, &m.org_id)
                    .await?
                    .len();
                if n > 0 {
                    invitations.push((m.org_slug.clone(), m.org_name.clone(), n));
                }
            }
        }
        let orgs = user
            .memberships
            .iter()
            .map(|m| {
                (
                    m.org_slug.clone(),
                    m.org_name.clone(),
                    m.role() == spona_domain::role::OrgRole::Admin,
                )
            })
            .collect();
        let (mut to_review, mut outdated) = if member_of.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            (
                spona_store::resources::needs_review(db, Some(&member_of), now).await?,
                spona_store::resources::outdated(db, Some(&member_of)).await?,
            )
        };
        if !to_review.is_empty() || !outdated.is_empty() {
            let names = crate::names::OrgNames::load(ctx).await?;
            names.resource_lines(&mut to_review);
            names.resource_lines(&mut outdated);
        }
        Ok(Dashboard {
            orgs,
            to_answer,
            pairs,
            to_review,
            outdated,
            vault_cases: spona_store::vault::cases_of(db, user.id()).await?.len(),
            invitations,
            notices: notices(ctx, user.id()).await?,
        })
    }

    fn is_empty(&self) -> bool {
        self.to_answer.is_empty()
            && self.pairs.is_empty()
            && self.to_review.is_empty()
            && self.outdated.is_empty()
            && self.invitations.is_empty()
            && self.notices.is_empty()
    }
}

impl HomePage {
    fn notice_text(&self, n: &Notification) -> String {
        self.ctx
            .ta(&n.kind, &[("subject", spona_i18n::Arg::Str(&n.subject))])
    }
    fn date(&self, at: &i64) -> String {
        crate::http::view::format_date(self.ctx.locale, *at)
    }
    fn pending_text(&self, n: &usize) -> String {
        self.ctx.tn("home-invitations-pending", &(*n as i64))
    }
    fn vault_text(&self, n: &usize) -> String {
        self.ctx.tn("home-vault-cases", &(*n as i64))
    }
}

async fn home(ctx: Ctx) -> Result<Response, AppError> {
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    let mine = match ctx.user.clone() {
        Some(user) if !ctx.mfa_pending => Some(Dashboard::load(&ctx, &user).await?),
        _ => None,
    };
    Ok(page(&HomePage {
        org_count: snapshot.list(&Default::default()).total,
        network_count: snapshot.networks.len(),
        mine,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "home/templates/accessibility.html")]
struct AccessibilityPage {
    ctx: Ctx,
}

async fn accessibility(ctx: Ctx) -> Response {
    page(&AccessibilityPage { ctx })
}

/// `200 ok` while the database answers; `503` otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    match state.db.health().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// No icon: answering 204 spares browsers a logged 404 on every page.
pub async fn favicon() -> Response {
    (
        StatusCode::NO_CONTENT,
        [(axum::http::header::CACHE_CONTROL, "public, max-age=86400")],
    )
        .into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
