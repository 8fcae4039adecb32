//! Services an organisation offers to people (issue 19): shelters, legal aid, psychosocial
//! support, hotlines … Each is described in one or more content languages, has a kind from
//! [`SERVICE_KINDS`], an eligibility (gender, age band, nationality/status, referral needed
//! or walk-in), languages, locations and an area served, regular weekly hours (stored in
//! HSDS 3.0's `schedule` shape: one `WEEKLY` row per day and opening), a contact, a cost, a
//! capacity with the date it was last updated, and the fields a referral to it must carry
//! ([`ReferralField`], never more). The rules here need no database: a form's or the API's
//! [`ServiceDraft`] is validated into [`ServiceValues`].

use crate::vocab::Vocabulary;

mod hours;
mod validate;
pub use hours::*;
pub use validate::*;

/// What a service does. Labels are `skind-…` in the Fluent files. The first nine are the
/// BRIDGE project's service types (seed `002`); the codes are also the HSDS taxonomy terms
/// Spona publishes (taxonomy `spona-service-kinds`).
pub const SERVICE_KINDS: Vocabulary = Vocabulary {
    label_prefix: "skind",
    codes: &[
        "reporting",
        "legal-status",
        "safe-accommodation",
        "medical-care",
        "psychosocial-support",
        "legal-counselling",
        "vocational-training",
        "family-mediation",
        "reintegration",
        "hotline",
        "shelter",
        "interpretation",
        "outreach",
        "other",
    ],
};

/// Genders a service is for (an empty list: anyone). Labels `sgender-…`.
pub const GENDERS: Vocabulary = Vocabulary {
    label_prefix: "sgender",
    codes: &["female", "male", "non-binary"],
};

/// Nationality or residence status a service is for (an empty list: anyone). Labels
/// `nstatus-…`.
pub const NATIONALITY_STATUSES: Vocabulary = Vocabulary {
    label_prefix: "nstatus",
    codes: &[
        "citizen",
        "foreign-national",
        "asylum-seeker",
        "refugee",
        "stateless",
        "displaced",
    ],
};

/// The age bands Spona counts people in (GBVIMS-style), used both for a service's
/// eligibility and for the age a referral gives (never a birth date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeBand {
    /// 0–11
    Child,
    /// 12–17
    Adolescent,
    /// 18–24
    YoungAdult,
    /// 25–39
    Adult,
    /// 40–59
    MiddleAge,
    /// 60 and over
    Older,
}

impl AgeBand {
    pub const ALL: [AgeBand; 6] = [
        AgeBand::Child,
        AgeBand::Adolescent,
        AgeBand::YoungAdult,
        AgeBand::Adult,
        AgeBand::MiddleAge,
        AgeBand::Older,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Child => "0-11",
            AgeBand::Adolescent => "12-17",
            AgeBand::YoungAdult => "18-24",
            AgeBand::Adult => "25-39",
            AgeBand::MiddleAge => "40-59",
            AgeBand::Older => "60-plus",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        AgeBand::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The youngest age in the band.
    pub fn min_age(self) -> u32 {
        match self {
            AgeBand::Child => 0,
            AgeBand::Adolescent => 12,
            AgeBand::YoungAdult => 18,
            AgeBand::Adult => 25,
            AgeBand::MiddleAge => 40,
            AgeBand::Older => 60,
        }
    }

    /// The oldest age in the band (none for the last).
    pub fn max_age(self) -> Option<u32> {
        match self {
            AgeBand::Child => Some(11),
            AgeBand::Adolescent => Some(17),
            AgeBand::YoungAdult => Some(24),
            AgeBand::Adult => Some(39),
            AgeBand::MiddleAge => Some(59),
            AgeBand::Older => None,
        }
    }

    /// A minor (under 18)?
    pub fn is_minor(self) -> bool {
        self < AgeBand::YoungAdult
    }

    /// The Fluent id of its label: `ageband-0-11`, …
    pub fn label_key(self) -> String {
        format!("ageband-{}", self.as_str())
    }
}

/// Where a service stands. Only a published service is in the catalogue, the HSDS API and
/// open to referrals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceStatus {
    /// Being written by its organisation; seen only by its admins.
    Draft,
    /// In the catalogue and the HSDS API; takes referrals (unless full).
    Published,
    /// No longer offered; its organisation still sees it, nobody else does.
    Closed,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 3] = [
        ServiceStatus::Draft,
        ServiceStatus::Published,
        ServiceStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Draft => "draft",
            ServiceStatus::Published => "published",
            ServiceStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ServiceStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// HSDS 3.0's `service.status`: `active` or `inactive`.
    pub fn hsds(self) -> &'static str {
        match self {
            ServiceStatus::Published => "active",
            _ => "inactive",
        }
    }
}

/// How a person reaches a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only through a referral by another service.
    Referral,
    /// A person may come (or call) without one.
    WalkIn,
    /// Either.
    Both,
}

