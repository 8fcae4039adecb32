//! Cells for CSV exports, safe to open in a spreadsheet.

/// Neutralises a cell that a spreadsheet would read as a formula (OWASP "CSV injection"):
/// a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front.
pub fn safe_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn formulas_are_neutralised() {
        for bad in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\t=x",
            "\r=x",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert!(safe_cell(bad).starts_with('\''), "{bad:?}");
        }
        for ok in ["ASTRA", "1", "", "a=b", " =x"] {
            assert_eq!(safe_cell(ok), ok);
        }
    }
}
