use super::*;

fn canon(s: &str) -> String {
    canonical_address(s).expect("valid").address
}

#[test]
fn case_spaces_dots_and_tags_where_the_provider_ignores_them() {
    assert_eq!(
        canon("  Ana.Petrovic+Decl@GMail.com "),
        "anapetrovic@gmail.com"
    );
    assert_eq!(canon("a.n.a@googlemail.com"), "ana@gmail.com");
    assert_eq!(canon("Ana+x@outlook.com"), "ana@outlook.com");
    assert_eq!(canon("a.na+x@proton.me"), "a.na@proton.me");
    // Elsewhere `+` and dots may be part of the mailbox's name: kept.
    assert_eq!(canon("Ana+x@astra.org.rs"), "ana+x@astra.org.rs");
    assert_eq!(canon("a.na@astra.org.rs"), "a.na@astra.org.rs");
    assert_eq!(
        canonical_address("Ana@Astra.org.rs").expect("ok").domain,
        "astra.org.rs"
    );
}

#[test]
fn invalid_and_disposable_addresses_are_refused() {
    for bad in [
        "",
        "ana",
        "ana@",
        "@astra.org",
        "ana@astra",
        "ana@@astra.org",
        "ana @astra.org",
        ".ana@astra.org",
        "an..a@astra.org",
        "ana@-astra.org",
        "ana@astra.1",
        "+tag@gmail.com",
        "<ana@astra.org>",
    ] {
        assert_eq!(canonical_address(bad), Err(ERR_EMAIL), "{bad:?}");
    }
    for bad in [
        "x@mailinator.com",
        "x@YOPMAIL.fr",
        "x@sub.guerrillamail.com",
    ] {
        assert_eq!(canonical_address(bad), Err(ERR_DISPOSABLE), "{bad:?}");
    }
    // A domain that merely ends in the same letters is not disposable.
    assert!(canonical_address("x@notmailinator.com").is_ok());
}

#[test]
fn an_endorsement_names_each_broken_field() {
    let d = EndorsementDraft {
        name: " ".into(),
        country: "ZZ".into(),
        organisation: "x".repeat(201),
        email: "x@mailinator.com".into(),
    };
    let fields: Vec<_> = d
        .check()
        .expect_err("bad")
        .iter()
        .map(|i| i.field)
        .collect();
    assert_eq!(fields, ["name", "country", "organisation", "email"]);
    let ok = EndorsementDraft {
        name: " Ana ".into(),
        country: "RS".into(),
        organisation: String::new(),
        email: "Ana@Astra.org.rs".into(),
    }
    .check()
    .expect("ok");
    assert_eq!(ok.name, "Ana");
    assert_eq!(ok.organisation, None);
    assert_eq!(ok.canonical.address, "ana@astra.org.rs");
}

#[test]
fn a_campaign_needs_a_text_and_sound_dates() {
    let mut d = CampaignDraft {
        owner: "org:astra".into(),
        variants: vec![Variant {
            lang: "en".into(),
            title: "T".into(),
            statement: "S".into(),
        }],
        opens_on: "2026-01-10".into(),
        closes_on: "2026-01-09".into(),
    };
    let e = d.check().expect_err("closes before");
    assert_eq!(e[0].field, "closes_on");
    d.closes_on = "2026-01-10".into();
    let c = d.check().expect("ok");
    assert_eq!(c.closes_at, Some(c.opens_at + 86400));
    assert!(is_open(c.opens_at, c.closes_at, c.opens_at));
    assert!(!is_open(c.opens_at, c.closes_at, c.opens_at + 86400));
    d.variants[0].title.clear();
    d.variants[0].statement.clear();
    assert_eq!(d.check().expect_err("none")[0].key, "en-err-no-variant");
    assert_eq!(minute_utc("2026-01-10T10:30"), Some(c.opens_at + 37800));
}
