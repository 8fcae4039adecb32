//! The columns of each data set: one [`Table`] per set, each column with its Frictionless
//! type, its description and the getter of its cell. Adding a column is adding a line here.

use std::sync::LazyLock;

use serde_json::{Map, Value};
use spona_domain::monitoring::TermKind;
use spona_domain::vocab::TEXT_LANGUAGES;
use spona_store::exports as store;
use spona_store::exports_more as more;
use spona_store::monitoring::recommendations::Recommendation;

use super::sets::utc;
use super::table::{Table, everyone, field, opt, seen};
use super::viewer::Viewer;
use crate::directory::contacts::sees_contacts_kept;

const CONTACT: &str = "Empty unless the reader may see contacts.";

/// A contact detail of an organisation, as the directory would show it to the reader.
fn contact(
    name: &'static str,
    get: fn(&spona_store::orgs::Org) -> &Option<String>,
) -> super::table::Field<store::OrgRecord> {
    seen(name, "string", CONTACT, move |r: &store::OrgRecord, v| {
        if sees_contacts_kept(&v.actor, r.org.contact_visibility) {
            opt(get(&r.org))
        } else {
            String::new()
        }
    })
}

#[rustfmt::skip]
pub static ORGANISATIONS: LazyLock<Table<store::OrgRecord>> = LazyLock::new(|| {
    let mut fields = vec![
        field("id", "string", "The organisation's id (UUIDv7).", |r: &store::OrgRecord| r.org.id.to_string()),
        field("slug", "string", "Its address in the directory: /orgs/<slug>.", |r: &store::OrgRecord| r.org.slug.clone()),
        field("name", "string", "Its name.", |r: &store::OrgRecord| r.org.name.clone()),
        field("country", "string", "ISO 3166-1 alpha-2 code (XK: Kosovo).", |r: &store::OrgRecord| r.org.country.clone()),
        field("city", "string", "", |r: &store::OrgRecord| r.org.city.clone()),
        contact("website", |o| &o.website),
        contact("email", |o| &o.email),
        contact("phone", |o| &o.phone),
        field("themes", "string", "Theme codes, `;`-separated.", |r: &store::OrgRecord| r.org.themes.join(";")),
        field("offers", "string", "Know-how offered, codes, `;`-separated.", |r: &store::OrgRecord| r.org.offers.join(";")),
        field("needs", "string", "Know-how needed, codes, `;`-separated.", |r: &store::OrgRecord| r.org.needs.join(";")),
        field("languages", "string", "Working languages, `;`-separated.", |r: &store::OrgRecord| r.org.languages.join(";")),
        field("networks", "string", "Network slugs, `;`-separated.", |r: &store::OrgRecord| r.networks.join(";")),
    ];
    for lang in TEXT_LANGUAGES.codes {
        let text = move |r: &store::OrgRecord| r.org.texts.iter().find(|t| t.lang == *lang).cloned();
        fields.push(field(format!("name_{lang}"), "string", "Its name in this language.", move |r: &store::OrgRecord| {
            text(r).and_then(|t| t.name).unwrap_or_default()
        }));
        fields.push(field(format!("description_{lang}"), "string", "Its description in this language.", move |r: &store::OrgRecord| {
            text(r).and_then(|t| t.description).unwrap_or_default()
        }));
    }
    fields.push(field("created_at", "datetime", "UTC.", |r: &store::OrgRecord| utc(r.org.created_at)));
    fields.push(field("updated_at", "datetime", "UTC.", |r: &store::OrgRecord| utc(r.org.updated_at)));
    Table { fields, primary_key: &["id"], foreign_keys: &[], key: |r| r.org.id.to_string(), keep: everyone }
});

#[rustfmt::skip]
pub static NETWORKS: LazyLock<Table<store::NetworkRecord>> = LazyLock::new(|| Table {
    fields: vec![
        field("id", "string", "The network's id (UUIDv7).", |n: &store::NetworkRecord| n.id.clone()),
        field("slug", "string", "Its address: /networks/<slug>.", |n: &store::NetworkRecord| n.slug.clone()),
        field("name", "string", "", |n: &store::NetworkRecord| n.name.clone()),
        field("coordinator", "string", "The coordinating organisation's slug.", |n: &store::NetworkRecord| n.coordinator_slug.clone()),
        field("members", "string", "Member organisations' slugs, `;`-separated.", |n: &store::NetworkRecord| n.members.clone()),
        field("member_count", "integer", "", |n: &store::NetworkRecord| n.member_count.to_string()),
        field("created_at", "datetime", "UTC.", |n: &store::NetworkRecord| utc(n.created_at)),
        field("updated_at", "datetime", "UTC.", |n: &store::NetworkRecord| utc(n.updated_at)),
    ],
    primary_key: &["id"],
    foreign_keys: &[],
    key: |n| n.id.clone(),
    keep: everyone,
});

