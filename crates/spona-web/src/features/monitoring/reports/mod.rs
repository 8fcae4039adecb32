//! Shadow reports: chosen recommendations with the CSOs' assessments and evidence, as ODT or
//! DOCX (PDF when a converter exists). The form (`/monitoring/reports/new`) posts its choices
//! and is answered with a redirect to a GET address that holds them in its query
//! (`/monitoring/reports/report.odt?…`), so a report can be linked and made again; the JSON
//! API's `/api/monitoring/report.{odt,docx,pdf}` takes the same query. The rules and the
//! writers are in `spona_app::monitoring::reports`.

pub mod api;
pub mod cosign;
pub mod pages;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use spona_app::monitoring::reports::{Made, ReportRequest};
use spona_domain::monitoring::Mechanism;
use spona_store::monitoring::report_data::Selection;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    cosign::routes(api::routes(pages::routes(r)))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}

/// The choices of a report, as the form posts them and the download's query carries them.
/// Repeated keys (`rec`, `org`) list ids and co-signing organisations' slugs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    pub mechanism: String,
    #[serde(default)]
    pub cycle: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub theme: String,
    /// Paragraph numbers separated by commas, semicolons or spaces.
    #[serde(default)]
    pub numbers: String,
    #[serde(default)]
    pub rec: Vec<String>,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub org: Vec<String>,
    /// Only in the form: `odt`, `docx` or `pdf`.
    #[serde(default)]
    pub format: String,
}

fn given(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

impl ReportForm {
    /// The use case's request, or the field and message of a value no choice offers.
    pub fn request(&self) -> Result<ReportRequest, (&'static str, &'static str)> {
        let mechanism = match self.mechanism.trim() {
            "" => None,
            m => Some(Mechanism::parse(m).ok_or(("mechanism", "mon-rep-err-mechanism"))?),
        };
        let paragraphs = self
            .numbers
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(ReportRequest {
            selection: Selection {
                mechanism,
                cycle: given(&self.cycle),
                country: given(&self.country),
                theme: given(&self.theme),
                paragraphs,
                ids: self.rec.iter().filter_map(|r| given(r)).collect(),
            },
            lang: self.lang.trim().to_owned(),
            title: self.title.trim().to_owned(),
            cosigners: self.org.iter().filter_map(|o| given(o)).collect(),
        })
    }

    /// The choices as a query string (without the format), for the download's address.
    pub fn query(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("mechanism", &self.mechanism),
            ("cycle", &self.cycle),
            ("country", &self.country),
            ("theme", &self.theme),
            ("numbers", &self.numbers),
        ] {
            if let Some(v) = given(v) {
                s.append_pair(k, &v);
            }
        }
        for r in self.rec.iter().filter_map(|r| given(r)) {
            s.append_pair("rec", &r);
        }
        if let Some(l) = given(&self.lang) {
            s.append_pair("lang", &l);
        }
        if let Some(t) = given(&self.title) {
            s.append_pair("title", &t);
        }
        for o in self.org.iter().filter_map(|o| given(o)) {
            s.append_pair("org", &o);
        }
        s.finish()
    }
}

/// The report as a download.
pub fn send(made: Made) -> Response {
    let mut response = (StatusCode::OK, made.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(made.media_type),
    );
    if let Ok(v) = HeaderValue::from_str(&spona_app::attachments::content_disposition(
        &made.file_name,
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
