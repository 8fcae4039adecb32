//! Saved reports and their co-signers' consent. The report form saves a report that names
//! co-signing organisations and leads to its page (`/monitoring/reports/{id}`: the choices,
//! each co-signer confirmed, declined or pending, the downloads). An organisation's admins
//! answer on `/monitoring/reports/cosign` (one POST button each way); the documents at
//! `/monitoring/reports/{id}/download/{format}` list only the confirmed co-signers. The
//! rules are in `spona_app::monitoring::reports::cosign`.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use spona_app::monitoring::reports::cosign as uc;
use spona_app::monitoring::reports::{Format, ReportRequest};
use spona_domain::Locale;
use spona_domain::monitoring::Mechanism;
use spona_i18n::Arg;
use spona_store::monitoring::cosigners::{CosignState, Cosigner, Request};

use super::{ReportForm, send};
use crate::features::monitoring::implementation::Done;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/reports/cosign", requests)
        .post_from(
            "/monitoring/reports/{id}/cosigners/{org}/confirm",
            confirm,
            "/monitoring/reports/cosign",
        )
        .post_from(
            "/monitoring/reports/{id}/cosigners/{org}/decline",
            decline,
            "/monitoring/reports/cosign",
        )
        .get("/monitoring/reports/{id}", report)
        .get("/monitoring/reports/{id}/download/{format}", download)
}

/// A saved report's choices, read back from its stored query.
pub fn stored_form(choices: &str) -> ReportForm {
    Uri::try_from(format!("/?{choices}"))
        .ok()
        .and_then(|uri| axum_extra::extract::Query::<ReportForm>::try_from_uri(&uri).ok())
        .map(|q| q.0)
        .unwrap_or_default()
}

/// A saved report's request: its stored choices (never co-signers: they are the rows').
fn stored_request(choices: &str) -> Result<ReportRequest, AppError> {
    let mut form = stored_form(choices);
    form.org.clear();
    form.request()
        .map_err(|(_, key)| AppError::from(spona_app::Error::BadRequest(key)))
}

/// The title a saved report's document carries.
fn title_of(ctx: &Ctx, form: &ReportForm) -> String {
    match form.title.trim() {
        "" => ctx.t("mon-rep-doc-default-title"),
        t => t.to_owned(),
    }
}

fn org_name(ctx: &Ctx, name: &str) -> String {
    match ctx.locale {
        l if spona_domain::reading::reads_serbian_latin(l) => spona_i18n::cyr_to_lat(name),
        _ => name.to_owned(),
    }
}

fn state_key(state: CosignState) -> &'static str {
    match state {
        CosignState::Pending => "mxt-state-pending",
        CosignState::Confirmed => "mxt-state-confirmed",
        CosignState::Declined => "mxt-state-declined",
    }
}

/// One request on the admins' list.
struct Row {
    request: Request,
    title: String,
}

#[derive(Template)]
#[template(path = "monitoring/templates/mxt_requests.html")]
struct RequestsPage {
    ctx: Ctx,
    rows: Vec<Row>,
    done: Option<&'static str>,
}

impl RequestsPage {
    fn name(&self, r: &Request) -> String {
        org_name(&self.ctx, &r.name)
    }

    fn state(&self, r: &Request) -> String {
        self.ctx.t(state_key(r.state))
    }

    fn pending(&self, r: &Request) -> bool {
        r.state == CosignState::Pending
    }

    fn asked_by(&self, r: &Request) -> String {
        let date = self.ctx.date(&r.created_at);
        match &r.author_name {
            Some(name) => self.ctx.ta(
                "mxt-asked-by",
                &[
                    ("name", Arg::Str(name.as_str())),
                    ("date", Arg::Str(date.as_str())),
                ],
            ),
            None => self
                .ctx
                .ta("mxt-asked-on", &[("date", Arg::Str(date.as_str()))]),
        }
    }
}

