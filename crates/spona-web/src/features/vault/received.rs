//! Vault items received from partner deployments (issue 20), for the receiving
//! organisation's admins: the list (`/vault/received`) and a download
//! (`/vault/received/{id}/download`), which the app records in this side's custody chain
//! first. Everyone else gets 404. Rules in `spona_app::federation::vault_received`.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use spona_app::federation::vault_received::{self as uc, Received};

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/vault/received", list)
        .get("/vault/received/{id}/download", download)
}

#[derive(Template)]
#[template(path = "vault/templates/vault_received.html")]
struct ListPage {
    ctx: Ctx,
    items: Vec<Received>,
}

impl ListPage {
    fn size(&self, r: &Received) -> String {
        crate::http::view::human_size(r.item.size)
    }

    /// When the sender's consent to it was withdrawn, as the reader reads dates.
    fn withdrawn(&self, r: &Received) -> Option<String> {
        r.withdrawn_at.map(|at| self.ctx.datetime(&at))
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let actor = super::actor(&ctx)?;
    let items = uc::list(&actor, &ctx.state.db, &ctx.state.federation).await?;
    Ok(page(&ListPage { ctx, items }))
}

async fn download(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let actor = super::actor(&ctx)?;
    let d = uc::download(&actor, &ctx.state.db, &ctx.state.federation, &id).await?;
    let mut response = match d.body {
        uc::Body::Bytes(bytes) => (StatusCode::OK, bytes).into_response(),
        // A large item, decrypted into a scratch file and checked: streamed from it.
        uc::Body::File { file, len } => {
            let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file));
            let mut r = (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response();
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            r
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    if let Ok(v) = HeaderValue::from_str(&crate::attachments::content_disposition(&d.name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&d.sha256) {
        headers.insert("x-content-sha256", v);
    }
    Ok(response)
}
