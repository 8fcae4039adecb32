//! Uploaded logos (JPEG/PNG) through the metadata stripper: never panics; an accepted image
//! parses again and stripping it again changes nothing.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use spona_web::media::strip_metadata;

fuzz_target!(|data: &[u8]| {
    let Ok(clean) = strip_metadata(Bytes::copy_from_slice(data)) else {
        return;
    };
    let again = match strip_metadata(clean.bytes.clone()) {
        Ok(a) => a,
        Err(e) => panic!("stripped {} image is refused: {e:?}", clean.ext),
    };
    assert_eq!(again.ext, clean.ext);
    assert!(again.bytes == clean.bytes, "stripping is not idempotent");
});
