//! The referrals API's bodies: what it answers and what it reads, with their codes as
//! `enum`s (so that a client — and Schemathesis — knows them).

use serde::{Deserialize, Serialize};
use spona_app::referrals::{ConsentWords, ListItem, NoteView, ReferralView, Side};
use utoipa::{IntoParams, ToSchema};

/// Which way a referral went, seen from the reader's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The reader's organisation referred the person.
    Sent,
    /// The reader's organisation was asked to help.
    Received,
}

impl Direction {
    pub fn of(side: Side) -> Direction {
        match side {
            Side::From => Direction::Sent,
            Side::To => Direction::Received,
        }
    }
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReferralStatus {
    Sent,
    MoreInfo,
    Accepted,
    Declined,
    Closed,
    Withdrawn,
}

impl ReferralStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::MoreInfo => "more-info",
            ReferralStatus::Accepted => "accepted",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Closed => "closed",
            ReferralStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn of(s: &str) -> ReferralStatus {
        [
            ReferralStatus::Sent,
            ReferralStatus::MoreInfo,
            ReferralStatus::Accepted,
            ReferralStatus::Declined,
            ReferralStatus::Closed,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
        .unwrap_or(ReferralStatus::Withdrawn)
    }
}

/// The receiving side's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerCode {
    Accept,
    MoreInfo,
    Decline,
}

/// An outcome the receiving side records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeCode {
    ServiceProvided,
    PartlyProvided,
    NotReached,
    PersonDeclined,
    Other,
}

impl OutcomeCode {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeCode::ServiceProvided => "service-provided",
            OutcomeCode::PartlyProvided => "partly-provided",
            OutcomeCode::NotReached => "not-reached",
            OutcomeCode::PersonDeclined => "person-declined",
            OutcomeCode::Other => "other",
        }
    }
}

/// How the person's consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentHow {
    Verbal,
    Signed,
}

/// The list's filters.
#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only the referrals the reader's organisations sent, or only those they received.
    pub direction: Option<Direction>,
    /// Only referrals in this state.
    pub status: Option<ReferralStatus>,
    /// Only urgent (`true`) or only routine (`false`) referrals.
    pub urgent: Option<bool>,
}

/// An organisation, by the short name of its directory address and its name. (Named apart
/// from the directory's `OrgJson` in the document: one name, one schema.)
#[derive(Serialize, ToSchema)]
#[schema(as = ReferralOrgJson)]
pub struct OrgJson {
    pub slug: String,
    pub name: String,
}

/// One referral in the list: nothing of the person.
#[derive(Serialize, ToSchema)]
pub struct SummaryJson {
    pub id: String,
    pub direction: Direction,
    pub from: OrgJson,
    pub to: OrgJson,
    pub service_kind: String,
    pub status: ReferralStatus,
    pub urgent: bool,
    /// Sent without the person's consent (by a case worker with the permission).
    pub consent_overridden: bool,
    pub created_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ListJson {
    pub items: Vec<SummaryJson>,
}

/// One of the person's fields (only those the service asks for).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FieldJson {
    /// `first-name`, `age-band`, `gender`, `language`, `nationality`, `urgency`, `needs`
    /// or `contact-channel`.
    pub field: String,
    pub value: String,
}

