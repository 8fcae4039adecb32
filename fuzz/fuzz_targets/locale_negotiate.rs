//! `Accept-Language` negotiation and URL locale tags: never panic, and answers are consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spona_domain::Locale;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Locale::negotiate(s);
    if let Some(l) = Locale::from_tag(s) {
        assert!(l.tag().eq_ignore_ascii_case(s), "from_tag({s:?}) = {l}");
        // A header naming exactly one supported tag picks that locale.
        assert_eq!(Locale::negotiate(s), Some(l), "negotiate({s:?})");
    }
});
