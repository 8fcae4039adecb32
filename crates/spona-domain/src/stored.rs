//! Reading stored values back into the domain's types. The store's rows hold enums and ids
//! as text; `#[sqlx(try_from = "String")]` on a row's field turns that text into the type
//! through `TryFrom<String>`, so that a value the domain does not know is an error when the
//! row is read, never a silent default.

/// A stored text that names no value of the type it should hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stored value {value:?} is not a valid {what}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

/// Implements `TryFrom<String>` (through the type's `parse`) and `Display` (its `as_str`).
macro_rules! stored_enum {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl TryFrom<String> for $ty {
            type Error = $crate::stored::UnknownValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                <$ty>::parse(&value).ok_or($crate::stored::UnknownValue { what: $what, value })
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

stored_enum! {
    crate::role::PlatformRole => "platform role",
    crate::role::OrgRole => "organisation role",
    crate::role::ContactVisibility => "contact visibility",
    crate::matching::Programme => "matching programme",
    crate::matching::MentorshipRole => "mentorship role",
    crate::vault::CaseRole => "case role",
    crate::resource::Visibility => "resource visibility",
    crate::matching::RoundStatus => "round status",
    crate::matching::Side => "round side",
    crate::matching::Answer => "proposal answer",
    crate::matching::ConstraintKind => "pair constraint",
    crate::call::CallStatus => "call status",
    crate::resource::ContentLang => "content language",
    crate::service::ServiceStatus => "service status",
    crate::service::Access => "service access",
    crate::service::AgeBand => "age band",
    crate::service::ReferralField => "referral field",
    crate::service::Weekday => "weekday",
    crate::monitoring::Mechanism => "mechanism",
    crate::monitoring::Response => "response",
    crate::monitoring::Status => "implementation status",
    crate::monitoring::TermKind => "term kind",
    crate::monitoring::MeasureStatus => "measure status",
    crate::monitoring::EvidenceKind => "evidence kind",
}

/// Typed ids: UUIDv7 text, kept apart by type so that an organisation's id is never passed
/// where a user's is expected. Each reads as `&str` (`Deref`), compares with strings, and
/// is read from a row with `#[sqlx(try_from = "String")]`.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    )*};
}

pub mod ids {
    ids! {
        /// A person's account.
        UserId,
        /// An organisation.
        OrgId,
        /// A network of organisations.
        NetworkId,
        /// A matching round.
        RoundId,
        /// One participant (organisation or person) of a round.
        ParticipantId,
        /// A proposed pair of a round.
        ProposalId,
        /// A pair both sides accepted.
        PairId,
        /// A resource of the hub.
        ResourceId,
        /// A vault case.
        CaseId,
        /// An item (file or testimony) of a vault case.
        ItemId,
        /// A call or opportunity (grant, residency, …).
        CallId,
        /// A service an organisation offers (shelter, legal aid, hotline, …).
        ServiceId,
        /// A recommendation of a human-rights mechanism or a plan (monitoring).
        RecommendationId,
        /// A measure implementing recommendations.
        MeasureId,
        /// An indicator of a measure.
        IndicatorId,
        /// The state's or an organisation's assessment of a recommendation.
        AssessmentId,
    }
}

#[cfg(test)]
mod tests {
    use super::ids::OrgId;
    use crate::role::OrgRole;

    #[test]
    fn a_stored_enum_reads_back_or_fails() {
        assert_eq!(OrgRole::try_from("admin".to_owned()), Ok(OrgRole::Admin));
        let e = OrgRole::try_from("owner".to_owned()).expect_err("owner is no role");
        assert_eq!(
            e.to_string(),
            "stored value \"owner\" is not a valid organisation role"
        );
        assert_eq!(OrgRole::Admin.to_string(), "admin");
    }

    #[test]
    fn an_id_reads_as_a_string_and_is_its_own_type() {
        let id = OrgId::from("0190abc");
        assert_eq!(id, "0190abc");
        assert_eq!(&*id, "0190abc");
        assert_eq!(
            serde_json::to_string(&id).ok().as_deref(),
            Some("\"0190abc\"")
        );
    }
}
