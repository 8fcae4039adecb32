//! Published images (organisation logos): metadata stripped, stored content-addressed under
//! `DATA_DIR/media/<sha256>.<ext>`, served with long-lived cache headers.
//!
//! What a camera or editor writes into a file — GPS position, device serial numbers, author
//! names, editing history, thumbnails, named colour profiles — can identify and endanger
//! people, and a list of segments to drop always misses one. So the published copy is not
//! the uploaded file with parts removed: the image is decoded to pixels (with bounded
//! dimensions and allocation, so a decompression bomb is refused) and encoded afresh; nothing
//! but the pixels survives.

use std::path::Path;

use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
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

/// The most memory one decode may allocate: a full-size RGBA picture and some room.
const MAX_ALLOC: u64 = 4 * (MAX_SIDE as u64) * (MAX_SIDE as u64) + 16 * 1024 * 1024;

/// JPEG quality of the published copy.
const JPEG_QUALITY: u8 = 90;

/// Checks an uploaded image and returns a copy that holds nothing but its pixels: decoded
/// within [`MAX_SIDE`] and [`MAX_ALLOC`], then encoded again in the same format.
pub fn strip_metadata(data: Bytes) -> Result<Clean, ImageError> {
    if data.len() > MAX_BYTES {
        return Err(ImageError::TooLarge);
    }
    let (format, ext) = if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (ImageFormat::Jpeg, "jpg")
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        (ImageFormat::Png, "png")
    } else {
        return Err(ImageError::NotAnImage);
    };
    let mut reader = ImageReader::with_format(std::io::Cursor::new(&data[..]), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        _ => ImageError::NotAnImage,
    })?;
    if picture.width() == 0 || picture.height() == 0 {
        return Err(ImageError::TooManyPixels);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Jpeg => {
            // JPEG has no alpha channel; a CMYK or 16-bit source becomes 8-bit RGB.
            let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
        }
        _ => picture.write_to(&mut out, ImageFormat::Png),
    };
    written.map_err(|_| ImageError::NotAnImage)?;
    Ok(Clean {
        bytes: Bytes::from(out.into_inner()),
        ext,
    })
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

    /// A 1×1 PNG with a name after its end.
    fn png_with_trailer() -> Vec<u8> {
        let mut png = include_bytes!("../testdata/pixel.png").to_vec();
        png.extend_from_slice(b"Jane Witness");
        png
    }

    #[test]
    fn png_is_reencoded_without_what_follows() {
        let clean = strip_metadata(Bytes::from(png_with_trailer())).expect("clean");
        assert_eq!(clean.ext, "png");
        assert!(!clean.bytes.windows(12).any(|w| w == b"Jane Witness"));
        let again = image::load_from_memory(&clean.bytes).expect("still a png");
        assert_eq!((again.width(), again.height()), (1, 1));
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
