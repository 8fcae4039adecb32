use super::findings::{CaseFacts, Cell, compute, figures};
use super::*;

fn case() -> CaseDraft {
    CaseDraft {
        country: "RS".into(),
        court: "Higher Court in Belgrade".into(),
        case_number: "K 123/24".into(),
        charges: vec!["trafficking-human-beings".into()],
        defendants: "2".into(),
        victims: "1".into(),
        indicted_on: "2024-03-01".into(),
    }
}

fn fields(e: &[Invalid]) -> Vec<&str> {
    e.iter().map(|i| i.field).collect()
}

#[test]
fn a_case_needs_a_known_country_charge_and_parties_counted() {
    let v = case().validate("2026-12-06").expect("valid");
    assert_eq!((v.defendants, v.victims), (2, 1));
    let bad = CaseDraft {
        country: "FR".into(),
        charges: vec!["theft".into()],
        defendants: "0".into(),
        victims: "x".into(),
        indicted_on: "2027-01-01".into(),
        court: " ".into(),
        ..case()
    };
    let e = bad.validate("2026-12-06").expect_err("invalid");
    assert_eq!(
        fields(&e),
        [
            "country",
            "court",
            "charges",
            "defendants",
            "victims",
            "indicted_on"
        ]
    );
    let none = CaseDraft {
        charges: vec![],
        ..case()
    };
    assert_eq!(
        fields(&none.validate("2026-12-06").expect_err("no charge")),
        ["charges"]
    );
}

fn hearing(at: &str, status: &str, reason: &str) -> HearingDraft {
    HearingDraft {
        at: at.into(),
        zone: "Europe/Belgrade".into(),
        status: status.into(),
        reason: reason.into(),
        note: String::new(),
    }
}

#[test]
fn a_hearing_before_the_indictment_or_adjourned_without_reason_is_refused() {
    let now = 1_900_000_000;
    let ok = hearing("2024-04-02T09:30", "held", "")
        .validate("2024-03-01", now)
        .expect("valid");
    // 09:30 in Belgrade in April (CEST, UTC+2) is 07:30 UTC.
    assert_eq!(ok.at % 86_400, 7 * 3600 + 1800);
    let early = hearing("2024-02-28T09:30", "held", "").validate("2024-03-01", now);
    assert_eq!(fields(&early.expect_err("early")), ["at"]);
    let no_reason = hearing("2024-04-02T09:30", "adjourned", "").validate("2024-03-01", now);
    assert_eq!(fields(&no_reason.expect_err("reason")), ["reason"]);
    let unknown = hearing("2024-04-02T09:30", "adjourned", "rain").validate("2024-03-01", now);
    assert_eq!(fields(&unknown.expect_err("unknown")), ["reason"]);
    let held_with_reason =
        hearing("2024-04-02T09:30", "held", "health").validate("2024-03-01", now);
    assert_eq!(fields(&held_with_reason.expect_err("held")), ["reason"]);
    let future = hearing("2099-04-02T09:30", "held", "").validate("2024-03-01", now);
    assert_eq!(fields(&future.expect_err("future")), ["at"]);
    assert!(
        hearing("2099-04-02T09:30", "scheduled", "")
            .validate("2024-03-01", now)
            .is_ok()
    );
    // Skopje keeps the same offset as Belgrade; the zone is kept as given.
    let sk = HearingDraft {
        zone: "Europe/Skopje".into(),
        ..hearing("2024-04-02T09:30", "held", "")
    };
    assert_eq!(
        sk.validate("2024-03-01", now).expect("ok").zone,
        "Europe/Skopje"
    );
}

#[test]
fn a_sentence_out_of_range_or_without_conviction_is_refused() {
    let v = |months: &str, outcome: &str| VerdictDraft {
        defendant: "1".into(),
        outcome: outcome.into(),
        decided_on: "2025-06-01".into(),
        sentence_months: months.into(),
        is_final: false,
    };
    assert_eq!(
        v("60", "convicted")
            .validate(2, "2024-03-01", "2026-12-06")
            .expect("ok")
            .sentence_months,
        Some(60)
    );
    for bad in ["0", "481", "-3", "ten"] {
        let e = v(bad, "convicted").validate(2, "2024-03-01", "2026-12-06");
        assert_eq!(fields(&e.expect_err(bad)), ["sentence_months"], "{bad}");
    }
    let e = v("12", "acquitted").validate(2, "2024-03-01", "2026-12-06");
    assert_eq!(fields(&e.expect_err("acquitted")), ["sentence_months"]);
    let d3 = VerdictDraft {
        defendant: "3".into(),
        ..v("", "acquitted")
    };
    assert_eq!(
        fields(&d3.validate(2, "2024-03-01", "2026-12-06").expect_err("d3")),
        ["defendant"]
    );
    let early = VerdictDraft {
        decided_on: "2024-01-01".into(),
        ..v("", "dismissed")
    };
    assert_eq!(
        fields(
            &early
                .validate(2, "2024-03-01", "2026-12-06")
                .expect_err("early")
        ),
        ["decided_on"]
    );
}

