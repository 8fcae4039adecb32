//! Dates as each interface language writes them, for pages and messages alike.

use spona_domain::Locale;

/// A date (UTC) as the locale writes it.
pub fn format_date(locale: Locale, unix: i64) -> String {
    let Ok(dt) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    write_date(
        locale,
        dt.year(),
        u32::from(u8::from(dt.month())),
        u32::from(dt.day()),
    )
}

/// Year, month and day as the locale writes a date in running text (CLDR's medium numeric
/// forms): ISO for English (the networks mix British and American readers); `25. 11. 2026.`
/// in Serbian, Bosnian, Croatian and Montenegrin (day and month with a dot and a space, the
/// year with a closing dot); `25.11.2026` in Ukrainian, Macedonian and Albanian.
pub fn write_date(locale: Locale, y: i32, m: u32, d: u32) -> String {
    match locale {
        Locale::En => format!("{y}-{m:02}-{d:02}"),
        Locale::SrLatn | Locale::SrCyrl | Locale::Bs | Locale::Hr | Locale::Cnr => {
            format!("{d}. {m}. {y}.")
        }
        Locale::Uk | Locale::Mk | Locale::Sq => format!("{d:02}.{m:02}.{y}"),
    }
}

/// A whole number as the locale groups its digits (CLDR): `12,345` in English, `12.345` in
/// Serbian, Bosnian, Croatian, Montenegrin and Macedonian, `12 345` (a no-break space) in
/// Ukrainian and Albanian (Albanian groups from five digits: `1234`). The same as numbers in
/// messages ([`spona_i18n::numbers`]).
pub fn format_number(locale: Locale, n: i64) -> String {
    spona_i18n::numbers::NumberStyle::for_locale(locale).integer(n)
}

/// A date and time (UTC) as the locale writes it.
pub fn format_datetime(locale: Locale, unix: i64) -> String {
    let Ok(dt) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    format!(
        "{} {:02}:{:02} UTC",
        format_date(locale, unix),
        dt.hour(),
        dt.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_writes_dates_and_numbers_its_way() {
        let t = 1_795_600_000; // 2026-11-25
        let want = |l| match l {
            Locale::En => "2026-11-25",
            Locale::SrLatn | Locale::SrCyrl | Locale::Bs | Locale::Hr | Locale::Cnr => {
                "25. 11. 2026."
            }
            Locale::Uk | Locale::Mk | Locale::Sq => "25.11.2026",
        };
        for l in Locale::ALL {
            assert_eq!(format_date(l, t), want(l), "{l}");
        }
        assert_eq!(format_number(Locale::En, 1234), "1,234");
        assert_eq!(format_number(Locale::Hr, 1234), "1.234");
        assert_eq!(format_number(Locale::Hr, 12345), "12.345");
        assert_eq!(format_number(Locale::Sq, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(Locale::Mk, -12345), "-12.345");
        assert_eq!(format_number(Locale::Uk, 12345), "12\u{a0}345");
        assert_eq!(format_number(Locale::En, 999), "999");
        // CLDR: Albanian groups from five digits.
        assert_eq!(format_number(Locale::Sq, 1234), "1234");
    }
}
