//! English (and a few local) names of states, folded (lower case, ASCII letters and digits,
//! one space between words), with their ISO 3166-1 alpha-2 codes; `XK` is Kosovo. The table,
//! `countries.tsv` (a name and its code a line, sorted by name), was generated from
//! pycountry's ISO 3166 data (with the UN's "Republic of Korea" and "Iran (Islamic Republic
//! of)" orders added) once, with a short Python script.

use std::sync::LazyLock;

/// Sorted by name, for a binary search.
pub(super) static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    include_str!("countries.tsv")
        .lines()
        .map(|line| {
            line.split_once('\t')
                .expect("countries.tsv: a name, a tab, a code")
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::NAMES;

    #[test]
    fn every_line_is_a_folded_name_and_a_two_letter_code() {
        assert!(NAMES.len() > 400, "{}", NAMES.len());
        for (name, code) in NAMES.iter() {
            assert!(
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
                "{name:?}"
            );
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{code:?}"
            );
        }
        assert_eq!(
            NAMES.iter().find(|(n, _)| *n == "kosovo").map(|p| p.1),
            Some("XK")
        );
    }
}
