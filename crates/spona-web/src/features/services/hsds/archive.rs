//! The data package as one zip (`/api/hsds/datapackage.zip`): `datapackage.json` and every
//! table at `data/<file>`, as the descriptor names them. It is streamed: each table is read
//! batch by batch (the CSV export's [`next_chunk`]), compressed into the zip as it comes
//! (`ZipWriter::new_stream`, sizes in data descriptors), and the zip's bytes are sent as soon
//! as they are written, so the server holds one batch and the compressor's window whatever
//! the catalogue's size.

use std::io::Write;
use std::sync::{Arc, Mutex};

use ::zip::CompressionMethod;
use ::zip::ZipWriter;
use ::zip::write::{SimpleFileOptions, StreamWriter};

use super::*;

/// Where the zip writes: a buffer the response takes out after every piece.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("zip buffer poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    /// The bytes written since the last take.
    fn take(&self) -> Bytes {
        let mut buf = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Bytes::from(std::mem::take(&mut *buf))
    }
}

/// A zip being written: the next table to start, the table being read, the writer (none
/// once finished).
struct ZipExport {
    db: Db,
    sink: Sink,
    zip: Option<ZipWriter<StreamWriter<Sink>>>,
    next_table: usize,
    current: Option<Export>,
    started: bool,
    /// A read or write failed: the stream ends (the client sees a broken download).
    failed: bool,
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

fn zip_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("data package zip: {e}"))
}

impl ZipExport {
    fn new(db: Db) -> Self {
        let sink = Sink::default();
        ZipExport {
            db,
            zip: Some(ZipWriter::new_stream(sink.clone())),
            sink,
            next_table: 0,
            current: None,
            started: false,
            failed: false,
        }
    }

    /// Writes the next piece into the zip: the descriptor, a table's start, a batch of a
    /// table, or the central directory at the end. `false` when the zip is complete.
    async fn step(&mut self) -> Result<bool, std::io::Error> {
        let Some(zip) = self.zip.as_mut() else {
            return Ok(false);
        };
        if !self.started {
            self.started = true;
            zip.start_file("datapackage.json", options())
                .map_err(zip_error)?;
            let json = serde_json::to_vec_pretty(&package()).map_err(zip_error)?;
            zip.write_all(&json)?;
            return Ok(true);
        }
        if let Some(export) = self.current.take() {
            match next_chunk(export).await {
                Some((Ok(bytes), export)) => {
                    zip.write_all(&bytes)?;
                    self.current = Some(export);
                }
                Some((Err(e), _)) => return Err(e),
                None => {}
            }
            return Ok(true);
        }
        if let Some((table, file)) = TABLES.get(self.next_table) {
            self.next_table += 1;
            zip.start_file(format!("data/{file}"), options())
                .map_err(zip_error)?;
            self.current = Some(Export::new(self.db.clone(), table));
            return Ok(true);
        }
        if let Some(zip) = self.zip.take() {
            zip.finish().map_err(zip_error)?;
        }
        Ok(true)
    }
}

/// The next bytes of the zip: steps until the writer has given some (the compressor keeps
/// small pieces), or the end.
async fn next_bytes(mut z: ZipExport) -> Option<(Result<Bytes, std::io::Error>, ZipExport)> {
    if z.failed {
        return None;
    }
    loop {
        match z.step().await {
            Ok(more) => {
                let bytes = z.sink.take();
                if !bytes.is_empty() {
                    return Some((Ok(bytes), z));
                }
                if !more {
                    return None;
                }
            }
            Err(e) => {
                z.failed = true;
                return Some((Err(e), z));
            }
        }
    }
}

#[utoipa::path(get, path = "/api/hsds/datapackage.zip", tag = "hsds", responses((status = 200, description = "The tabular data package as one zip: datapackage.json and data/*.csv, streamed", content_type = "application/zip", body = String)))]
pub(super) async fn datapackage_zip(ctx: Ctx) -> Response {
    // Fused: the compression layer polls the body once more after its end, which a bare
    // `unfold` answers with a panic (and the client with a broken chunked download).
    let stream = futures_util::StreamExt::fuse(futures_util::stream::unfold(
        ZipExport::new(ctx.state.db.clone()),
        next_bytes,
    ));
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"spona-hsds-datapackage.zip\""),
    );
    response
}