async fn requests(ctx: Ctx, Query(q): Query<Done>) -> Result<Response, AppError> {
    let list = uc::requests(&ctx.actor(), &ctx.state.db).await?;
    let rows = list
        .into_iter()
        .map(|request| Row {
            title: title_of(&ctx, &stored_form(&request.choices)),
            request,
        })
        .collect();
    let done = match q.done.as_str() {
        "confirmed" => Some("mxt-done-confirmed"),
        "declined" => Some("mxt-done-declined"),
        _ => None,
    };
    Ok(render(StatusCode::OK, &RequestsPage { ctx, rows, done }))
}

async fn answer(ctx: Ctx, id: &str, org: &str, confirm: bool) -> Result<Response, AppError> {
    uc::decide(&ctx.actor(), &ctx.state.db, id, org, confirm).await?;
    let done = if confirm { "confirmed" } else { "declined" };
    Ok(see_other(
        &ctx,
        &format!("/monitoring/reports/cosign?done={done}"),
    ))
}

async fn confirm(ctx: Ctx, Path((id, org)): Path<(String, String)>) -> Result<Response, AppError> {
    answer(ctx, &id, &org, true).await
}

async fn decline(ctx: Ctx, Path((id, org)): Path<(String, String)>) -> Result<Response, AppError> {
    answer(ctx, &id, &org, false).await
}

#[derive(Template)]
#[template(path = "monitoring/templates/mxt_report.html")]
struct ReportPage {
    ctx: Ctx,
    id: String,
    form: ReportForm,
    title: String,
    saved_on: String,
    cosigners: Vec<Cosigner>,
}

impl ReportPage {
    /// The choices, one (label, value) per line given.
    fn choices(&self) -> Vec<(String, String)> {
        let f = &self.form;
        let mut out = Vec::new();
        if let Some(m) = Mechanism::parse(f.mechanism.trim()) {
            out.push((
                self.ctx.t("mon-rep-mechanism"),
                self.ctx.t(&format!("mon-rep-mech-{}", m.as_str())),
            ));
        }
        for (key, v) in [
            ("mon-rep-cycle", &f.cycle),
            ("mon-rep-country", &f.country),
            ("mon-rep-theme", &f.theme),
            ("mon-rep-numbers", &f.numbers),
        ] {
            if !v.trim().is_empty() {
                out.push((self.ctx.t(key), v.trim().to_owned()));
            }
        }
        if !f.rec.is_empty() {
            out.push((
                self.ctx.t("mxt-listed"),
                self.ctx.tn("mon-rep-chosen", &(f.rec.len() as i64)),
            ));
        }
        let lang = Locale::from_tag(f.lang.trim()).unwrap_or(self.ctx.locale);
        out.push((self.ctx.t("mon-rep-lang"), lang.endonym().to_owned()));
        out
    }

    fn name(&self, c: &Cosigner) -> String {
        org_name(&self.ctx, &c.name)
    }

    fn state(&self, c: &Cosigner) -> String {
        self.ctx.t(state_key(c.state))
    }

    fn state_class(&self, c: &Cosigner) -> &'static str {
        c.state.as_str()
    }

    fn formats(&self) -> Vec<(String, String)> {
        Format::ALL
            .iter()
            .filter(|f| f.available())
            .map(|f| {
                (
                    format!("/monitoring/reports/{}/download/{}", self.id, f.ext()),
                    self.ctx.t(&format!("mon-rep-format-{}", f.ext())),
                )
            })
            .collect()
    }

    fn any_pending(&self) -> bool {
        self.cosigners
            .iter()
            .any(|c| c.state == CosignState::Pending)
    }
}

async fn report(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (saved, cosigners) = uc::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let form = stored_form(&saved.choices);
    let title = title_of(&ctx, &form);
    let saved_on = ctx.date(&saved.created_at);
    Ok(render(
        StatusCode::OK,
        &ReportPage {
            ctx,
            id: saved.id,
            form,
            title,
            saved_on,
            cosigners,
        },
    ))
}

async fn download(
    ctx: Ctx,
    Path((id, format)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let format = Format::parse(&format).ok_or(AppError::NotFound)?;
    let (saved, _) = uc::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let req = stored_request(&saved.choices)?;
    let made = uc::make_saved(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.tr,
        &ctx.state.config.public_url,
        &id,
        &req,
        ctx.locale,
        format,
    )
    .await?;
    Ok(send(made))
}
