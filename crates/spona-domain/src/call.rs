//! Calls and opportunities: grants, residencies, fellowships, academic exchanges and calls
//! for partners, each with a deadline (a local date-time in an IANA time zone), eligibility
//! (countries, themes, know-how, kinds of organisation), an amount where it applies and a
//! link. The rules here need no database: the draft a form or the API sends is validated
//! into [`CallValues`], and [`fits`] says whether a call suits an organisation.

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::Invalid;
use crate::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES, Vocabulary};

/// What a call offers. Labels are `ckind-…` in the Fluent files.
pub const CALL_KINDS: Vocabulary = Vocabulary {
    label_prefix: "ckind",
    codes: &[
        "grant",
        "residency",
        "fellowship",
        "exchange",
        "partners",
        "other",
    ],
};

/// Kinds of organisation a call is open to. The directory does not record an organisation's
/// kind, so this is shown to readers and not used by [`fits`].
pub const ORG_KINDS: Vocabulary = Vocabulary {
    label_prefix: "okind",
    codes: &[
        "ngo",
        "grassroots",
        "media",
        "academic",
        "network",
        "public-body",
        "individual",
    ],
};

/// Currencies an amount may be given in (ISO 4217 codes) with their minor-unit digits.
/// The currencies of the region, of its usual funders, and the main reserve currencies.
pub const CURRENCIES: &[(&str, u32)] = &[
    ("ALL", 2),
    ("AUD", 2),
    ("BAM", 2),
    ("BGN", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HUF", 2),
    ("JPY", 0),
    ("MDL", 2),
    ("MKD", 2),
    ("NOK", 2),
    ("PLN", 2),
    ("RON", 2),
    ("RSD", 2),
    ("SEK", 2),
    ("TRY", 2),
    ("UAH", 2),
    ("USD", 2),
];

/// The minor-unit digits of a currency, if Spona knows it.
pub fn currency_digits(code: &str) -> Option<u32> {
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, digits)| *digits)
}

/// Where a call stands. Its deadline passing is read from the deadline, not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallStatus {
    /// Taking applications until the deadline.
    Open,
    /// Closed early by its poster (e.g. the budget is spent).
    Closed,
    /// Taken back: it will not happen.
    Withdrawn,
}

impl CallStatus {
    pub const ALL: [CallStatus; 3] = [CallStatus::Open, CallStatus::Closed, CallStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            CallStatus::Open => "open",
            CallStatus::Closed => "closed",
            CallStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        CallStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A call as a form or the API sends it, every field as text so that nothing typed is lost
/// when the form is shown again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallDraft {
    pub kind: String,
    /// An outside funder named as text; empty when the posting organisation offers it.
    pub funder: String,
    /// The language the title and description are written in (a [`TEXT_LANGUAGES`] code).
    pub written: String,
    pub title: String,
    pub description: String,
    /// The deadline as the funder states it: `YYYY-MM-DDTHH:MM` in `zone`.
    pub deadline: String,
    /// An IANA time zone name, e.g. `Europe/Belgrade`.
    pub zone: String,
    /// A decimal amount (`25000`, `1500.50`, `1 500,50`), or empty where none applies.
    pub amount: String,
    pub currency: String,
    pub link: String,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub knowhow: Vec<String>,
    pub org_kinds: Vec<String>,
    pub languages: Vec<String>,
}

/// A validated call: every code in its vocabulary, the deadline an instant in the future.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallValues {
    pub kind: String,
    pub funder: Option<String>,
    pub written: String,
    pub title: String,
    pub description: String,
    /// The deadline as Unix seconds (UTC).
    pub deadline_at: i64,
    /// The local date-time as entered, normalised to `YYYY-MM-DDTHH:MM`.
    pub deadline_local: String,
    pub zone: String,
    /// The amount in the currency's minor units (cents), with its currency.
    pub amount: Option<Amount>,
    pub link: Option<String>,
    pub terms: CallTerms,
}

/// An amount of money, exact: minor units of an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub minor: i64,
    pub currency: String,
}

impl Amount {
    /// `25000.00`-style decimal text with the currency's number of digits.
    pub fn decimal(&self) -> String {
        let digits = currency_digits(&self.currency).unwrap_or(2);
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(digits);
        format!(
            "{}.{:0width$}",
            self.minor / scale,
            self.minor % scale,
            width = digits as usize
        )
    }

    /// The amount with thousands grouped by a thin space, then the code: `25 000 EUR`
    /// (minor units shown only when there are some).
    pub fn display(&self) -> String {
        let digits = currency_digits(&self.currency).unwrap_or(2);
        let scale = 10_i64.pow(digits);
        let whole = (self.minor / scale).to_string();
        let mut grouped = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('\u{202f}');
            }
            grouped.push(ch);
        }
        let rest = self.minor % scale;
        if rest != 0 {
            grouped.push_str(&format!(",{:0width$}", rest, width = digits as usize));
        }
        format!("{grouped} {}", self.currency)
    }
}

