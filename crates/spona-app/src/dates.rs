//! Dates as each interface language writes them, for pages and messages alike.

use spona_domain::Locale;

/// A date (UTC) as the locale writes it.
pub fn format_date(locale: Locale, unix: i64) -> String {
    let Ok(dt) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    let (d, m, y) = (dt.day(), u8::from(dt.month()), dt.year());
    match locale {
        Locale::En => format!("{y}-{m:02}-{d:02}"),
        Locale::SrLatn | Locale::SrCyrl => format!("{d}. {m}. {y}."),
        Locale::Uk => format!("{d:02}.{m:02}.{y}"),
    }
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
