use super::*;

fn cells(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

const UPR_INFO: &[&str] = &[
    "Recommendation",
    "Recommending State",
    "State under Review",
    "Response",
    "Cycle",
    "Session",
    "Paragraph",
    "Issues",
    "Document",
    "Date",
];

#[test]
fn a_upr_info_header_is_recognised_and_a_row_read() {
    let cols = Columns::from_header(&cells(UPR_INFO), None).expect("header");
    assert_eq!(cols.layout, Layout::UprInfo);
    let r = cols
        .recommendation(
            2,
            &cells(&[
                "Establish a mechanism for monitoring implementation",
                "Norway; Austria",
                "Serbia",
                "Supported",
                "2nd",
                "15",
                "131.4",
                "Women's rights, Justice",
                "A/HRC/23/15",
                "20.06.2013",
            ]),
        )
        .expect("row");
    assert_eq!(r.mechanism, Mechanism::Upr);
    assert_eq!(r.country, "RS");
    assert_eq!(r.cycle, "2");
    assert_eq!(r.paragraph, "131.4");
    assert_eq!(r.symbol, "A/HRC/23/15");
    assert_eq!(r.states, ["NO", "AT"]);
    assert_eq!(r.response, Some(Response::Supported));
    assert_eq!(r.published_on.as_deref(), Some("2013-06-20"));
    assert!(
        r.terms
            .contains(&(TermKind::Theme, "womens-rights".to_owned())),
        "{:?}",
        r.terms
    );
}

#[test]
fn a_uhri_header_is_recognised_and_the_paragraph_taken_from_the_symbol() {
    let header = cells(&[
        "Symbol",
        "Annotation",
        "Body",
        "Regions/Countries",
        "Themes",
        "Affected persons",
        "SDGs",
        "Publication date",
    ]);
    let cols = Columns::from_header(&header, None).expect("header");
    assert_eq!(cols.layout, Layout::Uhri);
    let r = cols
        .recommendation(
            7,
            &cells(&[
                "CEDAW/C/SRB/CO/4 para. 24",
                "Adopt a new national action plan",
                "CEDAW",
                "Serbia",
                "Women's rights",
                "Women & girls",
                "5.2 - Eliminate all forms of violence; Goal 16",
                "2019-03-14",
            ]),
        )
        .expect("row");
    assert_eq!(r.mechanism, Mechanism::TreatyBody);
    assert_eq!(r.body.as_deref(), Some("CEDAW"));
    assert_eq!(
        (r.symbol.as_str(), r.paragraph.as_str()),
        ("CEDAW/C/SRB/CO/4", "24")
    );
    assert!(r.terms.contains(&(TermKind::Sdg, "5.2".to_owned())));
    assert!(r.terms.contains(&(TermKind::Sdg, "16".to_owned())));
    assert!(
        r.terms
            .contains(&(TermKind::Group, "women-girls".to_owned()))
    );
}

#[test]
fn wrong_columns_name_what_is_missing() {
    let e = Columns::from_header(&cells(&["Name", "Text"]), None).expect_err("refused");
    let HeaderError::Unknown {
        upr_info_missing, ..
    } = e
    else {
        panic!("{e:?}")
    };
    assert!(upr_info_missing.contains(&"Recommending State"));
    let e = Columns::from_header(&cells(UPR_INFO), Some(Layout::Uhri)).expect_err("refused");
    // UPR Info's `Document` is the symbol and `State under Review` the country: only the
    // body is missing.
    assert_eq!(e, HeaderError::Missing(Layout::Uhri, vec!["Body"]));
}

#[test]
fn bad_cells_are_refused_naming_row_and_column() {
    let header = cells(&[
        "Symbol",
        "Annotation",
        "Body",
        "Country",
        "Publication date",
    ]);
    let cols = Columns::from_header(&header, Some(Layout::Uhri)).expect("header");
    let e = cols
        .recommendation(
            5,
            &cells(&["A/1 para. 2", "Text", "Town council", "Serbia", ""]),
        )
        .expect_err("unknown mechanism");
    assert_eq!(
        (e.row, e.column.as_str(), e.key),
        (5, "Body", "mon-imp-err-mechanism")
    );
    let e = cols
        .recommendation(6, &cells(&["A/1 para. 2", "Text", "UPR", "Atlantis", ""]))
        .expect_err("unknown country");
    assert_eq!((e.row, e.column.as_str()), (6, "Country"));
    let e = cols
        .recommendation(
            9,
            &cells(&["A/1 para. 2", "Text", "UPR", "RS", "03/04/2013"]),
        )
        .expect_err("ambiguous date");
    assert_eq!(
        (e.column.as_str(), e.key),
        ("Publication date", "mon-imp-err-date-ambiguous")
    );
}

#[test]
fn names_become_codes() {
    assert_eq!(slug("Women's rights"), "womens-rights");
    assert_eq!(slug("Права жена"), "prava-zena");
    assert_eq!(normalise_cycle("3rd cycle"), "3");
    assert_eq!(normalise_cycle("CEDAW 4th periodic"), "CEDAW 4th periodic");
    assert_eq!(
        mechanism("Special Rapporteur on torture").map(|m| m.0),
        Some(Mechanism::SpecialProcedure)
    );
    assert_eq!(mechanism("nap-1325").map(|m| m.0), Some(Mechanism::Nap1325));
    assert_eq!(mechanism("Town council"), None);
}
