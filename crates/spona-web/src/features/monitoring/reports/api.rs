//! Shadow reports in the JSON API: `GET /api/monitoring/report.{odt,docx,pdf}` with the
//! form's choices in the query. A refused choice is 422 with the message in the reader's
//! locale; the document itself is binary.

use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Query;
use spona_app::Error;
use spona_app::monitoring::reports::{self as uc, Format};
use utoipa::{IntoParams, OpenApi};

use super::{ReportForm, send};
use crate::http::api::ErrorJson;
use crate::http::error::ErrorPage;
use crate::http::routes::Routes;
use crate::http::view::api_error;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/monitoring/report.odt", report_odt)
        .get("/api/monitoring/report.docx", report_docx)
        .get("/api/monitoring/report.pdf", report_pdf)
}

#[derive(OpenApi)]
#[openapi(paths(report_odt, report_docx, report_pdf))]
struct ReportsDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    ReportsDoc::openapi()
}

/// The report's choices. Recommendations matching every criterion given (mechanism, cycle,
/// country, theme, numbers) are included, and every one listed by `rec`; at least one
/// choice is needed, at most 500 recommendations result.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ReportParams {
    /// `upr`, `treaty-body`, `special-procedure`, `nap-1325`, `eu-accession` or
    /// `national-strategy`.
    mechanism: Option<String>,
    /// A cycle or session as stored (`2`, `3`).
    cycle: Option<String>,
    /// ISO 3166-1 alpha-2 of the state addressed (`RS`).
    country: Option<String>,
    /// A theme code.
    theme: Option<String>,
    /// Paragraph numbers separated by commas or spaces (`131.4, 131.12`).
    numbers: Option<String>,
    /// Recommendations' ids, whatever the criteria.
    rec: Option<Vec<String>>,
    /// The report's language: `en`, `sr-Latn`, `sr-Cyrl` or `uk` (default: the reader's).
    lang: Option<String>,
    /// The title (at most 200 characters; default: the language's default title).
    title: Option<String>,
    /// Refused when given: co-signing organisations confirm a report saved through the form
    /// (`/monitoring/reports/new`), whose documents list only those that confirmed.
    org: Option<Vec<String>>,
}

async fn report(ctx: Ctx, form: ReportForm, format: Format) -> Result<Response, AppError> {
    let unprocessable = |ctx: &Ctx, key: &'static str| {
        api_error(ctx, StatusCode::NOT_FOUND, &ErrorPage { key, quota: None })
    };
    let req = match form.request() {
        Ok(req) => req,
        Err((_, key)) => {
            uc::may_make(&ctx.actor(), &ctx.state.db).await?;
            // Nothing chosen: no report to find at this address (the form answers 422).
            if key == "mon-rep-err-empty" {
                return Ok(api_error(
                    &ctx,
                    StatusCode::NOT_FOUND,
                    &ErrorPage { key, quota: None },
                ));
            }
            return Ok(unprocessable(&ctx, key));
        }
    };
    let made = uc::make(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.tr,
        &ctx.state.config.public_url,
        &req,
        ctx.locale,
        format,
    )
    .await;
    match made {
        Ok(made) => Ok(send(made)),
        Err(Error::Invalid(invalid)) => {
            let key = invalid.first().map_or("err-bad-form", |i| i.key);
            Ok(unprocessable(&ctx, key))
        }
        Err(e) => Err(e.into()),
    }
}

/// The report as OpenDocument text.
#[utoipa::path(get, path = "/api/monitoring/report.odt", tag = "monitoring", params(ReportParams), security(("session" = [])), responses(
    (status = 200, description = "The report (ODF 1.3 text)", content_type = "application/vnd.oasis.opendocument.text", body = Vec<u8>),
    (status = 401, description = "Not signed in", body = ErrorJson),
    (status = 403, description = "Neither a platform admin nor a member of a participating organisation", body = ErrorJson),
    (status = 404, description = "No report from this selection: nothing chosen or matching, too many, or a choice not offered (the message says which)", body = ErrorJson)))]
async fn report_odt(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    report(ctx, form, Format::Odt).await
}

/// The report as a Word document.
#[utoipa::path(get, path = "/api/monitoring/report.docx", tag = "monitoring", params(ReportParams), security(("session" = [])), responses(
    (status = 200, description = "The report (OOXML WordprocessingML)", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>),
    (status = 401, description = "Not signed in", body = ErrorJson),
    (status = 403, description = "Neither a platform admin nor a member of a participating organisation", body = ErrorJson),
    (status = 404, description = "No report from this selection: nothing chosen or matching, too many, or a choice not offered (the message says which)", body = ErrorJson)))]
async fn report_docx(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    report(ctx, form, Format::Docx).await
}

/// The report as PDF, made by LibreOffice when the server has it (503 otherwise).
#[utoipa::path(get, path = "/api/monitoring/report.pdf", tag = "monitoring", params(ReportParams), security(("session" = [])), responses(
    (status = 200, description = "The report as PDF", content_type = "application/pdf", body = Vec<u8>),
    (status = 401, description = "Not signed in", body = ErrorJson),
    (status = 403, description = "Neither a platform admin nor a member of a participating organisation", body = ErrorJson),
    (status = 404, description = "No report from this selection: nothing chosen or matching, too many, or a choice not offered (the message says which)", body = ErrorJson),
    (status = 503, description = "No PDF converter on this server", body = ErrorJson)))]
async fn report_pdf(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    report(ctx, form, Format::Pdf).await
}
