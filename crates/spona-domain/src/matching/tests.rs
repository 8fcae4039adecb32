use super::*;

const NOW: i64 = 1_795_600_000; // 2026-11-25

fn round() -> RoundDraft {
    RoundDraft {
        programme: "peer_exchange".into(),
        title: "Ukraine ↔ Serbia peer exchange".into(),
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into(), "RS".into()],
        deadline: "2026-12-31".into(),
        ..Default::default()
    }
}

#[test]
fn titles_in_other_languages_are_checked_and_empty_ones_left_out() {
    let mut d = round();
    d.titles = vec![
        ("uk".into(), "  Обмін  досвідом ".into()),
        ("sr-Cyrl".into(), String::new()),
    ];
    let r = d.validate(NOW).expect("valid");
    assert_eq!(
        r.titles,
        vec![("uk".to_owned(), "Обмін досвідом".to_owned())]
    );
    for bad in [("xx", "Title"), ("uk", "ab")] {
        let mut d = round();
        d.titles = vec![(bad.0.into(), bad.1.into())];
        let errs = d.validate(NOW).expect_err("invalid");
        assert!(errs.iter().any(|e| e.field == "titles"), "{bad:?}");
    }
    let mut d = round();
    d.titles = vec![
        ("uk".into(), "Обмін".into()),
        ("uk".into(), "Обмін 2".into()),
    ];
    assert!(d.validate(NOW).is_err(), "one title per language");
}

#[test]
fn a_valid_round() {
    let r = round().validate(NOW).expect("valid");
    assert_eq!(r.side_b, ["RS"]);
    assert_eq!(r.deadline, parse_day_end("2026-12-31").expect("date"));
}

#[test]
fn bad_rounds_name_their_fields() {
    let mut r = round();
    r.side_b = vec!["UA".into(), "ZZ".into()];
    r.deadline = "2026-11-01".into();
    r.programme = "speed-dating".into();
    let fields: Vec<_> = r
        .validate(NOW)
        .expect_err("invalid")
        .iter()
        .map(|e| (e.field, e.key))
        .collect();
    assert!(fields.contains(&("programme", "err-unknown-choice")));
    assert!(fields.contains(&("side_b", "err-unknown-country")));
    assert!(
        fields.contains(&("side_b", "err-side-overlap")),
        "{fields:?}"
    );
    assert!(fields.contains(&("deadline", "err-deadline-past")));
    let mut r = round();
    r.deadline = "2026-02-30".into();
    assert_eq!(r.validate(NOW).expect_err("invalid")[0].key, "err-date");
}

#[test]
fn day_ends_are_right() {
    assert_eq!(parse_day_end("1970-01-01"), None, "before 2000 is refused");
    assert_eq!(parse_day_end("2000-03-01"), Some(951_868_800 + 86_399));
    assert_eq!(parse_day_end("2024-02-29"), Some(1_709_164_800 + 86_399));
    assert_eq!(parse_day_end("2023-02-29"), None);
    assert_eq!(parse_day_end("2026-13-01"), None);
}

#[test]
fn opt_ins_need_an_offer_or_need_a_language_and_capacity() {
    let ok = OptInDraft {
        offers: vec!["safe-houses".into()],
        languages: vec!["sr".into()],
        capacity: "1".into(),
        ..Default::default()
    };
    assert!(ok.validate().is_ok());
    let bad = OptInDraft {
        offers: vec!["juggling".into()],
        capacity: "0".into(),
        ..Default::default()
    };
    let keys: Vec<_> = bad
        .validate()
        .expect_err("invalid")
        .iter()
        .map(|e| e.key)
        .collect();
    assert_eq!(
        keys,
        [
            "err-unknown-term",
            "err-offer-or-need",
            "err-language-required",
            "err-capacity"
        ]
    );
}
#[test]
fn mentors_state_experience_and_mentees_take_one_mentor() {
    let mentor = OptInDraft {
        offers: vec!["trauma-care".into()],
        languages: vec!["uk".into()],
        capacity: "2".into(),
        statement: "Ten years of shelter work.".into(),
        ..Default::default()
    };
    assert_eq!(
        mentor
            .validate_personal(MentorshipRole::Mentor)
            .expect("valid")
            .capacity,
        2
    );
    let keys = |d: &OptInDraft, role| -> Vec<&'static str> {
        d.validate_personal(role)
            .expect_err("invalid")
            .iter()
            .map(|e| e.key)
            .collect()
    };
    assert_eq!(
        keys(&mentor, MentorshipRole::Mentee),
        ["err-mentee-capacity"]
    );
    let silent = OptInDraft {
        statement: " ".into(),
        ..mentor.clone()
    };
    assert_eq!(
        keys(&silent, MentorshipRole::Mentor),
        ["err-experience-required"]
    );
    let zero = OptInDraft {
        capacity: "0".into(),
        statement: String::new(),
        ..mentor
    };
    assert_eq!(
        keys(&zero, MentorshipRole::Mentee),
        ["err-capacity", "err-goals-required"]
    );
}

#[test]
fn check_ins_fall_between_the_start_and_today() {
    let started = parse_day_end("2026-11-01").expect("day") - 86_399 + 3600;
    let ok = CheckInDraft {
        date: "2026-11-01".into(),
        note: "  First call.\r\nWent well. ".into(),
    }
    .validate(started, NOW)
    .expect("valid");
    assert_eq!(ok.note, "First call.\nWent well.");
    assert_eq!(ok.day, parse_day_end("2026-11-01").expect("day") - 86_399);
    let keys = |date: &str, note: &str| -> Vec<&'static str> {
        CheckInDraft {
            date: date.into(),
            note: note.into(),
        }
        .validate(started, NOW)
        .expect_err("invalid")
        .iter()
        .map(|e| e.key)
        .collect()
    };
    assert_eq!(keys("2026-10-31", "x"), ["err-date-before-start"]);
    assert_eq!(keys("2026-12-31", "x"), ["err-date-future"]);
    assert_eq!(keys("soon", " "), ["err-date", "err-note-required"]);
    assert_eq!(keys("2026-11-02", &"x".repeat(1001)), ["err-too-long"]);
}
