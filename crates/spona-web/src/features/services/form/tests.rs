use super::*;

fn row(day: &str, opens: &str, closes: &str) -> OpeningDraft {
    OpeningDraft {
        day: day.into(),
        opens: opens.into(),
        closes: closes.into(),
    }
}

#[test]
fn each_hours_row_gets_its_own_message() {
    let rows = [
        row("MO", "09:00", "17:00"),
        row("", "", ""),
        row("MO", "16:00", "18:00"),
        row("TU", "17:00", "09:00"),
        row("WE", "9", "12:00"),
        row("XX", "09:00", "10:00"),
        row("TU", "09:00", "12:00"),
    ];
    assert_eq!(
        hour_error_keys(&rows),
        vec![
            None,
            None,
            Some("err-service-hours-overlap"),
            Some("err-service-hours-order"),
            Some("err-service-hours-time"),
            Some("err-service-hours-day"),
            None,
        ]
    );
}

#[test]
fn rows_are_read_in_parallel_and_capped() {
    let f = ServiceForm {
        text_lang: vec!["en".into(), "uk".into()],
        text_name: vec!["Shelter".into(), "Притулок".into()],
        text_description: vec!["A".into()],
        hour_day: vec!["MO".into(), String::new()],
        hour_opens: vec!["09:00".into(), String::new()],
        hour_closes: vec!["17:00".into(), String::new()],
        free: "yes".into(),
        ..ServiceForm::default()
    };
    let d = f.draft().expect("a draft");
    assert_eq!(d.texts.len(), 2);
    assert_eq!(d.texts[1].name, "Притулок");
    assert_eq!(d.texts[1].description, "");
    assert_eq!(d.hours.len(), 2);
    assert!(d.free);
    let too_many = ServiceForm {
        hour_day: vec![String::new(); HOUR_ROWS_MAX + 1],
        ..ServiceForm::default()
    };
    assert!(too_many.draft().is_err());
}

#[test]
fn adding_a_row_adds_one_and_the_next_language() {
    let mut d = ServiceDraft {
        texts: vec![ServiceText {
            lang: "en".into(),
            ..ServiceText::default()
        }],
        ..ServiceDraft::default()
    };
    assert!(!add_row(&mut d, "").expect("no row"));
    assert!(add_row(&mut d, "text").expect("a text"));
    assert_eq!(d.texts[1].lang, "sr-Latn");
    assert!(add_row(&mut d, "hours").expect("hours"));
    assert_eq!(d.hours.len(), 1);
    assert!(add_row(&mut d, "location").expect("a location"));
    assert_eq!(d.locations.len(), 1);
    assert!(add_row(&mut d, "nonsense").is_err());
}
