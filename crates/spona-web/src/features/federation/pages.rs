//! The platform admins' federation pages: this deployment's fingerprint and its partners
//! (`/admin/federation`), one partner — its organisations, who exchanges with whom, its
//! key, a note to send (`/admin/federation/partners/{id}`) — and the packet log
//! (`/admin/federation/packets`). Every POST answers 303, or shows its form again with 422.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::Deserialize;
use spona_app::Error;
use spona_app::federation::{outbox, partners};
use spona_store::federation::packets::{self as pstore, Incoming, Outgoing};
use spona_store::federation::{self as store, Partner, RemoteOrg};

use super::fetch_document;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/federation", overview)
        .post_from(
            "/admin/federation/partners",
            add_partner,
            "/admin/federation",
        )
        .get("/admin/federation/partners/{id}", partner_page)
        .post_from(
            "/admin/federation/partners/{id}/refresh",
            refresh,
            "/admin/federation/partners/{id}",
        )
        .post_from(
            "/admin/federation/partners/{id}/confirm",
            confirm,
            "/admin/federation/partners/{id}",
        )
        .post_from(
            "/admin/federation/partners/{id}/links",
            link,
            "/admin/federation/partners/{id}",
        )
        .post_from(
            "/admin/federation/partners/{id}/notes",
            note,
            "/admin/federation/partners/{id}",
        )
        .get("/admin/federation/packets", packets)
}

#[derive(Deserialize, Default)]
struct Done {
    #[serde(default)]
    done: String,
}

/// `done` values a page may announce, and their message ids.
fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "added" => "fed-done-added",
        "same" => "fed-done-same",
        "changed" => "fed-done-changed",
        "confirmed" => "fed-done-confirmed",
        "linked" => "fed-done-linked",
        "queued" => "fed-done-queued",
        _ => return None,
    })
}

#[derive(Template)]
#[template(path = "federation/templates/overview.html")]
struct Overview {
    ctx: Ctx,
    fingerprint: String,
    public_key: String,
    partners: Vec<Partner>,
    errors: FormErrors,
    url: String,
    typed: String,
    done: Option<&'static str>,
}

async fn overview_page(
    ctx: Ctx,
    errors: FormErrors,
    url: String,
    typed: String,
    done: &str,
) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    let partners = store::partners(&ctx.state.db).await?;
    let status = form_status(&errors);
    Ok(render(
        status,
        &Overview {
            fingerprint: keys.fingerprint(),
            public_key: keys.public_hex(),
            partners,
            errors,
            url,
            typed,
            done: done_message(done),
            ctx,
        },
    ))
}

async fn overview(ctx: Ctx, Query(q): Query<Done>) -> Result<Response, AppError> {
    overview_page(
        ctx,
        FormErrors::new(),
        String::new(),
        String::new(),
        &q.done,
    )
    .await
}

#[derive(Deserialize, Default)]
struct AddForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    fingerprint: String,
}

fn own_key(keys: &spona_app::federation::FedKeys) -> String {
    keys.public_hex()
}

