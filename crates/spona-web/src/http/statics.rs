//! Static assets, embedded in the binary and served under content-hashed names with
//! long-lived cache headers.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::Digest;

use crate::AppState;

const CSS: &str = include_str!("../../static/style.css");

pub struct Statics {
    /// `/static/style.<hash>.css`
    pub css_path: String,
    css_name: String,
}

impl Statics {
    pub fn new() -> Self {
        let hash = hex::encode(&sha2::Sha256::digest(CSS.as_bytes())[..6]);
        let css_name = format!("style.{hash}.css");
        Statics {
            css_path: format!("/static/{css_name}"),
            css_name,
        }
    }
}

impl Default for Statics {
    fn default() -> Self {
        Self::new()
    }
}

pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    if name == state.statics.css_name {
        (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CSS,
        )
            .into_response()
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