/// Who a call is for. An empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallTerms {
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub knowhow: Vec<String>,
    pub org_kinds: Vec<String>,
    pub languages: Vec<String>,
}

/// What [`fits`] looks at in an organisation's profile.
#[derive(Debug, Clone, Copy)]
pub struct OrgFit<'a> {
    pub country: &'a str,
    pub themes: &'a [String],
    pub needs: &'a [String],
}

/// Whether a call suits an organisation: the organisation's country is among the call's
/// countries (or the call names none), and the call names no themes and no know-how, or
/// shares a theme with the organisation, or builds know-how the organisation says it needs.
/// Kinds of organisation are not compared: the directory does not record them.
pub fn fits(call: &CallTerms, org: OrgFit<'_>) -> bool {
    let country = call.countries.is_empty() || call.countries.iter().any(|c| c == org.country);
    let open_to_all = call.themes.is_empty() && call.knowhow.is_empty();
    let theme = call.themes.iter().any(|t| org.themes.contains(t));
    let need = call.knowhow.iter().any(|k| org.needs.contains(k));
    country && (open_to_all || theme || need)
}

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 5000;
const MAX_FUNDER: usize = 200;
const MAX_LINK: usize = 2000;
/// The largest amount in minor units (a trillion euros, in cents).
const MAX_MINOR: i64 = 100_000_000_000_000;
/// No call takes applications for more than ten years.
const MAX_AHEAD_SECONDS: i64 = 10 * 366 * 86_400;

/// The time zone of an IANA name, if it is one (`Europe/Kyiv`, `UTC`; no offsets like
/// `+02:00` and no POSIX rules).
pub fn zone(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.is_empty() || name.starts_with(['+', '-']) || name.len() > 64 {
        return None;
    }
    TimeZone::get(name).ok()
}

/// Why a local date-time in a zone is no single instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTimeError {
    /// Not a `YYYY-MM-DDTHH:MM` date-time.
    Malformed,
    /// The clocks skip it (spring forward).
    Skipped,
    /// The clocks show it twice (fall back).
    Twice,
}

/// The instant (Unix seconds) a local date-time names in `tz`, and the local text
/// normalised. A time the clocks skip or show twice on a change day is refused, never moved.
pub fn local_instant(local: &str, tz: &TimeZone) -> Result<(i64, String), LocalTimeError> {
    let dt: DateTime = local
        .trim()
        .parse()
        .map_err(|_| LocalTimeError::Malformed)?;
    let dt = dt
        .with()
        .second(0)
        .subsec_nanosecond(0)
        .build()
        .map_err(|_| LocalTimeError::Malformed)?;
    let ambiguous = tz.to_ambiguous_zoned(dt);
    match ambiguous.offset() {
        AmbiguousOffset::Gap { .. } => return Err(LocalTimeError::Skipped),
        AmbiguousOffset::Fold { .. } => return Err(LocalTimeError::Twice),
        AmbiguousOffset::Unambiguous { .. } => {}
    }
    let zoned = ambiguous
        .unambiguous()
        .map_err(|_| LocalTimeError::Malformed)?;
    Ok((
        zoned.timestamp().as_second(),
        dt.strftime("%Y-%m-%dT%H:%M").to_string(),
    ))
}

/// An instant shown as a local date-time in a zone: `(YYYY-MM-DD, HH:MM, abbreviation)`.
pub fn in_zone(unix: i64, tz: &TimeZone) -> Option<(String, String, String)> {
    let ts = jiff::Timestamp::from_second(unix).ok()?;
    let z = ts.to_zoned(tz.clone());
    Some((
        z.strftime("%Y-%m-%d").to_string(),
        z.strftime("%H:%M").to_string(),
        z.strftime("%Z").to_string(),
    ))
}

/// A decimal amount in minor units of a currency with `digits` decimals. Spaces (also
/// no-break and thin ones) group thousands; `.` or `,` separates the decimals.
pub fn parse_amount(text: &str, digits: u32) -> Result<i64, &'static str> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | '\''))
        .collect();
    if cleaned.starts_with('-') || cleaned.starts_with('\u{2212}') {
        return Err("err-call-amount-negative");
    }
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let (whole, fraction) = match cleaned.find(['.', ',']) {
        Some(i) => (&cleaned[..i], &cleaned[i + 1..]),
        None => (cleaned, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err("err-call-amount");
    }
    if fraction.len() > digits as usize {
        return Err("err-call-amount-digits");
    }
    let scale = 10_i64.pow(digits);
    let whole: i64 = whole.parse().map_err(|_| "err-call-amount")?;
    let mut minor_part: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| "err-call-amount")?
    };
    for _ in fraction.len()..digits as usize {
        minor_part *= 10;
    }
    let minor = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(minor_part))
        .filter(|m| *m <= MAX_MINOR)
        .ok_or("err-call-amount-large")?;
    if minor == 0 {
        return Err("err-call-amount-zero");
    }
    Ok(minor)
}

fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .replace("\r\n", "\n")
        .trim()
        .to_owned()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl CallDraft {
    /// Checks every field; `now` is the current Unix time (a deadline must be after it).
    /// Errors come in the form's order.
    pub fn validate(&self, now: i64) -> Result<CallValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        let kind = self.kind.trim();
        if !CALL_KINDS.contains(kind) {
            errors.push(Invalid::new("kind", "err-unknown-choice"));
        }
        let funder = one_line(&clean(&self.funder));
        if funder.chars().count() > MAX_FUNDER {
            errors.push(Invalid::new("funder", "err-call-funder-length"));
        }
        let written = self.written.trim();
        if !TEXT_LANGUAGES.contains(written) {
            errors.push(Invalid::new("written", "err-unknown-choice"));
        }
        let title = one_line(&clean(&self.title));
        if !(3..=MAX_TITLE).contains(&title.chars().count()) {
            errors.push(Invalid::new("title", "err-title-length"));
        }
        let description = clean(&self.description);
        if description.chars().count() > MAX_DESCRIPTION {
            errors.push(Invalid::new("description", "err-call-description-length"));
        }
        let mut deadline = None;
        match zone(&self.zone) {
            None => errors.push(Invalid::new("zone", "err-call-zone")),
            Some(tz) => match local_instant(&self.deadline, &tz) {
                Err(LocalTimeError::Malformed) => {
                    errors.push(Invalid::new("deadline", "err-call-deadline"))
                }
                Err(LocalTimeError::Skipped) => {
                    errors.push(Invalid::new("deadline", "err-call-deadline-skipped"))
                }
                Err(LocalTimeError::Twice) => {
                    errors.push(Invalid::new("deadline", "err-call-deadline-twice"))
                }
                Ok((at, _)) if at <= now => {
                    errors.push(Invalid::new("deadline", "err-call-deadline-past"))
                }
                Ok((at, _)) if at - now > MAX_AHEAD_SECONDS => {
                    errors.push(Invalid::new("deadline", "err-call-deadline-far"))
                }
                Ok(found) => deadline = Some(found),
            },
        }
        let amount_text = self.amount.trim();
        let currency = self.currency.trim().to_ascii_uppercase();
        let mut amount = None;
        match (amount_text.is_empty(), currency.is_empty()) {
            (true, true) => {}
            (true, false) => errors.push(Invalid::new("amount", "err-call-amount-missing")),
            (false, _) => match currency_digits(&currency) {
                None if currency.is_empty() => {
                    errors.push(Invalid::new("currency", "err-call-currency-missing"))
                }
                None => errors.push(Invalid::new("currency", "err-call-currency")),
                Some(digits) => match parse_amount(amount_text, digits) {
                    Ok(minor) => amount = Some(Amount { minor, currency }),
                    Err(key) => errors.push(Invalid::new("amount", key)),
                },
            },
        }
        let link = self.link.trim();
        let link = if link.is_empty() {
            None
        } else {
            match url::Url::parse(link) {
                Ok(u)
                    if matches!(u.scheme(), "http" | "https")
                        && u.host_str().is_some_and(|h| !h.is_empty())
                        && link.len() <= MAX_LINK =>
                {
                    Some(u.to_string())
                }
                _ => {
                    errors.push(Invalid::new("link", "err-call-link"));
                    None
                }
            }
        };
        let terms = CallTerms {
            countries: COUNTRIES.pick(&self.countries, "countries", &mut errors),
            themes: THEMES.pick(&self.themes, "themes", &mut errors),
            knowhow: KNOWHOW.pick(&self.knowhow, "knowhow", &mut errors),
            org_kinds: ORG_KINDS.pick(&self.org_kinds, "org_kinds", &mut errors),
            languages: LANGUAGES.pick(&self.languages, "languages", &mut errors),
        };
        match deadline {
            Some((deadline_at, deadline_local)) if errors.is_empty() => Ok(CallValues {
                kind: kind.to_owned(),
                funder: (!funder.is_empty()).then_some(funder),
                written: written.to_owned(),
                title,
                description,
                deadline_at,
                deadline_local,
                zone: self.zone.trim().to_owned(),
                amount,
                link,
                terms,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
