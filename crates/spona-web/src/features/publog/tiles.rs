//! The public log as C2SP `tlog-tiles` (https://c2sp.org/tlog-tiles), beside the JSON proofs:
//! `/log/tile/<L>/<N>[.p/<W>]` — the stored hashes of tree level 8·L, indices N·256 … N·256+W−1,
//! 32 bytes each, concatenated — and `/log/tile/entries/<N>[.p/<W>]` — the entries of leaves
//! N·256 …, each its canonical bytes (what the leaf hashes) behind a 16-bit big-endian
//! length. `<N>` is written in groups of three digits, all but the last prefixed `x`
//! (`x001/x234/067`); width 256 (a full tile, immutable: cached for a year) or a partial
//! tile `.p/<W>` with 1 ≤ W ≤ 255. Anything else, or a tile the log has not reached, is 404.
//! The checkpoint they hang from is `/log/checkpoint`.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::http::routes::Routes;
use crate::{AppError, Ctx};

/// Hashes (or entries) per full tile.
pub const WIDTH: u64 = 256;
/// Tree levels per tile level.
pub const HEIGHT: u32 = 8;

pub fn routes(r: Routes) -> Routes {
    r.get("/log/tile/{*path}", tile)
}

#[derive(OpenApi)]
#[openapi(paths(tile))]
struct TilesDoc;

/// This file's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    TilesDoc::openapi()
}

/// One tile address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileId {
    /// `None` for an entry bundle.
    pub level: Option<u32>,
    pub index: u64,
    pub width: u64,
}

/// `<N>` in groups of three digits, all but the last prefixed `x`.
pub fn encode_index(n: u64) -> String {
    let digits = n.to_string();
    let pad = (3 - digits.len() % 3) % 3;
    let digits = format!("{}{digits}", "0".repeat(pad));
    let groups: Vec<&str> = (0..digits.len() / 3)
        .map(|i| &digits[i * 3..i * 3 + 3])
        .collect();
    let last = groups.len() - 1;
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            if i < last {
                format!("x{g}")
            } else {
                (*g).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The path of a tile below `/log/tile/`.
pub fn path_of(t: TileId) -> String {
    let head = t
        .level
        .map_or_else(|| "entries".to_owned(), |l| l.to_string());
    let mut p = format!("{head}/{}", encode_index(t.index));
    if t.width < WIDTH {
        p.push_str(&format!(".p/{}", t.width));
    }
    p
}

/// Parses a tile path (below `/log/tile/`); only the canonical spelling is accepted.
pub fn parse(path: &str) -> Option<TileId> {
    let (head, rest) = path.split_once('/')?;
    let level = if head == "entries" {
        None
    } else {
        let l: u32 = head.parse().ok()?;
        if l * HEIGHT > 63 {
            return None;
        }
        Some(l)
    };
    let (n_path, width) = match rest.split_once(".p/") {
        Some((n, w)) => (n, w.parse::<u64>().ok().filter(|w| (1..WIDTH).contains(w))?),
        None => (rest, WIDTH),
    };
    let mut index: u64 = 0;
    for (i, group) in n_path.split('/').enumerate() {
        let last = i == n_path.split('/').count() - 1;
        let digits = if last {
            group
        } else {
            group.strip_prefix('x')?
        };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        index = index.checked_mul(1000)?.checked_add(digits.parse().ok()?)?;
    }
    let t = TileId {
        level,
        index,
        width,
    };
    (path_of(t) == path).then_some(t)
}

fn binary(bytes: Vec<u8>, full: bool) -> Response {
    let cache = if full {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=60"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response()
}

/// The bytes of a tile, or `None` when the log has not reached it.
pub async fn read(db: &spona_store::Db, t: TileId) -> Result<Option<Vec<u8>>, AppError> {
    let from = t.index.checked_mul(WIDTH).ok_or(AppError::NotFound)? as i64;
    let width = t.width as i64;
    match t.level {
        Some(l) => {
            let hashes = spona_store::publog::level_hashes(db, l * HEIGHT, from, width).await?;
            if hashes.len() as i64 != width {
                return Ok(None);
            }
            Ok(Some(hashes.concat()))
        }
        None => {
            let rows = spona_app::publog::entries(db, from, width).await?;
            if rows.len() as i64 != width {
                return Ok(None);
            }
            let mut out = Vec::new();
            for r in rows {
                let bytes = r.entry().to_bytes();
                let len = u16::try_from(bytes.len())
                    .map_err(|_| AppError::Internal(anyhow::anyhow!("entry too long")))?;
                out.extend_from_slice(&len.to_be_bytes());
                out.extend_from_slice(&bytes);
            }
            Ok(Some(out))
        }
    }
}

#[utoipa::path(get, path = "/log/tile/{path}",
    params(("path" = String, Path, description = "C2SP tlog-tiles: `<L>/<N>[.p/<W>]` (hashes of tree level 8·L) or `entries/<N>[.p/<W>]` (entry bundle); `<N>` in three-digit groups, all but the last prefixed `x`")),
    responses(
        (status = 200, description = "The tile: 32-byte hashes concatenated, or entries each behind a 16-bit big-endian length. Full tiles are immutable.", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "Not a tile path, or a tile the log has not reached", body = crate::http::api::ErrorJson)))]
async fn tile(ctx: Ctx, Path(path): Path<String>) -> Result<Response, AppError> {
    let t = parse(&path).ok_or(AppError::NotFound)?;
    let bytes = read(&ctx.state.db, t).await?.ok_or(AppError::NotFound)?;
    Ok(binary(bytes, t.width == WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_paths_are_canonical() {
        assert_eq!(encode_index(0), "000");
        assert_eq!(encode_index(1_234_067), "x001/x234/067");
        let t = parse("0/x001/x234/067.p/17").expect("tile");
        assert_eq!(
            t,
            TileId {
                level: Some(0),
                index: 1_234_067,
                width: 17
            }
        );
        assert_eq!(parse("entries/000").map(|t| t.level), Some(None));
        for bad in [
            "0/1",
            "0/0000",
            "0/x000/001",
            "0/001.p/0",
            "0/001.p/256",
            "0/001.p/017",
            "8/000",
            "a/000",
            "0/x01/000",
            "0/000/",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
