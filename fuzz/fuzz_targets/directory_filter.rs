//! The directory's query string, parsed as axum's `Query` does (`serde_urlencoded`), then
//! turned into the store's filter: never panics; accepted filters hold only valid values;
//! `with_page` links parse back to the same query.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spona_web::features::directory::orgs::DirectoryQuery;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(query) = serde_urlencoded::from_str::<DirectoryQuery>(s) else {
        return;
    };
    let Ok(filter) = query.filter() else {
        return;
    };
    assert!(filter.check().is_ok(), "{s:?} gave an invalid filter {filter:?}");
    assert!(filter.page < 100_000);
    if let Some(text) = &filter.text {
        assert!(!text.trim().is_empty());
        assert_eq!(&spona_i18n::fold(text), text, "text not folded for {s:?}");
    }

    let link = query.with_page(filter.page + 1);
    let again = serde_urlencoded::from_str::<DirectoryQuery>(&link)
        .unwrap_or_else(|e| panic!("with_page link {link:?} does not parse: {e}"));
    let fields = |q: &DirectoryQuery| {
        [
            q.q.clone(),
            q.country.clone(),
            q.theme.clone(),
            q.offers.clone(),
            q.needs.clone(),
            q.language.clone(),
            q.network.clone(),
        ]
    };
    assert_eq!(fields(&again), fields(&query), "link {link:?}");
    assert_eq!(again.page, Some(filter.page + 1));
    let refiltered = again.filter().expect("the link's filter is valid");
    assert_eq!(refiltered, filter, "link {link:?}");
});
