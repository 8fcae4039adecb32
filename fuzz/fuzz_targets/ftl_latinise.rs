//! Serbian Cyrillic FTL → Latin on arbitrary sources: returns a result, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = spona_i18n::translate::latinise_ftl(s);
});
