//! Dates as import files write them, to ISO `YYYY-MM-DD`: `2013-06-20` (a time after it is
//! dropped), `20.06.2013` and `20. 6. 2013.` (Serbian, Ukrainian), `20/06/2013`, and
//! `6/20/2013` only when it cannot be read the other way round; an Excel serial number.

use chrono::NaiveDate;

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Unreadable,
    /// `03/04/2013`: the 3rd of April or the 4th of March.
    Ambiguous,
}

impl DateError {
    /// The message id.
    pub fn key(self) -> &'static str {
        match self {
            DateError::Unreadable => "mon-imp-err-date-unreadable",
            DateError::Ambiguous => "mon-imp-err-date-ambiguous",
        }
    }
}

fn iso(y: i32, m: u32, d: u32) -> Result<String, DateError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1900..=2200).contains(&y))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or(DateError::Unreadable)
}

fn numbers(s: &str, sep: char) -> Option<Vec<u32>> {
    let parts: Vec<&str> = s.trim_end_matches(sep).split(sep).map(str::trim).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    parts.iter().map(|p| p.parse::<u32>().ok()).collect()
}

/// The ISO date `s` stands for; `None` for an empty cell.
pub fn parse(s: &str) -> Result<Option<String>, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // 2013-06-20, 2013-06-20T00:00:00, 2013-06-20 00:00
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    if let Some(n) = numbers(date_part, '-')
        && date_part.len() >= 8
        && n[0] > 31
    {
        return iso(n[0] as i32, n[1], n[2]).map(Some);
    }
    if let Some(n) = numbers(s, '.') {
        return iso(n[2] as i32, n[1], n[0]).map(Some);
    }
    if let Some(n) = numbers(date_part, '/') {
        let (a, b, y) = (n[0], n[1], n[2] as i32);
        return match (a > 12, b > 12) {
            (true, false) => iso(y, b, a).map(Some),
            (false, true) => iso(y, a, b).map(Some),
            (false, false) if a == b => iso(y, a, b).map(Some),
            (false, false) => Err(DateError::Ambiguous),
            (true, true) => Err(DateError::Unreadable),
        };
    }
    // An Excel serial day number that came through as text.
    if let Ok(serial) = s.parse::<f64>()
        && (10_000.0..=100_000.0).contains(&serial)
    {
        return super::read::excel_date(serial)
            .map(Some)
            .ok_or(DateError::Unreadable);
    }
    Err(DateError::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_form_gives_the_same_day() {
        for s in [
            "2013-06-20",
            "2013-06-20T00:00:00",
            "2013-06-20 10:30",
            "20.06.2013",
            "20.06.2013.",
            "20. 6. 2013.",
            "20/06/2013",
            "6/20/2013",
            "41445",
        ] {
            assert_eq!(parse(s), Ok(Some("2013-06-20".to_owned())), "{s}");
        }
        assert_eq!(parse(" "), Ok(None));
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_refused() {
        assert_eq!(parse("03/04/2013"), Err(DateError::Ambiguous));
        assert_eq!(parse("04/04/2013"), Ok(Some("2013-04-04".to_owned())));
        assert_eq!(parse("31.02.2013"), Err(DateError::Unreadable));
        assert_eq!(parse("2013-13-01"), Err(DateError::Unreadable));
        assert_eq!(parse("June 2013"), Err(DateError::Unreadable));
        assert_eq!(parse("2013"), Err(DateError::Unreadable));
    }
}
