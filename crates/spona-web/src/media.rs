//! Published images (organisation logos): metadata stripped, stored content-addressed under
//! `DATA_DIR/media/<sha256>.<ext>`, served with long-lived cache headers.
//!
//! What a camera or editor writes into a file — GPS position, device serial numbers, author
//! names, editing history — can identify and endanger people, so the published copy keeps
//! only what is needed to draw the picture: for JPEG the JFIF header, colour profile and
//! image data (no EXIF, XMP, IPTC/Photoshop or comment segments); for PNG the critical and
//! colour chunks (no text, `eXIf` or time chunks).

use std::path::Path;

use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use sha2::Digest;

use crate::AppState;

/// The largest image accepted.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The largest width or height accepted.
pub const MAX_SIDE: u32 = 4096;

/// Why an image was refused; each names a Fluent message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    NotAnImage,
    TooLarge,
    TooManyPixels,
}

impl ImageError {
    pub fn key(self) -> &'static str {
        match self {
            ImageError::NotAnImage => "err-image-type",
            ImageError::TooLarge => "err-image-size",
            ImageError::TooManyPixels => "err-image-dimensions",
        }
    }
}

/// A published image: its bytes without metadata and its file extension.
pub struct Clean {
    pub bytes: Bytes,
    pub ext: &'static str,
}

const PNG_KEEP: [&[u8; 4]; 12] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"bKGD", b"pHYs",
];

/// Checks an uploaded image and returns a copy without metadata.
pub fn strip_metadata(data: Bytes) -> Result<Clean, ImageError> {
    if data.len() > MAX_BYTES {
        return Err(ImageError::TooLarge);
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let mut jpeg = Jpeg::from_bytes(data).map_err(|_| ImageError::NotAnImage)?;
        let (w, h) = jpeg.dimensions().ok_or(ImageError::NotAnImage)?;
        if u32::from(w) > MAX_SIDE || u32::from(h) > MAX_SIDE || w == 0 || h == 0 {
            return Err(ImageError::TooManyPixels);
        }
        // Keep JFIF (APP0), the colour profile (APP2) and Adobe's colour transform (APP14).
        jpeg.segments_mut().retain(|s| {
            let m = s.marker();
            let app = (markers::APP0..=markers::APP15).contains(&m);
            !(m == markers::COM
                || app && !matches!(m, markers::APP0 | markers::APP2 | markers::APP14))
        });
        Ok(Clean {
            bytes: jpeg.encoder().bytes(),
            ext: "jpg",
        })
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        let mut png = Png::from_bytes(data).map_err(|_| ImageError::NotAnImage)?;
        let (w, h) = png.dimensions().ok_or(ImageError::NotAnImage)?;
        if w > MAX_SIDE || h > MAX_SIDE || w == 0 || h == 0 {
            return Err(ImageError::TooManyPixels);
        }
        png.chunks_mut()
            .retain(|c| PNG_KEEP.iter().any(|k| **k == c.kind()));
        Ok(Clean {
            bytes: png.encoder().bytes(),
            ext: "png",
        })
    } else {
        Err(ImageError::NotAnImage)
    }
}

/// Stores a clean image under its SHA-256 and returns its file name.
pub fn store(dir: &Path, clean: &Clean) -> std::io::Result<String> {
    let name = format!(
        "{}.{}",
        hex::encode(sha2::Sha256::digest(&clean.bytes)),
        clean.ext
    );
    let path = dir.join(&name);
    if !path.exists() {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, &clean.bytes)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(name)
}

/// Whether a name is one [`store`] makes (64 hex digits and a known extension).
pub fn valid_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, "jpg" | "png")) => {
            hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        _ => false,
    }
}

/// `GET /media/{name}`: a published image.
pub async fn serve(State(state): State<AppState>, UrlPath(name): UrlPath<String>) -> Response {
    if !valid_name(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(state.config.media_dir.join(&name)).await {
        Ok(bytes) => {
            let kind = if name.ends_with(".png") {
                "image/png"
            } else {
                "image/jpeg"
            };
            (
                [
                    (header::CONTENT_TYPE, kind),
                    (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                ],
                bytes,
            )
                .into_response()
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 PNG with a tEXt chunk naming an author.
    fn png_with_text() -> Vec<u8> {
        let mut png = Png::from_bytes(Bytes::from_static(include_bytes!("../testdata/pixel.png")))
            .expect("png");
        png.chunks_mut().insert(
            1,
            img_parts::png::PngChunk::new(*b"tEXt", Bytes::from_static(b"Author\0Jane Witness")),
        );
        png.encoder().bytes().to_vec()
    }

    #[test]
    fn png_text_chunks_are_removed() {
        let dirty = png_with_text();
        assert!(
            dirty
                .windows(13)
                .any(|w| w == b"Jane Witness\0" || w.starts_with(b"Jane Witness"))
        );
        let clean = strip_metadata(Bytes::from(dirty)).expect("clean");
        assert_eq!(clean.ext, "png");
        assert!(!clean.bytes.windows(12).any(|w| w == b"Jane Witness"));
        let again = Png::from_bytes(clean.bytes.clone()).expect("still a png");
        assert_eq!(again.dimensions(), Some((1, 1)));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(
            strip_metadata(Bytes::from_static(b"%PDF-1.7")).err(),
            Some(ImageError::NotAnImage)
        );
        assert_eq!(
            strip_metadata(Bytes::from_static(b"\xFF\xD8\xFFgarbage")).err(),
            Some(ImageError::NotAnImage)
        );
        assert_eq!(
            strip_metadata(Bytes::from(vec![0u8; MAX_BYTES + 1])).err(),
            Some(ImageError::TooLarge)
        );
    }

    #[test]
    fn names() {
        assert!(valid_name(&format!("{}.png", "a".repeat(64))));
        assert!(!valid_name("../etc/passwd"));
        assert!(!valid_name(&format!("{}.svg", "a".repeat(64))));
    }
}
