//! The uncapped CSV export of recommendations (the list's filters): streamed batch by batch
//! through the store's keyset cursor, so memory stays flat whatever the number of rows.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use bytes::Bytes;
use spona_app::monitoring::recommendations::RecQuery;
use spona_domain::csv::safe_cell;
use spona_domain::monitoring::TermKind;
use spona_store::Db;
use spona_store::monitoring::rec_list::{self, RecFilter};
use spona_store::monitoring::recommendations::Recommendation;
use utoipa::OpenApi;

use super::api::ListParams;
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

/// Recommendations read per chunk of the stream.
const BATCH: u32 = 1000;

/// The export's columns, in order.
pub const COLUMNS: [&str; 15] = [
    "id",
    "mechanism",
    "body",
    "cycle",
    "symbol",
    "paragraph",
    "country",
    "published_on",
    "response",
    "text_lang",
    "text",
    "recommending_states",
    "themes",
    "groups",
    "sdgs",
];

pub fn routes(r: Routes) -> Routes {
    r.get("/api/monitoring/recommendations.csv", csv)
}

#[derive(OpenApi)]
#[openapi(paths(csv))]
struct ExportDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    ExportDoc::openapi()
}

fn field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn row(out: &mut String, r: &Recommendation) {
    let terms = |k: TermKind| {
        r.terms
            .iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, c)| c.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let text = r
        .texts
        .iter()
        .find(|(l, _)| *l == r.text_lang)
        .or_else(|| r.texts.first())
        .map_or("", |(_, t)| t.as_str());
    let cells = [
        r.id.to_string(),
        r.mechanism.as_str().to_owned(),
        safe_cell(r.body.as_deref().unwrap_or_default()),
        safe_cell(&r.cycle),
        safe_cell(&r.symbol),
        safe_cell(&r.paragraph),
        r.country.clone(),
        r.published_on.clone().unwrap_or_default(),
        r.response
            .map(|x| x.as_str().to_owned())
            .unwrap_or_default(),
        r.text_lang.clone(),
        safe_cell(text),
        safe_cell(&r.states.join("; ")),
        terms(TermKind::Theme),
        terms(TermKind::Group),
        terms(TermKind::Sdg),
    ];
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, c);
    }
    out.push_str("\r\n");
}

struct Export {
    db: Db,
    filter: RecFilter,
    after: String,
    header: bool,
}

async fn next_chunk(mut e: Export) -> Option<(Result<Bytes, std::io::Error>, Export)> {
    if !e.header {
        e.header = true;
        let mut out = COLUMNS.join(",");
        out.push_str("\r\n");
        return Some((Ok(Bytes::from(out)), e));
    }
    let batch = match rec_list::after(&e.db, &e.filter, &e.after, BATCH).await {
        Ok(b) => b,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    let last = batch.last()?.id.to_string();
    let mut out = String::with_capacity(batch.len() * 400);
    for r in &batch {
        row(&mut out, r);
    }
    e.after = last;
    Some((Ok(Bytes::from(out)), e))
}

#[utoipa::path(get, path = "/api/monitoring/recommendations.csv", tag = "monitoring", params(ListParams),
    responses((status = 200, description = "Every matching recommendation as CSV (no cap), streamed", content_type = "text/csv", body = String),
        (status = 400, body = ErrorJson)))]
async fn csv(ctx: Ctx, Query(query): Query<RecQuery>) -> Result<Response, AppError> {
    let filter = query.filter()?;
    // The export has no pages, but a page number out of range is refused as in the list.
    query.page_number()?;
    let export = Export {
        db: ctx.state.db.clone(),
        filter,
        after: String::new(),
        header: false,
    };
    // Fused: the compression layer polls a stream again after its end (see the HSDS export).
    let stream = futures_util::StreamExt::fuse(futures_util::stream::unfold(export, next_chunk));
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"recommendations.csv\""),
    );
    Ok(response)
}
