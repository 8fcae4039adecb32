//! Numbers as each interface language writes them (CLDR 48, checked against ICU 78's
//! `Intl.NumberFormat`), for Fluent placeables and for pages alike.
//!
//! | language | 1234.5 | 1000000 | 50 % | note |
//! |---|---|---|---|---|
//! | en | `1,234.5` | `1,000,000` | `50%` | |
//! | sr (both scripts), bs, cnr | `1.234,5` | `1.000.000` | `50%` | Montenegrin's bundle is Serbian (no CLDR data of its own) |
//! | hr | `1.234,5` | `1.000.000` | `50 %` | minus is U+2212 (`−5`); no-break space before `%` |
//! | mk | `1.234,5` | `1.000.000` | `50 %` | no-break space before `%` |
//! | uk | `1 234,5` | `1 000 000` | `50%` | groups with a no-break space |
//! | sq | `1234,5` | `1 000 000` | `50%` | no-break space; a group only from five digits (CLDR's minimum grouping digits 2) |
//!
//! Every number a message receives ([`crate::Arg::Num`], [`crate::Arg::Dec`]) goes through
//! [`fluent_formatter`], registered on every bundle; a message may also ask
//! `NUMBER($share, style: "percent")` or `NUMBER($n, useGrouping: "false")` (Fluent's
//! builtin, registered too). Plural selection is untouched: it sees the number, not the text.

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::types::{FluentNumber, FluentNumberStyle};
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// How one language writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    pub group: &'static str,
    pub decimal: &'static str,
    pub minus: &'static str,
    /// Digits the integer part needs beyond three before it is grouped (CLDR's
    /// `minimumGroupingDigits`): 1 in most languages, 2 in Albanian.
    pub min_grouping: usize,
    /// What stands between a percentage and `%`.
    pub percent_gap: &'static str,
}

impl NumberStyle {
    /// The style of a language (the primary subtag: `sr-Latn` → `sr`); English's for a
    /// language Spona does not speak.
    pub fn of(language: &str) -> NumberStyle {
        const NBSP: &str = "\u{a0}";
        let base = NumberStyle {
            group: ".",
            decimal: ",",
            minus: "-",
            min_grouping: 1,
            percent_gap: "",
        };
        match language {
            "sr" | "bs" | "cnr" | "sh" => base,
            "hr" => NumberStyle {
                minus: "\u{2212}",
                percent_gap: NBSP,
                ..base
            },
            "mk" => NumberStyle {
                percent_gap: NBSP,
                ..base
            },
            "uk" => NumberStyle {
                group: NBSP,
                ..base
            },
            "sq" => NumberStyle {
                group: NBSP,
                min_grouping: 2,
                ..base
            },
            _ => NumberStyle {
                group: ",",
                decimal: ".",
                ..base
            },
        }
    }

    /// The style of an interface locale.
    pub fn for_locale(locale: spona_domain::Locale) -> NumberStyle {
        let tag = crate::translate::plural_language(locale);
        NumberStyle::of(tag.split('-').next().unwrap_or(tag))
    }

    /// `value` with at least `min_frac` and at most `max_frac` fraction digits (rounded),
    /// grouped unless `grouping` is false.
    pub fn format(&self, value: f64, min_frac: usize, max_frac: usize, grouping: bool) -> String {
        if !value.is_finite() {
            return value.to_string();
        }
        let max_frac = max_frac.max(min_frac);
        let digits = format!("{:.*}", max_frac, value.abs());
        let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        let mut frac = frac.trim_end_matches('0');
        if frac.len() < min_frac {
            frac = &digits[int.len() + 1..int.len() + 1 + min_frac];
        }
        let mut out = String::with_capacity(digits.len() + 8);
        let zero = int.bytes().all(|b| b == b'0') && frac.bytes().all(|b| b == b'0');
        if value < 0.0 && !zero {
            out.push_str(self.minus);
        }
        if grouping && int.len() >= 3 + self.min_grouping {
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i).is_multiple_of(3) {
                    out.push_str(self.group);
                }
                out.push(c);
            }
        } else {
            out.push_str(int);
        }
        if !frac.is_empty() {
            out.push_str(self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A whole number, grouped.
    pub fn integer(&self, n: i64) -> String {
        self.format(n as f64, 0, 0, true)
    }

    /// A Fluent number with its options (fraction digits, grouping, percent style).
    pub fn fluent(&self, n: &FluentNumber) -> String {
        let o = &n.options;
        let percent = matches!(o.style, FluentNumberStyle::Percent);
        let value = if percent { n.value * 100.0 } else { n.value };
        let min = o.minimum_fraction_digits.unwrap_or(0);
        let max = o
            .maximum_fraction_digits
            .unwrap_or(if percent { 0 } else { 3 });
        let text = self.format(value, min, max, o.use_grouping);
        if percent {
            format!("{text}{}%", self.percent_gap)
        } else {
            text
        }
    }
}

impl Memoizable for NumberStyle {
    type Args = ();
    type Error = std::convert::Infallible;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        Ok(NumberStyle::of(lang.language.as_str()))
    }
}

/// The formatter of every bundle: numbers as the bundle's language writes them (the
/// bundle's language is [`crate::translate::plural_language`] of its locale).
pub fn fluent_formatter<M: MemoizerKind>(value: &FluentValue, intls: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => intls
            .with_try_get_threadsafe::<NumberStyle, _, _>((), |style| style.fluent(n))
            .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_cldr_per_language() {
        let nbsp = '\u{a0}';
        let cases: [(&str, [&str; 4]); 7] = [
            ("en", ["1,234.5", "1,000,000", "12,345", "-1,234"]),
            ("sr", ["1.234,5", "1.000.000", "12.345", "-1.234"]),
            ("bs", ["1.234,5", "1.000.000", "12.345", "-1.234"]),
            ("hr", ["1.234,5", "1.000.000", "12.345", "\u{2212}1.234"]),
            ("mk", ["1.234,5", "1.000.000", "12.345", "-1.234"]),
            ("uk", ["1 234,5", "1 000 000", "12 345", "-1 234"]),
            ("sq", ["1234,5", "1 000 000", "12 345", "-1234"]),
        ];
        for (lang, want) in cases {
            let s = NumberStyle::of(lang);
            let got = [1234.5, 1_000_000.0, 12345.0, -1234.0].map(|v| s.format(v, 0, 3, true));
            let want = want.map(|w| w.replace(' ', &nbsp.to_string()));
            assert_eq!(got, want, "{lang}");
        }
    }

    #[test]
    fn fractions_round_and_keep_their_minimum() {
        let en = NumberStyle::of("en");
        assert_eq!(en.format(1234.5678, 0, 3, true), "1,234.568");
        assert_eq!(en.format(0.0005, 0, 3, true), "0.001");
        assert_eq!(en.format(2.0, 2, 3, true), "2.00");
        assert_eq!(en.format(-0.0001, 0, 3, true), "0");
        assert_eq!(en.format(1234.0, 0, 3, false), "1234");
        assert_eq!(NumberStyle::of("sr").format(0.5, 0, 3, true), "0,5");
    }
}