/// The person's consent as recorded (apart from the vault's `ConsentJson`).
#[derive(Serialize, ToSchema)]
#[schema(as = ReferralConsentJson)]
pub struct ConsentJson {
    /// `verbal`, `signed`, or `override` (sent without consent).
    pub how: String,
    /// The last day it is valid (end of that day, Unix seconds).
    pub until: Option<i64>,
    pub share: Vec<String>,
    pub purpose: String,
    pub witness: String,
    pub channel: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteJson {
    pub id: String,
    /// Who wrote it: the referring (`sent`) or the receiving (`received`) side.
    pub by: Direction,
    /// `accept`, `more-info`, `decline`, `note`, `outcome` or `reply`.
    pub kind: String,
    /// Reported back to the referring side.
    pub shared: bool,
    /// Empty on the receiving side once consent is withdrawn.
    pub body: String,
    pub withdrawn: bool,
    pub created_at: i64,
}

/// The referral's chain of custody, checked (apart from the vault's `CustodyJson`).
#[derive(Serialize, ToSchema)]
#[schema(as = ReferralCustodyJson)]
pub struct CustodyJson {
    pub entries: usize,
    /// Every hash and link, and the head signed with the server's key.
    pub intact: bool,
}

/// A referral as its reader may see it (reading it is a custody entry).
#[derive(Serialize, ToSchema)]
pub struct ReferralJson {
    pub id: String,
    pub direction: Direction,
    pub from: OrgJson,
    pub to: OrgJson,
    pub service_id: String,
    pub service_kind: String,
    pub status: ReferralStatus,
    pub urgent: bool,
    pub consent_overridden: bool,
    /// Why it went without consent (both sides see it).
    pub override_reason: Option<String>,
    /// None on the receiving side once consent is withdrawn.
    pub consent: Option<ConsentJson>,
    /// Empty on the receiving side once consent is withdrawn.
    pub person: Vec<FieldJson>,
    pub reason: String,
    pub outcome: Option<String>,
    pub withdrawn: bool,
    pub created_at: i64,
    pub notes: Vec<NoteJson>,
    pub custody: CustodyJson,
}

/// What a change answers: the referral's id and where it stands now.
#[derive(Serialize, ToSchema)]
pub struct StateJson {
    pub id: String,
    pub status: ReferralStatus,
}

/// A field that was refused, and why.
#[derive(Serialize, ToSchema)]
pub struct FieldErrorJson {
    pub field: String,
    pub error: String,
    pub message: String,
}

/// Input refused (422): nothing was stored.
#[derive(Serialize, ToSchema)]
pub struct InvalidJson {
    pub error: String,
    pub message: String,
    /// Each field at fault; absent when the body could not be read at all.
    #[schema(required = false)]
    pub fields: Vec<FieldErrorJson>,
}

/// The person's consent, as the case worker recorded it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// The fields the person agreed to share (each one sent must be here).
    pub share: Vec<String>,
    pub purpose: String,
    /// The last day it is valid, `YYYY-MM-DD`.
    pub until: String,
    pub how: ConsentHow,
    /// Who witnessed verbal consent.
    #[serde(default)]
    pub witness: String,
    /// How the person may be contacted: `phone`, `sms`, `email`, `in-person` or
    /// `through-worker`.
    pub channel: String,
}

/// A new referral. Only the fields the service asks for; consent, or a reason to go
/// without it (case workers with that permission only).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReferral {
    /// The service's id (published, of another organisation, taking referrals).
    pub service: String,
    /// The referring organisation's slug; may be left out by a worker of one organisation.
    #[serde(default)]
    pub from: Option<String>,
    /// The person's fields (at least one; only those the service asks for).
    #[serde(default)]
    pub person: Vec<FieldJson>,
    pub reason: String,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub consent: Option<ConsentInput>,
    #[serde(default)]
    pub override_reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub answer: AnswerCode,
    /// Required to ask for more information or to decline; always reported back.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// The note: at least one character that is not a space, at most 4,000.
    #[schema(min_length = 1, max_length = 4000, pattern = "\\S")]
    pub body: String,
    /// The receiving side's choice to report it back (the referring side's notes are
    /// always seen by both).
    #[serde(default)]
    pub shared: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    pub outcome: OutcomeCode,
    #[serde(default)]
    pub note: String,
    /// Report the note back (the outcome's code always is).
    #[serde(default)]
    pub shared: bool,
}

pub fn summary(i: ListItem, org: &dyn Fn(&str) -> OrgJson) -> SummaryJson {
    SummaryJson {
        direction: Direction::of(i.side),
        from: org(&i.from_org),
        to: org(&i.to_org),
        service_kind: i.service_kind,
        status: ReferralStatus::of(i.status),
        urgent: i.urgent,
        consent_overridden: i.consent_overridden,
        created_at: i.created_at,
        id: i.id,
    }
}

fn note(n: NoteView) -> NoteJson {
    NoteJson {
        id: n.id,
        by: Direction::of(n.side),
        kind: n.kind,
        shared: n.shared,
        body: n.body,
        withdrawn: n.withdrawn,
        created_at: n.created_at,
    }
}

pub fn referral(
    r: ReferralView,
    org: &dyn Fn(&str) -> OrgJson,
    custody: CustodyJson,
) -> ReferralJson {
    let consent = r.consent.map(|c: ConsentWords| ConsentJson {
        how: r.consent_how.clone(),
        until: r.consent_until,
        share: c.share,
        purpose: c.purpose,
        witness: c.witness,
        channel: c.channel,
    });
    ReferralJson {
        direction: Direction::of(r.side),
        from: org(&r.from_org),
        to: org(&r.to_org),
        service_id: r.service_id,
        service_kind: r.service_kind,
        status: ReferralStatus::of(r.status),
        urgent: r.urgent,
        consent_overridden: r.consent_overridden,
        override_reason: r.override_reason,
        consent,
        person: r
            .person
            .into_iter()
            .map(|(field, value)| FieldJson { field, value })
            .collect(),
        reason: r.reason,
        outcome: r.outcome,
        withdrawn: r.withdrawn,
        created_at: r.created_at,
        notes: r.notes.into_iter().map(note).collect(),
        custody,
        id: r.id,
    }
}
