//! Endorsement campaigns by people (issue 22 item 3): who may endorse, what an endorsement
//! holds, and the **canonical form of an e-mail address** under which the same address
//! counts once.
//!
//! **Canonical addresses.** Lower case, surrounding spaces removed, `googlemail.com` read as
//! `gmail.com`. For the providers that deliver `name+anything@` to `name@`
//! ([`TAG_PROVIDERS`]) the `+tag` is removed; for Gmail ([`DOT_PROVIDERS`]) the dots of the
//! local part too (Gmail ignores them). Other providers may treat `+` and dots as part of
//! the name, so their addresses keep them (two different mailboxes must not count as one).
//!
//! **Disposable addresses** ([`DISPOSABLE_DOMAINS`], and any subdomain of them) are refused:
//! a small embedded list of the best-known throw-away services, not a complete one; the
//! coordinators' review (by domain) catches the rest.

use crate::Invalid;

#[cfg(test)]
mod tests;

/// How long an unconfirmed endorsement is kept before it is forgotten: 7 days.
pub const UNCONFIRMED_SECONDS: i64 = 7 * 24 * 3600;

/// The countries an endorser chooses from (codes with `country-XX` labels): the region
/// first, then the European and other countries whose organisations supported the
/// Balkans declaration.
pub const COUNTRIES: [&str; 20] = [
    "AL", "BA", "HR", "XK", "ME", "MK", "RS", "SI", "UA", "MD", "BG", "RO", "HU", "PL", "AT", "DE",
    "NL", "FR", "GB", "US",
];

/// Providers that ignore a `+tag` in the local part (`name+x@` reaches `name@`).
pub const TAG_PROVIDERS: [&str; 15] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "protonmail.ch",
    "proton.me",
    "pm.me",
    "fastmail.com",
    "fastmail.fm",
];

/// Providers that also ignore dots in the local part.
pub const DOT_PROVIDERS: [&str; 2] = ["gmail.com", "googlemail.com"];

/// Throw-away address services refused outright (and their subdomains).
pub const DISPOSABLE_DOMAINS: [&str; 30] = [
    "mailinator.com",
    "guerrillamail.com",
    "guerrillamail.net",
    "guerrillamail.org",
    "guerrillamailblock.com",
    "sharklasers.com",
    "grr.la",
    "10minutemail.com",
    "10minutemail.net",
    "temp-mail.org",
    "tempmail.com",
    "tempmail.net",
    "yopmail.com",
    "yopmail.fr",
    "yopmail.net",
    "trashmail.com",
    "trashmail.de",
    "getnada.com",
    "dispostable.com",
    "maildrop.cc",
    "throwawaymail.com",
    "fakeinbox.com",
    "mailnesia.com",
    "mohmal.com",
    "emailondeck.com",
    "tempr.email",
    "discard.email",
    "mytemp.email",
    "burnermail.io",
    "mailcatch.com",
];

/// An address in its canonical form, and its domain (what the review shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub address: String,
    pub domain: String,
}

/// Why an address is refused: a message id naming the problem.
pub const ERR_EMAIL: &str = "en-err-email";
pub const ERR_DISPOSABLE: &str = "en-err-disposable";

fn atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c)
}

fn valid_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && d.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            tld.len() >= 2
                && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
        })
}

/// Whether `domain` (lower case) is a disposable service or a subdomain of one.
pub fn is_disposable(domain: &str) -> bool {
    DISPOSABLE_DOMAINS
        .iter()
        .any(|d| domain == *d || domain.strip_suffix(*d).is_some_and(|p| p.ends_with('.')))
}

/// The canonical form of `raw`, or the message id of why it is refused ([`ERR_EMAIL`]:
/// not an address; [`ERR_DISPOSABLE`]: a throw-away service).
pub fn canonical_address(raw: &str) -> Result<Canonical, &'static str> {
    let s = raw.trim().to_lowercase();
    let Some((local, domain)) = s.rsplit_once('@') else {
        return Err(ERR_EMAIL);
    };
    if s.len() > 254
        || local.is_empty()
        || local.len() > 64
        || !local.chars().all(atext)
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || !valid_domain(domain)
    {
        return Err(ERR_EMAIL);
    }
    if is_disposable(domain) {
        return Err(ERR_DISPOSABLE);
    }
    let domain = if domain == "googlemail.com" {
        "gmail.com"
    } else {
        domain
    };
    let mut local = if TAG_PROVIDERS.contains(&domain) {
        local.split('+').next().unwrap_or_default().to_owned()
    } else {
        local.to_owned()
    };
    if DOT_PROVIDERS.contains(&domain) {
        local.retain(|c| c != '.');
    }
    if local.is_empty() {
        return Err(ERR_EMAIL);
    }
    Ok(Canonical {
        address: format!("{local}@{domain}"),
        domain: domain.to_owned(),
    })
}