#[rustfmt::skip]
pub static KNOW_HOW: LazyLock<Table<store::KnowHowRecord>> = LazyLock::new(|| Table {
    fields: vec![
        field("org_id", "string", "The organisation's id.", |k: &store::KnowHowRecord| k.org_id.clone()),
        field("org_slug", "string", "The organisation's slug.", |k: &store::KnowHowRecord| k.org_slug.clone()),
        field("kind", "string", "`offer` or `need`.", |k: &store::KnowHowRecord| k.kind.clone()),
        field("code", "string", "The know-how code.", |k: &store::KnowHowRecord| k.code.clone()),
    ],
    primary_key: &["org_id", "kind", "code"],
    foreign_keys: &[("org_id", "organisations", "id")],
    key: |k| format!("{}|{}|{}", k.org_id, k.kind, k.code),
    keep: everyone,
});

#[rustfmt::skip]
pub static EVENTS: LazyLock<Table<store::EventRecord>> = LazyLock::new(|| Table {
    fields: vec![
        field("id", "string", "The event's id.", |e: &store::EventRecord| e.id.clone()),
        field("kind", "string", "", |e: &store::EventRecord| e.kind.clone()),
        field("title", "string", "", |e: &store::EventRecord| e.title.clone()),
        field("summary", "string", "", |e: &store::EventRecord| e.summary.clone()),
        field("languages", "string", "", |e: &store::EventRecord| e.languages.clone()),
        field("interpretation", "string", "", |e: &store::EventRecord| e.interpretation.clone()),
        field("attendance", "string", "`online`, `in-person` or `hybrid`.", |e: &store::EventRecord| e.attendance.clone()),
        field("place", "string", "", |e: &store::EventRecord| opt(&e.place)),
        field("address", "string", "", |e: &store::EventRecord| opt(&e.address)),
        field("zone", "string", "IANA time zone of the local times.", |e: &store::EventRecord| e.zone.clone()),
        field("starts_local", "string", "Local start, YYYY-MM-DDTHH:MM.", |e: &store::EventRecord| e.starts_local.clone()),
        field("ends_local", "string", "Local end, YYYY-MM-DDTHH:MM.", |e: &store::EventRecord| e.ends_local.clone()),
        field("rrule", "string", "RFC 5545 recurrence rule, if it repeats.", |e: &store::EventRecord| opt(&e.rrule)),
        field("capacity", "integer", "Seats; empty: no limit.", |e: &store::EventRecord| e.capacity.map(|c| c.to_string()).unwrap_or_default()),
        field("cancelled", "string", "`yes` or `no`.", |e: &store::EventRecord| if e.cancelled != 0 { "yes" } else { "no" }.to_owned()),
        field("organisers", "string", "Organiser slugs, `;`-separated.", |e: &store::EventRecord| e.organisers.clone()),
        field("network", "string", "The network's slug.", |e: &store::EventRecord| e.network.clone()),
        field("group_id", "string", "The group's id, for a group's event.", |e: &store::EventRecord| opt(&e.group_id)),
        field("created_at", "datetime", "UTC.", |e: &store::EventRecord| utc(e.created_at)),
        field("updated_at", "datetime", "UTC.", |e: &store::EventRecord| utc(e.updated_at)),
    ],
    primary_key: &["id"],
    foreign_keys: &[],
    key: |e| e.id.clone(),
    keep: everyone,
});