async fn add_partner(ctx: Ctx, Form(f): Form<AddForm>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let mut errors = FormErrors::new();
    let url = match spona_domain::federation::partner_url(
        &f.url,
        ctx.state.federation.settings.allow_http,
    ) {
        Ok(u) => Some(u),
        Err(key) => {
            errors.add(&ctx, "url", key);
            None
        }
    };
    if f.fingerprint.trim().is_empty() {
        errors.add(&ctx, "fingerprint", "fed-err-fingerprint-empty");
    }
    let Some(url) = url.filter(|_| errors.is_empty()) else {
        return overview_page(ctx, errors, f.url, f.fingerprint, "").await;
    };
    let doc = match fetch_document(&url).await {
        Ok(d) => d,
        Err(reason) => {
            tracing::warn!(%reason, "could not read a partner's key document");
            errors.add(&ctx, "url", "fed-err-fetch");
            return overview_page(ctx, errors, f.url, f.fingerprint, "").await;
        }
    };
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    match partners::add(
        &ctx.actor(),
        &ctx.state.db,
        &own_key(&keys),
        &url,
        &doc,
        &f.fingerprint,
    )
    .await
    {
        Ok(id) => Ok(see_other(
            &ctx,
            &format!("/admin/federation/partners/{id}?done=added"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            overview_page(ctx, errors, f.url, f.fingerprint, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// A link shown with both organisations' names.
struct LinkView {
    local: String,
    local_name: String,
    remote: String,
    remote_name: String,
}

#[derive(Template)]
#[template(path = "federation/templates/partner.html")]
struct PartnerPage {
    ctx: Ctx,
    partner: Partner,
    remote: Vec<RemoteOrg>,
    local: Vec<(String, String)>,
    links: Vec<LinkView>,
    errors: FormErrors,
    done: Option<&'static str>,
}

async fn load_partner(ctx: &Ctx, id: &str) -> Result<Partner, AppError> {
    ctx.require_admin()?;
    store::partner(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn partner_view(
    ctx: Ctx,
    partner: Partner,
    errors: FormErrors,
    done: &str,
) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let remote = store::partner_orgs(db, &partner.id).await?;
    let local: Vec<(String, String)> = spona_store::orgs::all_names(db)
        .await?
        .into_iter()
        .map(|(id, _, name)| (id, name))
        .collect();
    let links = store::links(db, &partner.id)
        .await?
        .into_iter()
        .map(|l| LinkView {
            local_name: local
                .iter()
                .find(|(id, _)| *id == l.local_org)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| l.local_org.clone()),
            remote_name: remote
                .iter()
                .find(|o| o.org_id == l.remote_org)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| l.remote_org.clone()),
            local: l.local_org,
            remote: l.remote_org,
        })
        .collect();
    let status = form_status(&errors);
    Ok(render(
        status,
        &PartnerPage {
            partner,
            remote,
            local,
            links,
            errors,
            done: done_message(done),
            ctx,
        },
    ))
}

async fn partner_page(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let partner = load_partner(&ctx, &id).await?;
    partner_view(ctx, partner, FormErrors::new(), &q.done).await
}

/// Reads the partner's key document again: new organisations, or a changed key (which
/// holds the partner until an admin confirms it).
async fn refresh(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let partner = load_partner(&ctx, &id).await?;
    let doc = match fetch_document(&partner.base_url).await {
        Ok(d) => d,
        Err(reason) => {
            tracing::warn!(%reason, "could not read a partner's key document");
            let mut errors = FormErrors::new();
            errors.add(&ctx, "refresh", "fed-err-fetch");
            return partner_view(ctx, partner, errors, "").await;
        }
    };
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    let done = match partners::refresh(&ctx.actor(), &ctx.state.db, &own_key(&keys), &partner, &doc)
        .await
    {
        Ok(partners::Refreshed::Same) => "same",
        Ok(partners::Refreshed::KeyChanged { .. }) => "changed",
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            return partner_view(ctx, partner, errors, "").await;
        }
        Err(e) => return Err(e.into()),
    };
    Ok(see_other(
        &ctx,
        &format!("/admin/federation/partners/{id}?done={done}"),
    ))
}

#[derive(Deserialize, Default)]
struct ConfirmForm {
    #[serde(default)]
    fingerprint: String,
}

async fn confirm(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let partner = load_partner(&ctx, &id).await?;
    let mut errors = FormErrors::new();
    let doc = match fetch_document(&partner.base_url).await {
        Ok(d) => d,
        Err(reason) => {
            tracing::warn!(%reason, "could not read a partner's key document");
            errors.add(&ctx, "fingerprint", "fed-err-fetch");
            return partner_view(ctx, partner, errors, "").await;
        }
    };
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    match partners::confirm_key(
        &ctx.actor(),
        &ctx.state.db,
        &own_key(&keys),
        &partner,
        &doc,
        &f.fingerprint,
    )
    .await
    {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/admin/federation/partners/{id}?done=confirmed"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            partner_view(ctx, partner, errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct LinkForm {
    #[serde(default)]
    local: String,
    #[serde(default)]
    remote: String,
    #[serde(default)]
    action: String,
}

async fn link(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<LinkForm>,
) -> Result<Response, AppError> {
    let partner = load_partner(&ctx, &id).await?;
    let on = match f.action.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    match partners::set_link(&ctx.actor(), &ctx.state.db, &id, &f.local, &f.remote, on).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/admin/federation/partners/{id}?done=linked"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            partner_view(ctx, partner, errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct NoteForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    action: String,
}

async fn note(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    let partner = load_partner(&ctx, &id).await?;
    let text = match f.action.as_str() {
        "ping" => None,
        "note" => Some(f.text.as_str()),
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    let r = outbox::send_note(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.federation,
        &id,
        &f.from,
        &f.to,
        text,
    )
    .await;
    match r {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("/admin/federation/partners/{id}?done=queued"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            partner_view(ctx, partner, errors, "").await
        }
        Err(Error::Refused(key)) => {
            let mut errors = FormErrors::new();
            errors.add(&ctx, "to", key);
            partner_view(ctx, partner, errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// A packet in the log.
struct PacketView {
    id: String,
    partner: String,
    from: String,
    to: String,
    kind: String,
    seq: i64,
    state: String,
    attempts: i64,
    at: i64,
    error: String,
}

#[derive(Template)]
#[template(path = "federation/templates/packets.html")]
struct PacketsPage {
    ctx: Ctx,
    sent: Vec<PacketView>,
    received: Vec<PacketView>,
}

fn partner_name(partners: &[Partner], id: &str) -> String {
    partners
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// The packets sent and received, newest first, with their states (never their bodies).
async fn packets(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let db = &ctx.state.db;
    let partners = store::partners(db).await?;
    let sent = pstore::outbox(db, 200)
        .await?
        .into_iter()
        .map(|o: Outgoing| PacketView {
            partner: partner_name(&partners, &o.partner_id),
            id: o.id,
            from: o.from_org,
            to: o.to_org,
            kind: o.kind,
            seq: o.seq,
            state: o.state,
            attempts: o.attempts,
            at: o.delivered_at.unwrap_or(o.created_at),
            error: o.last_error.unwrap_or_default(),
        })
        .collect();
    let received = pstore::inbox(db, 200).await?;
    let ids: Vec<String> = received.iter().map(|i| i.id.clone()).collect();
    // Held packets refused when their turn came (issue 20): state and reason.
    let mut refused = spona_store::federation::refusals::refused_reasons(db, &ids).await?;
    let received = received
        .into_iter()
        .map(|i: Incoming| PacketView {
            error: refused.remove(&i.id).unwrap_or_default(),
            partner: partner_name(&partners, &i.partner_id),
            id: i.id,
            from: i.from_org,
            to: i.to_org,
            kind: i.kind,
            seq: i.seq,
            state: if i.state == "held" {
                "held".into()
            } else {
                "received".into()
            },
            attempts: 0,
            at: i.received_at,
        })
        .map(|mut v| {
            if !v.error.is_empty() {
                v.state = "refused".into();
            }
            v
        })
        .collect();
    Ok(page(&PacketsPage {
        ctx,
        sent,
        received,
    }))
}
