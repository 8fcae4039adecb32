//! Uploaded logos (JPEG/PNG) through the re-encoder: never panics; an accepted image is
//! accepted again, in the same format and with the same size in pixels. (Re-encoding a JPEG
//! is lossy, so its bytes may change; what must not change is that it stays a valid image.)
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use spona_web::media::strip_metadata;

fn dimensions(bytes: &[u8]) -> (u32, u32) {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .expect("readable")
        .into_dimensions()
        .expect("a published image has dimensions")
}

fuzz_target!(|data: &[u8]| {
    let Ok(clean) = strip_metadata(Bytes::copy_from_slice(data)) else {
        return;
    };
    let again = match strip_metadata(clean.bytes.clone()) {
        Ok(a) => a,
        Err(e) => panic!("published {} image is refused: {e:?}", clean.ext),
    };
    assert_eq!(again.ext, clean.ext);
    assert_eq!(dimensions(&again.bytes), dimensions(&clean.bytes));
});