/// What a person fills in to endorse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndorsementDraft {
    pub name: String,
    pub country: String,
    pub organisation: String,
    pub email: String,
}

/// A checked endorsement: trimmed fields and the canonical address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub name: String,
    pub country: String,
    pub organisation: Option<String>,
    /// The address as given (trimmed): where the confirmation goes.
    pub email: String,
    pub canonical: Canonical,
}

impl EndorsementDraft {
    /// Checks every field; each broken rule names its field.
    pub fn check(&self) -> Result<Checked, Vec<Invalid>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(Invalid::new("name", "en-err-name"));
        } else if name.chars().count() > 120 || name.chars().any(char::is_control) {
            problems.push(Invalid::new("name", "en-err-name-long"));
        }
        if !COUNTRIES.contains(&self.country.as_str()) {
            problems.push(Invalid::new("country", "en-err-country"));
        }
        let organisation = self.organisation.trim();
        if organisation.chars().count() > 200 || organisation.chars().any(char::is_control) {
            problems.push(Invalid::new("organisation", "en-err-organisation"));
        }
        let canonical = match canonical_address(&self.email) {
            Ok(c) => Some(c),
            Err(key) => {
                problems.push(Invalid::new("email", key));
                None
            }
        };
        match canonical {
            Some(canonical) if problems.is_empty() => Ok(Checked {
                name: name.to_owned(),
                country: self.country.clone(),
                organisation: (!organisation.is_empty()).then(|| organisation.to_owned()),
                email: self.email.trim().to_owned(),
                canonical,
            }),
            _ => Err(problems),
        }
    }
}

/// A campaign's text in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variant {
    /// A locale tag: `en`, `sr-Latn`, `sr-Cyrl`, `uk`.
    pub lang: String,
    pub title: String,
    pub statement: String,
}

/// What a coordinator fills in to open a campaign.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignDraft {
    /// `org:<slug>` or `network:<slug>`.
    pub owner: String,
    pub variants: Vec<Variant>,
    /// `YYYY-MM-DD` (UTC day): endorsements accepted from its start.
    pub opens_on: String,
    /// `YYYY-MM-DD`, optional: the last day endorsements are accepted.
    pub closes_on: String,
}

/// The start of a `YYYY-MM-DD` day in UTC, as Unix seconds.
pub fn day_start(s: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// A `YYYY-MM-DDTHH:MM` (an HTML `datetime-local` value, read as UTC) as Unix seconds.
pub fn minute_utc(s: &str) -> Option<i64> {
    let s = s.trim();
    let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Some(t.and_utc().timestamp())
}

/// A checked campaign: the variants with text, and the open/close instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCampaign {
    pub variants: Vec<Variant>,
    pub opens_at: i64,
    /// The end of the closing day (exclusive), if any.
    pub closes_at: Option<i64>,
}

impl CampaignDraft {
    pub fn check(&self) -> Result<CheckedCampaign, Vec<Invalid>> {
        let mut problems = Vec::new();
        let variants: Vec<Variant> = self
            .variants
            .iter()
            .filter(|v| !v.title.trim().is_empty() || !v.statement.trim().is_empty())
            .map(|v| Variant {
                lang: v.lang.clone(),
                title: v.title.trim().to_owned(),
                statement: v.statement.trim().to_owned(),
            })
            .collect();
        if variants.is_empty() {
            problems.push(Invalid::new("title", "en-err-no-variant"));
        }
        for v in &variants {
            if crate::Locale::from_tag(&v.lang).is_none() {
                problems.push(Invalid::new("title", "en-err-no-variant"));
            }
            if v.title.is_empty() || v.title.chars().count() > 200 {
                problems.push(Invalid::new("title", "en-err-title"));
            }
            if v.statement.is_empty() || v.statement.chars().count() > 4000 {
                problems.push(Invalid::new("statement", "en-err-statement"));
            }
        }
        let opens_at = day_start(&self.opens_on);
        if opens_at.is_none() {
            problems.push(Invalid::new("opens_on", "en-err-date"));
        }
        let closes_at = if self.closes_on.trim().is_empty() {
            None
        } else {
            match day_start(&self.closes_on) {
                Some(c) if opens_at.is_none_or(|o| c >= o) => Some(c + 24 * 3600),
                Some(_) => {
                    problems.push(Invalid::new("closes_on", "en-err-closes-before"));
                    None
                }
                None => {
                    problems.push(Invalid::new("closes_on", "en-err-date"));
                    None
                }
            }
        };
        problems.dedup();
        match opens_at {
            Some(opens_at) if problems.is_empty() => Ok(CheckedCampaign {
                variants,
                opens_at,
                closes_at,
            }),
            _ => Err(problems),
        }
    }
}

/// Whether a campaign accepts endorsements at `now`.
pub fn is_open(opens_at: i64, closes_at: Option<i64>, now: i64) -> bool {
    now >= opens_at && closes_at.is_none_or(|c| now < c)
}
