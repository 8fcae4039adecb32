//! Search folding and Serbian transliteration on arbitrary text (search queries, profile
//! texts): never panics, and folding is idempotent and script-blind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spona_i18n::{cyr_to_lat, fold, lat_to_cyr};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let once = fold(s);
    assert_eq!(fold(&once), once, "fold is not idempotent for {s:?}");
    let lat = cyr_to_lat(s);
    assert_eq!(fold(&lat), once, "fold(cyr_to_lat(s)) != fold(s) for {s:?}");
    let _ = lat_to_cyr(s);
    let _ = lat_to_cyr(&lat);
});
