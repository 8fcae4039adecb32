//! Numbers in Fluent placeables, per locale (issue 25): every number a message receives is
//! written as CLDR writes it in the locale (checked against ICU 78 / CLDR 48's
//! `Intl.NumberFormat`), plural selection still sees the number, and `NUMBER()` works.

use spona_domain::Locale;
use spona_i18n::{Arg, Strings, Translator};

const PROBE: &str = "lng-probe = [{ $n }]\n\
lng-share = [{ NUMBER($p, style: \"percent\") }]\n\
lng-plain = [{ NUMBER($n, useGrouping: \"false\") }]\n\
lng-plural = { $n ->\n    [one] one\n    [few] few\n    [many] many\n   *[other] other\n} { $n }\n";

fn translator() -> Translator {
    let probe = Strings {
        en: PROBE,
        sr_cyrl: PROBE,
        uk: PROBE,
        sq: PROBE,
        mk: PROBE,
        bcms: PROBE,
    };
    Translator::with(&[probe]).expect("bundles")
}

/// 0, 1, 2, 5, 11, 21, 101, 1234.5 and 1000000 as each locale writes them.
fn expected(l: Locale) -> [&'static str; 9] {
    let small = ["0", "1", "2", "5", "11", "21", "101"];
    let (a, b) = match l {
        Locale::En => ("1,234.5", "1,000,000"),
        Locale::SrLatn | Locale::SrCyrl | Locale::Bs | Locale::Hr | Locale::Cnr | Locale::Mk => {
            ("1.234,5", "1.000.000")
        }
        Locale::Uk => ("1\u{a0}234,5", "1\u{a0}000\u{a0}000"),
        Locale::Sq => ("1234,5", "1\u{a0}000\u{a0}000"),
    };
    [
        small[0], small[1], small[2], small[3], small[4], small[5], small[6], a, b,
    ]
}

fn arg(v: f64) -> Arg<'static> {
    if v.fract() == 0.0 {
        Arg::Num(v as i64)
    } else {
        Arg::Dec(v)
    }
}

#[test]
fn numbers_in_placeables_follow_the_locale() {
    let t = translator();
    let values = [0.0, 1.0, 2.0, 5.0, 11.0, 21.0, 101.0, 1234.5, 1_000_000.0];
    for l in Locale::ALL {
        for (v, want) in values.iter().zip(expected(l)) {
            let got = t.t_args(l, "lng-probe", &[("n", arg(*v))]);
            assert_eq!(got, format!("[{want}]"), "{l} {v}");
        }
    }
}

#[test]
fn negative_numbers_and_grouping_off() {
    let t = translator();
    let neg = |l| t.t_args(l, "lng-probe", &[("n", Arg::Num(-1234))]);
    assert_eq!(neg(Locale::En), "[-1,234]");
    assert_eq!(neg(Locale::Hr), "[\u{2212}1.234]");
    assert_eq!(neg(Locale::SrLatn), "[-1.234]");
    assert_eq!(neg(Locale::Sq), "[-1234]");
    for l in Locale::ALL {
        let got = t.t_args(l, "lng-plain", &[("n", Arg::Num(1_000_000))]);
        assert_eq!(got, "[1000000]", "{l}");
    }
}

#[test]
fn percentages_follow_the_locale() {
    let t = translator();
    for l in Locale::ALL {
        let want = match l {
            Locale::En => "12.5%",
            Locale::Hr | Locale::Mk => "12,5\u{a0}%",
            _ => "12,5%",
        };
        // Fluent's NUMBER keeps no fraction of a percentage unless asked; 0.5 is 50 %.
        let got = t.t_args(l, "lng-share", &[("p", Arg::Dec(0.5))]);
        let half = want.replace("12,5", "50").replace("12.5", "50");
        assert_eq!(got, format!("[{half}]"), "{l}");
    }
}

/// Plural selection still sees the number: 1234.5 and 1000000 pick by their value, not by
/// the text the locale writes.
#[test]
fn plurals_still_select_on_the_number() {
    let t = translator();
    let got = t.t_args(Locale::Uk, "lng-plural", &[("n", Arg::Num(21))]);
    assert_eq!(got, "one 21");
    let got = t.t_args(Locale::Uk, "lng-plural", &[("n", Arg::Num(1_000_000))]);
    assert_eq!(got, "many 1\u{a0}000\u{a0}000");
    let got = t.t_args(Locale::Hr, "lng-plural", &[("n", Arg::Num(1_002))]);
    assert_eq!(got, "few 1.002");
    let got = t.t_args(Locale::Sq, "lng-plural", &[("n", Arg::Num(1))]);
    assert_eq!(got, "one 1");
}

/// The real messages: a count of organisations in every locale.
#[test]
fn org_count_is_written_per_locale() {
    let t = Translator::new().expect("bundles");
    for l in Locale::ALL {
        let text = t.t_args(l, "org-count", &[("count", Arg::Num(12_345))]);
        let want = match l {
            Locale::En => "12,345",
            Locale::Uk | Locale::Sq => "12\u{a0}345",
            _ => "12.345",
        };
        assert!(text.contains(want), "{l}: {text}");
    }
}
