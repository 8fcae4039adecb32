//! Who may do what: platform roles and organisation roles.

use serde::{Deserialize, Serialize};

/// A user's role on the whole platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformRole {
    /// Runs the platform: creates organisations and networks, reads the audit log.
    Admin,
    /// Everyone else; what they may do comes from their organisation memberships.
    User,
}

impl PlatformRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformRole::Admin => "admin",
            PlatformRole::User => "user",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(PlatformRole::Admin),
            "user" => Some(PlatformRole::User),
            _ => None,
        }
    }
}

/// A user's role within one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Sees members-only details and takes part in the organisation's work.
    Member,
    /// Also edits the organisation's profile and invites or removes its people.
    Admin,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Admin => "admin",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(OrgRole::Admin),
            "member" => Some(OrgRole::Member),
            _ => None,
        }
    }
}

/// Whether an organisation's contact details are shown to everyone or to signed-in members only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContactVisibility {
    Public,
    #[default]
    Members,
}

impl ContactVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactVisibility::Public => "public",
            ContactVisibility::Members => "members",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(ContactVisibility::Public),
            "members" => Some(ContactVisibility::Members),
            _ => None,
        }
    }
}

/// A role compares with its stored text (`role == "admin"`), as typed ids compare with
/// strings: tests and templates read naturally, and a misspelt text simply never matches.
macro_rules! eq_text {
    ($($ty:ty),*) => {$(
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    )*};
}

eq_text!(PlatformRole, OrgRole);