/// The resource hub's metadata: the store gives every variant to a signed-in reader, the
/// hub's rule keeps those they may read.
#[rustfmt::skip]
pub static RESOURCES: LazyLock<Table<more::HubRecord>> = LazyLock::new(|| Table {
    fields: vec![
        field("id", "string", "The resource's id.", |r: &more::HubRecord| r.id.clone()),
        field("lang", "string", "The variant's language, e.g. en, sr-Latn, sr-Cyrl, uk.", |r: &more::HubRecord| {
            if r.script.is_empty() { r.lang.clone() } else { format!("{}-{}", r.lang, r.script) }
        }),
        field("kind", "string", "", |r: &more::HubRecord| r.kind.clone()),
        field("owner", "string", "The owning organisation's slug.", |r: &more::HubRecord| r.owner.clone()),
        field("visibility", "string", "`public`; for signed-in readers also `members` or `networks`.", |r: &more::HubRecord| r.visibility.clone()),
        field("themes", "string", "Theme codes, `;`-separated.", |r: &more::HubRecord| r.themes.replace(',', ";")),
        field("countries", "string", "Country codes, `;`-separated.", |r: &more::HubRecord| r.countries.replace(',', ";")),
        field("title", "string", "", |r: &more::HubRecord| r.title.clone()),
        field("summary", "string", "", |r: &more::HubRecord| r.summary.clone()),
        field("version", "integer", "The variant's version.", |r: &more::HubRecord| r.version.to_string()),
        field("created_at", "datetime", "UTC.", |r: &more::HubRecord| utc(r.created_at)),
        field("updated_at", "datetime", "UTC.", |r: &more::HubRecord| utc(r.updated_at)),
    ],
    primary_key: &["id", "lang"],
    foreign_keys: &[],
    key: |r| format!("{}|{}", r.id, r.lang),
    keep: |r, v: &Viewer| v.reads_resource(&r.visibility, &r.owner_id, &r.networks),
});

fn terms(r: &Recommendation, kind: TermKind) -> String {
    let codes: Vec<&str> = r
        .terms
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, c)| c.as_str())
        .collect();
    codes.join(";")
}

/// Recommendations (public texts), as the monitoring list's CSV has them.
#[rustfmt::skip]
pub static RECOMMENDATIONS: LazyLock<Table<Recommendation>> = LazyLock::new(|| Table {
    fields: vec![
        field("id", "string", "The recommendation's id.", |r: &Recommendation| r.id.to_string()),
        field("mechanism", "string", "The mechanism's code (e.g. upr).", |r: &Recommendation| r.mechanism.as_str().to_owned()),
        field("body", "string", "The body or committee.", |r: &Recommendation| opt(&r.body)),
        field("cycle", "string", "The cycle or session.", |r: &Recommendation| r.cycle.clone()),
        field("symbol", "string", "The document symbol.", |r: &Recommendation| r.symbol.clone()),
        field("paragraph", "string", "The paragraph number.", |r: &Recommendation| r.paragraph.clone()),
        field("country", "string", "The state addressed, ISO 3166-1 alpha-2.", |r: &Recommendation| r.country.clone()),
        field("published_on", "string", "ISO date.", |r: &Recommendation| opt(&r.published_on)),
        field("response", "string", "The state's response.", |r: &Recommendation| r.response.map(|x| x.as_str().to_owned()).unwrap_or_default()),
        field("text_lang", "string", "The original text's language.", |r: &Recommendation| r.text_lang.clone()),
        field("text", "string", "The original text.", |r: &Recommendation| {
            r.texts.iter().find(|(l, _)| *l == r.text_lang).or_else(|| r.texts.first()).map(|(_, t)| t.clone()).unwrap_or_default()
        }),
        field("recommending_states", "string", "`;`-separated.", |r: &Recommendation| r.states.join(";")),
        field("themes", "string", "Theme codes, `;`-separated.", |r: &Recommendation| terms(r, TermKind::Theme)),
        field("groups", "string", "Affected groups, `;`-separated.", |r: &Recommendation| terms(r, TermKind::Group)),
        field("sdgs", "string", "SDG targets, `;`-separated.", |r: &Recommendation| terms(r, TermKind::Sdg)),
        field("created_at", "datetime", "UTC.", |r: &Recommendation| utc(r.created_at)),
        field("updated_at", "datetime", "UTC.", |r: &Recommendation| utc(r.updated_at)),
    ],
    primary_key: &["id"],
    foreign_keys: &[],
    key: |r| r.id.to_string(),
    keep: everyone,
});

