use super::*;

fn draft() -> CallDraft {
    CallDraft {
        kind: "grant".into(),
        written: "en".into(),
        title: "Small grants for shelters".into(),
        deadline: "2030-03-01T17:00".into(),
        zone: "Europe/Belgrade".into(),
        ..Default::default()
    }
}

const NOW: i64 = 1_800_000_000; // 2027-01-15

fn keys(d: &CallDraft) -> Vec<&'static str> {
    d.validate(NOW)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.key)
        .collect()
}

#[test]
fn a_deadline_is_the_instant_of_its_local_time_in_its_zone() {
    let v = draft().validate(NOW).expect("valid");
    // 17:00 in Belgrade in March (CET, UTC+1) is 16:00 UTC.
    let utc: jiff::Timestamp = "2030-03-01T16:00:00Z".parse().expect("ts");
    assert_eq!(v.deadline_at, utc.as_second());
    assert_eq!(v.deadline_local, "2030-03-01T17:00");
    let kyiv = zone("Europe/Kyiv").expect("Kyiv");
    let (day, time, _) = in_zone(v.deadline_at, &kyiv).expect("shown");
    assert_eq!((day.as_str(), time.as_str()), ("2030-03-01", "18:00"));
}

#[test]
fn bad_deadlines_and_zones_are_refused_with_their_reason() {
    let past = CallDraft {
        deadline: "2020-01-01T12:00".into(),
        ..draft()
    };
    assert_eq!(keys(&past), ["err-call-deadline-past"]);
    let unknown = CallDraft {
        zone: "Europe/Atlantis".into(),
        ..draft()
    };
    assert_eq!(keys(&unknown), ["err-call-zone"]);
    let offset = CallDraft {
        zone: "+02:00".into(),
        ..draft()
    };
    assert_eq!(keys(&offset), ["err-call-zone"]);
    // The last Sunday of March 2030 is the 31st: 02:00–03:00 does not exist in Belgrade.
    let skipped = CallDraft {
        deadline: "2030-03-31T02:30".into(),
        ..draft()
    };
    assert_eq!(keys(&skipped), ["err-call-deadline-skipped"]);
    // In Kyiv the clocks go back at 04:00 on the last Sunday of October (27 Oct 2030).
    let twice = CallDraft {
        deadline: "2030-10-27T03:30".into(),
        zone: "Europe/Kyiv".into(),
        ..draft()
    };
    assert_eq!(keys(&twice), ["err-call-deadline-twice"]);
    let garbage = CallDraft {
        deadline: "tomorrow".into(),
        ..draft()
    };
    assert_eq!(keys(&garbage), ["err-call-deadline"]);
}

#[test]
fn amounts_are_exact_decimals_in_a_known_currency() {
    assert_eq!(parse_amount("25000", 2), Ok(2_500_000));
    assert_eq!(parse_amount("1 500,5", 2), Ok(150_050));
    assert_eq!(parse_amount("0.10", 2), Ok(10));
    assert_eq!(parse_amount("-5", 2), Err("err-call-amount-negative"));
    assert_eq!(parse_amount("1.234", 2), Err("err-call-amount-digits"));
    assert_eq!(parse_amount("12e3", 2), Err("err-call-amount"));
    assert_eq!(parse_amount("0", 2), Err("err-call-amount-zero"));
    let with = |amount: &str, currency: &str| CallDraft {
        amount: amount.into(),
        currency: currency.into(),
        ..draft()
    };
    assert_eq!(keys(&with("-100", "EUR")), ["err-call-amount-negative"]);
    assert_eq!(keys(&with("100", "XYZ")), ["err-call-currency"]);
    assert_eq!(keys(&with("100", "")), ["err-call-currency-missing"]);
    assert_eq!(keys(&with("", "EUR")), ["err-call-amount-missing"]);
    let v = with("25000", "eur").validate(NOW).expect("valid");
    let amount = v.amount.expect("amount");
    assert_eq!(amount.decimal(), "25000.00");
    assert_eq!(amount.display(), "25\u{202f}000 EUR");
    let yen = Amount {
        minor: 1500,
        currency: "JPY".into(),
    };
    assert_eq!(yen.decimal(), "1500");
}

#[test]
fn links_must_be_http_or_https() {
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "example.org",
        "data:text/html,x",
    ] {
        let d = CallDraft {
            link: bad.into(),
            ..draft()
        };
        assert_eq!(keys(&d), ["err-call-link"], "{bad}");
    }
    let ok = CallDraft {
        link: "https://fund.example.org/call".into(),
        ..draft()
    };
    assert_eq!(
        ok.validate(NOW).expect("valid").link.as_deref(),
        Some("https://fund.example.org/call")
    );
}

#[test]
fn a_call_fits_an_organisation_by_country_and_by_theme_or_need() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let themes = v(&["gender-equality", "youth"]);
    let needs = v(&["grant-writing"]);
    let org = OrgFit {
        country: "RS",
        themes: &themes,
        needs: &needs,
    };
    assert!(fits(&CallTerms::default(), org), "a call for anyone fits");
    let terms = |countries: &[&str], themes: &[&str], knowhow: &[&str]| CallTerms {
        countries: v(countries),
        themes: v(themes),
        knowhow: v(knowhow),
        ..Default::default()
    };
    assert!(fits(&terms(&["RS", "UA"], &[], &[]), org));
    assert!(!fits(&terms(&["UA"], &[], &[]), org), "wrong country");
    assert!(
        fits(&terms(&[], &["youth", "media"], &[]), org),
        "a shared theme"
    );
    assert!(!fits(&terms(&[], &["media"], &[]), org), "no shared theme");
    assert!(
        fits(&terms(&[], &["media"], &["grant-writing"]), org),
        "builds know-how it needs"
    );
    assert!(
        !fits(&terms(&["UA"], &["youth"], &[]), org),
        "the theme fits but the country does not"
    );
}