impl Access {
    pub const ALL: [Access; 3] = [Access::Referral, Access::WalkIn, Access::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Access::Referral => "referral",
            Access::WalkIn => "walk-in",
            Access::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Access::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The Fluent id of its label: `saccess-referral`, …
    pub fn label_key(self) -> String {
        format!("saccess-{}", self.as_str())
    }
}

/// A piece of a person's data that a service may ask a referral to carry. A service chooses
/// the ones it needs; a referral carries those and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReferralField {
    /// A first name or a pseudonym (never a surname).
    FirstName,
    /// An [`AgeBand`] (never a birth date).
    AgeBand,
    /// A [`GENDERS`] code.
    Gender,
    /// The language(s) the person speaks ([`LANGUAGES`](crate::vocab::LANGUAGES) codes).
    Language,
    /// Nationality or residence status ([`NATIONALITY_STATUSES`] codes).
    Nationality,
    /// How urgent: the referral lane's vocabulary.
    Urgency,
    /// The person's needs, in words.
    Needs,
    /// How the person wants to be contacted (and whether it is safe to).
    ContactChannel,
}

impl ReferralField {
    pub const ALL: [ReferralField; 8] = [
        ReferralField::FirstName,
        ReferralField::AgeBand,
        ReferralField::Gender,
        ReferralField::Language,
        ReferralField::Nationality,
        ReferralField::Urgency,
        ReferralField::Needs,
        ReferralField::ContactChannel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralField::FirstName => "first-name",
            ReferralField::AgeBand => "age-band",
            ReferralField::Gender => "gender",
            ReferralField::Language => "language",
            ReferralField::Nationality => "nationality",
            ReferralField::Urgency => "urgency",
            ReferralField::Needs => "needs",
            ReferralField::ContactChannel => "contact-channel",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ReferralField::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The Fluent id of its label: `rfield-first-name`, …
    pub fn label_key(self) -> String {
        format!("rfield-{}", self.as_str())
    }
}

/// A service's name, description and eligibility note in one content language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceText {
    /// A [`TEXT_LANGUAGES`](crate::vocab::TEXT_LANGUAGES) code.
    pub lang: String,
    pub name: String,
    pub description: String,
    /// Who may come, in words, beyond the coded eligibility (may be empty).
    pub eligibility: String,
}

/// A place the service is given at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocationDraft {
    pub name: String,
    pub address: String,
    pub city: String,
    /// A [`COUNTRIES`](crate::vocab::COUNTRIES) code.
    pub country: String,
}

/// A part of the area served: a country, and a municipality in it or none (the whole
/// country).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Area {
    pub country: String,
    pub municipality: Option<String>,
}

/// A service as a form or the API sends it, every field as text so that nothing typed is
/// lost when the form is shown again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceDraft {
    pub kind: String,
    /// One entry per content language written; blank entries are skipped.
    pub texts: Vec<ServiceText>,
    /// `referral`, `walk-in` or `both`.
    pub access: String,
    pub genders: Vec<String>,
    pub age_bands: Vec<String>,
    pub statuses: Vec<String>,
    pub languages: Vec<String>,
    /// Country codes served as a whole.
    pub area_countries: Vec<String>,
    /// Municipalities served, one per line as `XK: Mitrovica` or `RS Novi Sad`; a line
    /// without a known country code takes the first location's country.
    pub area_municipalities: String,
    pub locations: Vec<LocationDraft>,
    pub hours: Vec<OpeningDraft>,
    pub email: String,
    pub phone: String,
    pub url: String,
    /// `yes` when the service costs nothing.
    pub free: bool,
    /// What it costs, in words, when it is not free (or conditions).
    pub cost: String,
    /// Places in all (empty: not counted).
    pub capacity_total: String,
    pub referral_fields: Vec<String>,
}

/// A service's capacity: places in all and free, with when the free count was last given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capacity {
    pub total: Option<i64>,
    pub free: Option<i64>,
    /// Unix seconds when the provider last gave `free`.
    pub updated_at: Option<i64>,
}

impl Capacity {
    /// Full: it counts places and none is free.
    pub fn is_full(&self) -> bool {
        self.free == Some(0)
    }
}

/// A validated service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceValues {
    pub kind: String,
    /// At least one; sorted by language code.
    pub texts: Vec<ServiceText>,
    pub access: Option<Access>,
    pub genders: Vec<String>,
    pub age_bands: Vec<AgeBand>,
    pub statuses: Vec<String>,
    pub languages: Vec<String>,
    pub areas: Vec<Area>,
    pub locations: Vec<LocationDraft>,
    pub hours: Vec<Opening>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub free: bool,
    pub cost: Option<String>,
    pub capacity_total: Option<i64>,
    pub referral_fields: Vec<ReferralField>,
}

impl ServiceValues {
    /// Its access, `both` when not given.
    pub fn access(&self) -> Access {
        self.access.unwrap_or(Access::Both)
    }
}

#[cfg(test)]
mod tests;
