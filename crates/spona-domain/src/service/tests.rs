use super::*;

fn draft() -> ServiceDraft {
    ServiceDraft {
        kind: "shelter".into(),
        texts: vec![ServiceText {
            lang: "sr-Latn".into(),
            name: "Sigurna kuća".into(),
            description: "Smeštaj za žene.".into(),
            eligibility: String::new(),
        }],
        ..ServiceDraft::default()
    }
}

fn hours(rows: &[(&str, &str, &str)]) -> Vec<OpeningDraft> {
    rows.iter()
        .map(|(d, o, c)| OpeningDraft {
            day: (*d).into(),
            opens: (*o).into(),
            closes: (*c).into(),
        })
        .collect()
}

fn keys(d: &ServiceDraft) -> Vec<&'static str> {
    d.validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.key)
        .collect()
}

#[test]
fn a_minimal_service_is_valid() {
    let v = draft().validate().expect("valid");
    assert_eq!(v.kind, "shelter");
    assert_eq!(v.access(), Access::Both);
    assert!(v.hours.is_empty());
}

#[test]
fn hours_that_overlap_or_end_before_they_begin_are_refused() {
    let mut d = draft();
    d.hours = hours(&[("MO", "09:00", "13:00"), ("MO", "12:00", "17:00")]);
    assert_eq!(keys(&d), vec!["err-service-hours-overlap"]);
    d.hours = hours(&[("TU", "17:00", "09:00")]);
    assert_eq!(keys(&d), vec!["err-service-hours-order"]);
    d.hours = hours(&[("TU", "09:00", "09:00")]);
    assert_eq!(keys(&d), vec!["err-service-hours-order"]);
    d.hours = hours(&[("XX", "09:00", "10:00")]);
    assert_eq!(keys(&d), vec!["err-service-hours-day"]);
    d.hours = hours(&[("MO", "9", "25:00")]);
    assert_eq!(keys(&d), vec!["err-service-hours-time"]);
    d.hours = hours(&[
        ("MO", "13:00", "17:00"),
        ("MO", "09:00", "13:00"),
        ("SU", "00:00", "24:00"),
        ("", "", ""),
    ]);
    let v = d.validate().expect("touching openings are fine");
    assert_eq!(v.hours.len(), 3);
    assert_eq!(v.hours[0].opens_at(), "09:00");
    assert_eq!(v.hours[2].closes_at(), "23:59");
}

#[test]
fn codes_outside_their_vocabularies_are_refused() {
    let mut d = draft();
    d.kind = "spa".into();
    d.age_bands = vec!["5-9".into()];
    d.referral_fields = vec!["surname".into()];
    d.access = "phone".into();
    let k = keys(&d);
    assert!(k.contains(&"err-unknown-choice"));
    assert!(k.contains(&"err-unknown-term"));
    assert_eq!(k.len(), 4);
}

#[test]
fn a_service_needs_a_name_in_some_language() {
    let mut d = draft();
    d.texts[0].name = String::new();
    assert_eq!(keys(&d), vec!["err-service-name-length"]);
    d.texts.clear();
    assert_eq!(keys(&d), vec!["err-service-name-length"]);
}

#[test]
fn municipalities_take_a_country() {
    let mut d = draft();
    d.area_municipalities = "XK: Mitrovica\nRS Novi Sad\n".into();
    d.area_countries = vec!["XK".into()];
    let v = d.validate().expect("valid");
    assert_eq!(v.areas.len(), 3);
    d.area_municipalities = "Mitrovica".into();
    assert_eq!(keys(&d), vec!["err-service-area-country"]);
}

#[test]
fn free_places_are_bounded_by_the_total() {
    assert_eq!(validate_free_places("3", Some(10)), Ok(3));
    assert!(validate_free_places("11", Some(10)).is_err());
    assert!(validate_free_places("-1", None).is_err());
    assert!(validate_free_places("", None).is_err());
    assert!(
        Capacity {
            total: Some(4),
            free: Some(0),
            updated_at: Some(1)
        }
        .is_full()
    );
}

#[test]
fn age_bands_cover_every_age_once() {
    for w in AgeBand::ALL.windows(2) {
        assert_eq!(w[0].max_age().map(|m| m + 1), Some(w[1].min_age()));
    }
    assert!(AgeBand::Adolescent.is_minor());
    assert!(!AgeBand::YoungAdult.is_minor());
}

#[test]
fn the_eligibility_note_is_kept_and_bounded() {
    let mut d = draft();
    d.texts[0].eligibility = "  Women over 18.  ".into();
    let v = d.validate().expect("valid");
    assert_eq!(v.texts[0].eligibility, "Women over 18.");
    d.texts[0].eligibility = "x".repeat(2001);
    assert_eq!(keys(&d), vec!["err-service-eligibility-length"]);
    // A note alone is not a text: it needs its name.
    d.texts.push(ServiceText {
        lang: "uk".into(),
        eligibility: "Жінки".into(),
        ..ServiceText::default()
    });
    d.texts[0].eligibility = String::new();
    assert_eq!(keys(&d), vec!["err-service-name-length"]);
}
