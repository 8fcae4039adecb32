//! Implementation (issue 21, item 3): which organisations take part (`participants`),
//! the measures and indicators implementing recommendations (`measures`), and the state's
//! status beside each participating organisation's assessment, signed and kept as a
//! history (`assessments`, `signing`).
//!
//! Who writes what: platform admins add and remove participants, write measures, indicators
//! and their values, and enter the state's status (from the state's own reports). An
//! organisation's assessment is written by an admin of that organisation, only while it
//! takes part. Everything here is public to read.

pub mod assessments;
pub mod measures;
pub mod participants;
pub mod signing;

use spona_domain::Invalid;

use crate::Error;

pub(crate) fn invalid(field: &'static str, key: &'static str) -> Error {
    Error::Invalid(vec![Invalid { field, key }])
}

/// An ISO date (`YYYY-MM-DD`), trimmed; `None` when it is not one.
pub fn iso_date(text: &str) -> Option<String> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Today's date in UTC, ISO.
pub fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_only() {
        assert_eq!(
            super::iso_date(" 2024-02-29 ").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(super::iso_date("2023-02-29"), None);
        assert_eq!(super::iso_date("29.02.2024"), None);
        assert_eq!(super::iso_date("2024-2-1"), None);
    }
}