/// The civil society organisations' assessments, current and superseded, as the public
/// assessments page shows them (without the person who entered them).
#[rustfmt::skip]
pub static ASSESSMENTS: LazyLock<Table<more::AssessmentRecord>> = LazyLock::new(|| Table {
    fields: vec![
        field("id", "string", "The assessment's id.", |a: &more::AssessmentRecord| a.id.clone()),
        field("recommendation_id", "string", "The recommendation assessed.", |a: &more::AssessmentRecord| a.recommendation_id.clone()),
        field("mechanism", "string", "", |a: &more::AssessmentRecord| a.mechanism.clone()),
        field("symbol", "string", "", |a: &more::AssessmentRecord| a.symbol.clone()),
        field("paragraph", "string", "", |a: &more::AssessmentRecord| a.paragraph.clone()),
        field("org_id", "string", "The assessing organisation's id.", |a: &more::AssessmentRecord| a.org_id.clone()),
        field("org_slug", "string", "", |a: &more::AssessmentRecord| a.org_slug.clone()),
        field("org_name", "string", "", |a: &more::AssessmentRecord| a.org_name.clone()),
        field("status", "string", "`not-started`, `partially`, `implemented` or `regressed`.", |a: &more::AssessmentRecord| a.status.clone()),
        field("assessed_on", "date", "The date the assessment speaks for.", |a: &more::AssessmentRecord| a.assessed_on.clone()),
        field("comment", "string", "", |a: &more::AssessmentRecord| a.comment.clone()),
        field("comment_lang", "string", "", |a: &more::AssessmentRecord| opt(&a.comment_lang)),
        field("evidence", "string", "`kind:target`, `;`-separated.", |a: &more::AssessmentRecord| a.evidence.clone()),
        field("signature", "string", "`ed25519:<public key>:<signature>` over the signed text.", |a: &more::AssessmentRecord| opt(&a.signature)),
        field("current", "string", "`yes`, or `no` once superseded.", |a: &more::AssessmentRecord| if a.superseded_at.is_none() { "yes" } else { "no" }.to_owned()),
        field("created_at", "datetime", "UTC.", |a: &more::AssessmentRecord| utc(a.created_at)),
        field("superseded_at", "datetime", "UTC; empty while current.", |a: &more::AssessmentRecord| a.superseded_at.map(utc).unwrap_or_default()),
    ],
    primary_key: &["id"],
    foreign_keys: &[("recommendation_id", "recommendations", "id"), ("org_id", "organisations", "id")],
    key: |a| a.id.clone(),
    keep: everyone,
});

/// The official HSDS 3.0 data package (CC BY-SA 4.0, Open Referral), vendored.
const HSDS_PACKAGE: &str = include_str!("../../../../tests/hsds/datapackage.json");

/// The fields of HSDS's `service` table: (name, Frictionless type, description).
fn hsds_service_fields() -> Vec<(String, &'static str, &'static str)> {
    let package: Value = serde_json::from_str(HSDS_PACKAGE).unwrap_or(Value::Null);
    let fields = package["resources"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == "service"))
        .and_then(|r| r.pointer("/schema/fields"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    fields
        .iter()
        .filter_map(|f| {
            let name = f["name"].as_str()?.to_owned();
            let kind = match f["type"].as_str()? {
                "number" => "number",
                "integer" => "integer",
                "date" => "date",
                "datetime" => "datetime",
                "boolean" => "boolean",
                _ => "string",
            };
            // Read once per process (a `LazyLock`): the description lives as long.
            let description: &'static str = Box::leak(
                f["description"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
                    .into_boxed_str(),
            );
            Some((name, kind, description))
        })
        .collect()
}

/// The services catalogue in HSDS's tabular form: the `service` table, one row per
/// published service, exactly as `/api/hsds/data/services.csv` writes it.
#[rustfmt::skip]
pub static SERVICES: LazyLock<Table<Map<String, Value>>> = LazyLock::new(|| Table {
    fields: hsds_service_fields()
        .into_iter()
        .map(|(name, kind, description)| {
            let key = name.clone();
            field(name, kind, description, move |m: &Map<String, Value>| match m.get(&key) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            })
        })
        .collect(),
    primary_key: &["id"],
    foreign_keys: &[("organization_id", "organisations", "id")],
    key: |m| m.get("id").and_then(Value::as_str).unwrap_or_default().to_owned(),
    keep: everyone,
});