#[test]
fn an_observation_keeps_answered_checks_and_known_codes_only() {
    let d = ObservationDraft {
        observer: "u1".into(),
        checks: vec![
            ("public-hearing".into(), "yes".into()),
            ("victim-present".into(), "".into()),
        ],
        measures: vec!["video-link".into()],
        ..Default::default()
    };
    let v = d.validate().expect("valid");
    assert_eq!(v.checks, [("public-hearing".to_owned(), "yes".to_owned())]);
    let bad = ObservationDraft {
        observer: String::new(),
        measures: vec!["blindfold".into()],
        prosecution: "rude".into(),
        ..d
    };
    assert_eq!(
        fields(&bad.validate().expect_err("bad")),
        ["observer", "measures", "prosecution"]
    );
}

#[test]
fn parties_are_roles_and_durations_count_days() {
    assert_eq!(victim_letter(1), "A");
    assert_eq!(victim_letter(26), "Z");
    assert_eq!(victim_letter(27), "AA");
    assert_eq!(days_between("2024-03-01", "2025-03-01"), Some(365));
    assert_eq!(days_between("2024-03-01", "2024-02-29"), Some(-1));
}

fn facts(id: &str, country: &str, adjourned: usize, verdict: Option<(&str, i64)>) -> CaseFacts {
    let mut hearings = vec![("held".to_owned(), None)];
    hearings.extend((0..adjourned).map(|_| ("adjourned".to_owned(), Some("health".to_owned()))));
    CaseFacts {
        id: id.into(),
        country: country.into(),
        indicted_on: "2024-01-01".into(),
        hearings,
        verdicts: verdict
            .map(|(o, m)| vec![(o.to_owned(), "2024-01-11".to_owned(), Some(m))])
            .unwrap_or_default(),
        observations: vec![(vec!["video-link".into()], vec![])],
    }
}

#[test]
fn findings_withhold_figures_drawn_from_fewer_than_three_cases() {
    let cases = vec![
        facts("a", "RS", 1, Some(("convicted", 24))),
        facts("b", "RS", 0, Some(("convicted", 48))),
        facts("c", "RS", 2, None),
        facts("d", "MK", 1, Some(("acquitted", 0))),
    ];
    let cols = compute(&cases);
    assert_eq!(
        cols.iter().map(|c| c.country.as_str()).collect::<Vec<_>>(),
        ["MK", "RS", ""]
    );
    let mk = &cols[0];
    assert_eq!(mk.cases, Cell { value: 1, cases: 1 });
    assert_eq!(mk.cases.shown(), None);
    let rs = &cols[1];
    assert_eq!(rs.cases.shown(), Some(3));
    assert_eq!(rs.hearings.shown(), Some(6));
    // Adjourned hearings: 3, but in two cases only: withheld.
    assert_eq!(rs.adjourned, Cell { value: 3, cases: 2 });
    assert_eq!(rs.adjourned.shown(), None);
    assert_eq!(rs.protected.shown(), Some(3));
    let all = &cols[2];
    assert_eq!(all.adjourned.shown(), Some(4));
    assert_eq!(all.with_verdict.shown(), Some(3));
    assert_eq!(all.median_days.shown(), Some(10));
    // Mean sentence over the two convicted: withheld (two cases).
    assert_eq!(
        all.mean_sentence,
        Cell {
            value: 36,
            cases: 2
        }
    );
    assert_eq!(all.mean_sentence.shown(), None);
    // A zero is shown.
    let dismissed = all
        .outcomes
        .iter()
        .find(|(o, _)| *o == "dismissed")
        .expect("row");
    assert_eq!(dismissed.1.shown(), Some(0));
    let figs = figures(&cols);
    let f = |m: &str, c: &str| {
        figs.iter()
            .find(|f| f.measure == m && f.country == c)
            .map(|f| f.value)
    };
    assert_eq!(f("cases", "MK"), Some(None));
    assert_eq!(f("cases", "all"), Some(Some(4)));
    assert_eq!(f("reason:health", "all"), Some(Some(4)));
}

#[test]
fn today_is_the_utc_date() {
    assert_eq!(today(0), "1970-01-01");
    assert_eq!(today(1_733_443_200), "2024-12-06");
}
