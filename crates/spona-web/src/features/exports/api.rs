//! The downloads and the data package descriptor.

use std::io::{self, Write};

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};
use spona_app::exports::{self as uc, DataSet, ExportQuery, Outcome, Request, Viewer};
use tokio::sync::mpsc;
use utoipa::OpenApi;

use crate::http::api::ErrorJson;
use crate::{AppError, Ctx};

#[derive(OpenApi)]
#[openapi(paths(download, datapackage))]
struct ExportsDoc;

pub(super) fn openapi() -> utoipa::openapi::OpenApi {
    ExportsDoc::openapi()
}

/// The header that tells how many rows a download will have (read when it starts).
pub(super) const ROWS_HEADER: &str = "spona-export-rows";

/// Chunks waiting between the export's thread and the response.
const CHANNEL_CHUNKS: usize = 4;
/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;

type Chunk = Result<Bytes, io::Error>;

/// Writes into the response: gathers [`CHUNK`] bytes, then waits for room in the channel.
/// Fails once the response is gone.
struct ChannelWriter {
    tx: mpsc::Sender<Chunk>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

#[utoipa::path(get, path = "/api/v1/exports/{file}", tag = "exports",
    params(
        ("file" = String, Path, description = "`{data set}.{format}`: data set `organisations`, `networks`, `know-how`, `events`, `resources`, `recommendations`, `assessments` (CSOs' assessments of recommendations) or `services` (HSDS's `service` table); format `csv` (RFC 4180, UTF-8), `xlsx` or `ods`"),
        ("bom" = Option<String>, Query, description = "`1`: the CSV starts with a byte-order mark, for Excel"),
        ("q" = Option<String>, Query, description = "Organisations only: the directory's free text"),
        ("country" = Option<String>, Query, description = "Organisations only: ISO 3166-1 code"),
        ("theme" = Option<String>, Query, description = "Organisations only: theme code"),
        ("offers" = Option<String>, Query, description = "Organisations only: know-how offered"),
        ("needs" = Option<String>, Query, description = "Organisations only: know-how needed"),
        ("language" = Option<String>, Query, description = "Organisations only: working language"),
        ("network" = Option<String>, Query, description = "Organisations only: network slug"),
    ),
    responses(
        (status = 200, description = "The whole data set, streamed (chunked, no Content-Length), without a cap; header row first. A filter that matches nothing gives the header alone. The `spona-export-rows` header tells the rows to expect. Contact details kept for members are empty unless the reader is signed in; a signed-in reader's `resources` also hold the members-only and network resources the hub lets them read.",
            headers(("spona-export-rows" = i64, description = "Rows the export will have, counted when it started")),
            content(
                (String = "text/csv"),
                (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (String = "application/vnd.oasis.opendocument.spreadsheet"),
            )),
        (status = 400, description = "Unknown format, a `bom` other than 0 or 1, an unknown filter code, or a filter on a data set without filters", body = ErrorJson),
        (status = 404, description = "No such data set", body = ErrorJson),
    ))]
pub(super) async fn download(
    ctx: Ctx,
    Path(file): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let req = Request::parse(&file, &q)?;
    let db = ctx.state.db.clone();
    let actor = ctx.actor();
    let viewer = Viewer::of(&db, &actor).await?;
    let expected = req.set.count(&viewer, &db, &req.filter).await?;
    let (tx, mut rx) = mpsc::channel::<Chunk>(CHANNEL_CHUNKS);
    let rt = tokio::runtime::Handle::current();
    let job = req.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let gone_tx = tx.clone();
        let out = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let file = job.file_name();
        match uc::run(&actor, &db, &rt, &job, out, || gone_tx.is_closed()) {
            Ok(Outcome::Done(rows)) => tracing::info!(
                export.file = %file, export.rows = rows,
                duration_ms = started.elapsed().as_millis() as u64, "export written"
            ),
            Ok(Outcome::Abandoned(rows)) => tracing::info!(
                export.file = %file, export.rows = rows,
                "export stopped: the client went away"
            ),
            Err(error) => {
                tracing::error!(export.file = %file, %error, "export failed");
                // The client sees a broken download, never a short file that looks whole.
                let _ = tx.blocking_send(Err(io::Error::other("export failed")));
            }
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(req.format.content_type()),
    );
    let disposition = format!("attachment; filename=\"{}\"", req.file_name());
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        HeaderName::from_static(ROWS_HEADER),
        HeaderValue::from(expected),
    );
    Ok(response)
}

/// The Frictionless Tabular Data Package describing each public CSV, at paths relative to
/// this descriptor (`organisations.csv` beside `datapackage.json`).
pub(super) fn package(public_url: &str) -> Value {
    let resources: Vec<Value> = DataSet::ALL
        .into_iter()
        .map(|set| {
            let fields: Vec<Value> = set
                .columns()
                .into_iter()
                .map(|c| {
                    let mut f = json!({ "name": c.name, "type": c.kind });
                    if !c.description.is_empty() {
                        f["description"] = c.description.into();
                    }
                    f
                })
                .collect();
            let mut schema = json!({ "fields": fields, "primaryKey": set.primary_key() });
            let fks: Vec<Value> = set
                .foreign_keys()
                .iter()
                .map(|(field, resource, key)| {
                    json!({ "fields": [field], "reference": { "resource": resource, "fields": [key] } })
                })
                .collect();
            if !fks.is_empty() {
                schema["foreignKeys"] = fks.into();
            }
            json!({
                "name": set.name(),
                "path": format!("{}.csv", set.name()),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": "\"",
                    "doubleQuote": true,
                    "header": true
                },
                "schema": schema
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "spona-open-data",
        "title": "Spona open data",
        "description": "The public data sets of this Spona server, whole and uncapped. Cells that a spreadsheet would read as a formula start with an apostrophe.",
        "homepage": format!("{public_url}/en/exports"),
        "resources": resources
    })
}

#[utoipa::path(get, path = "/api/v1/exports/datapackage.json", tag = "exports",
    responses((status = 200, description = "The Frictionless tabular data package describing each public CSV (paths relative to this descriptor)", body = serde_json::Value)))]
pub(super) async fn datapackage(ctx: Ctx) -> Response {
    Json(package(&ctx.state.config.public_url)).into_response()
}
