use super::*;

#[test]
fn term_ids_are_uuids_and_read_back() {
    for k in SERVICE_KINDS.codes {
        let id = term_id(k).expect("a term");
        assert_eq!(id.len(), 36);
        assert_eq!(kind_of_term(&id), Some(*k));
    }
    assert_eq!(kind_of_term("nope"), None);
}

#[test]
fn out_of_range_parameters_are_refused() {
    let q = |page: &str, per: &str, after: &str| HsdsQuery {
        page: Some(page.into()),
        per_page: Some(per.into()),
        // "" here stands for a parameter left out; given empty it is refused (below).
        modified_after: (!after.is_empty()).then(|| after.into()),
        ..HsdsQuery::default()
    };
    assert!(check(&q("1", "20", "")).is_ok());
    assert_eq!(check(&q("", "20", "")).err(), Some("err-hsds-page"));
    assert_eq!(check(&q("1", "", "")).err(), Some("err-hsds-per-page"));
    let empty_date = HsdsQuery {
        modified_after: Some(String::new()),
        ..HsdsQuery::default()
    };
    assert_eq!(check(&empty_date).err(), Some("err-hsds-modified-after"));
    assert_eq!(check(&q("0", "20", "")).err(), Some("err-hsds-page"));
    assert_eq!(check(&q("-1", "20", "")).err(), Some("err-hsds-page"));
    assert_eq!(check(&q("1", "101", "")).err(), Some("err-hsds-per-page"));
    assert_eq!(check(&q("1", "x", "")).err(), Some("err-hsds-per-page"));
    assert_eq!(
        check(&q("1", "5", "yesterday")).err(),
        Some("err-hsds-modified-after")
    );
    assert!(check(&q("1", "5", "2026-01-01")).is_ok());
    assert!(check(&q("1", "5", "2026-01-01T10:00:00Z")).is_ok());
}

#[test]
fn the_package_keeps_only_spona_tables() {
    let p = package();
    let rs = p["resources"].as_array().expect("resources");
    assert_eq!(rs.len(), TABLES.len());
    assert!(columns("service").contains(&"organization_id".to_owned()));
}
