//! Services end to end (issue 19): the HSDS 3.0 API serves only published services, every
//! response validates against the official compiled schemas (`check-jsonschema`,
//! `tests/hsds/requirements.txt`), out-of-range parameters are refused with 400 and a
//! message, and the tabular data package passes `frictionless validate`.

use std::path::Path;

use serde_json::Value;
use spona_domain::ids::OrgId;
use spona_domain::service::{
    LocationDraft, OpeningDraft, ServiceDraft, ServiceStatus, ServiceText,
};

use crate::harness::*;

const SCHEMAS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/hsds/schema/compiled"
);

async fn org_id(app: &TestApp, slug: &str) -> OrgId {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
}

/// A shelter with everything a service can hold.
pub fn full_draft(name: &str) -> ServiceDraft {
    ServiceDraft {
        kind: "shelter".into(),
        texts: vec![
            ServiceText {
                lang: "en".into(),
                name: name.into(),
                description: "Safe accommodation for women and children leaving violence.".into(),
                eligibility: "Women over 18 and their children.".into(),
            },
            ServiceText {
                lang: "sr-Cyrl".into(),
                name: "Сигурна кућа".into(),
                description: "Безбедан смештај за жене и децу.".into(),
                eligibility: String::new(),
            },
        ],
        access: "referral".into(),
        genders: vec!["female".into()],
        age_bands: vec!["18-24".into(), "25-39".into()],
        statuses: vec!["refugee".into(), "citizen".into()],
        languages: vec!["sr".into(), "sq".into(), "en".into()],
        area_countries: vec!["RS".into()],
        area_municipalities: "XK: Mitrovica".into(),
        locations: vec![LocationDraft {
            name: "Office".into(),
            address: "Ulica 1".into(),
            city: "Novi Sad".into(),
            country: "RS".into(),
        }],
        hours: vec![OpeningDraft {
            day: "MO".into(),
            opens: "09:00".into(),
            closes: "17:00".into(),
        }],
        email: "shelter@atina.example.org".into(),
        phone: "+381 11 000 000".into(),
        url: "https://atina.example.org/shelter".into(),
        free: true,
        cost: String::new(),
        capacity_total: "12".into(),
        referral_fields: vec!["first-name".into(), "age-band".into(), "urgency".into()],
    }
}

/// Validates `value` against `schema` (a file of `tests/hsds/schema/compiled/`).
fn validate(dir: &Path, name: &str, value: &Value, schema: &str) {
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, serde_json::to_vec(value).expect("json")).expect("write");
    let out = std::process::Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(format!("{SCHEMAS}/{schema}"))
        .arg(&file)
        .output()
        .expect("check-jsonschema (tests/hsds/requirements.txt)");
    assert!(
        out.status.success(),
        "{name} against {schema}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn items(v: &Value) -> Vec<Value> {
    v["contents"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_hsds_api_serves_published_services_in_the_official_shapes() {
    let app = TestApp::start().await;
    let atina = org_id(&app, "atina").await;
    let astra = org_id(&app, "astra").await;
    let published = spona_app::services::seed(
        &app.db,
        &atina,
        &full_draft("Safe house Novi Sad"),
        ServiceStatus::Published,
        Some(4),
    )
    .await
    .expect("seed");
    let draft = spona_app::services::seed(
        &app.db,
        &astra,
        &ServiceDraft::simple("hotline", "en", "Draft hotline", ""),
        ServiceStatus::Draft,
        None,
    )
    .await
    .expect("seed");
    let closed = spona_app::services::seed(
        &app.db,
        &astra,
        &ServiceDraft::simple("legal-counselling", "en", "Closed legal aid", ""),
        ServiceStatus::Closed,
        None,
    )
    .await
    .expect("seed");
    let c = app.client_in_process();
    let dir = tempfile::tempdir().expect("tempdir");

    // The list: only the published service, in the `service_list` shape.
    let r = c.get("/api/hsds/services").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = r.json();
    assert_eq!(list["total_items"], 1, "{list}");
    assert_eq!(list["first_page"], true);
    let contents = items(&list);
    assert_eq!(contents[0]["id"], published.as_str());
    assert!(!r.body.contains(draft.as_str()) && !r.body.contains(closed.as_str()));
    for (i, item) in contents.iter().enumerate() {
        validate(
            dir.path(),
            &format!("service_list_{i}"),
            item,
            "service_list.json",
        );
    }

    // One service, fully nested, in the `service` shape; a draft or closed one is 404.
    let r = c.get(&format!("/api/hsds/services/{published}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = r.json();
    validate(dir.path(), "service", &s, "service.json");
    assert_eq!(s["schedules"][0]["byday"], "MO");
    assert_eq!(s["schedules"][0]["freq"], "WEEKLY");
    assert_eq!(s["minimum_age"], 18);
    assert_eq!(s["maximum_age"], 39);
    assert_eq!(s["attributes"][0]["taxonomy_term"]["code"], "shelter");
    assert_eq!(s["contacts"], Value::Array(Vec::new()), "never a person");
    for id in [&draft, &closed] {
        let r = c.get(&format!("/api/hsds/services/{id}")).await;
        assert_eq!(r.status, 404, "{}", r.body);
    }

    // Search across scripts: a Latin query finds the Cyrillic name; filters narrow.
    let found = c.get("/api/hsds/services?search=sigurna").await.json();
    assert_eq!(found["total_items"], 1, "{found}");
    let none = c.get("/api/hsds/services?search=nepostojeca").await.json();
    assert_eq!(none["total_items"], 0);
    let term = c
        .get("/api/hsds/taxonomy_terms?search=shelter")
        .await
        .json();
    for (i, t) in items(&term).iter().enumerate() {
        validate(dir.path(), &format!("term_{i}"), t, "../taxonomy_term.json");
    }
    let term_id = term["contents"][0]["id"].as_str().expect("term").to_owned();
    let by_term = c
        .get(&format!("/api/hsds/services?taxonomy_term_id={term_id}"))
        .await
        .json();
    assert_eq!(by_term["total_items"], 1);
    let by_org = c
        .get(&format!("/api/hsds/services?organization_id={astra}"))
        .await
        .json();
    assert_eq!(by_org["total_items"], 0, "ASTRA publishes nothing");
    let later = c
        .get("/api/hsds/services?modified_after=2999-01-01")
        .await
        .json();
    assert_eq!(later["total_items"], 0);
    let paged = c.get("/api/hsds/services?page=2&per_page=1").await.json();
    assert_eq!(paged["empty"], true);
    assert_eq!(paged["last_page"], true);

    // Out-of-range parameters: 400 with a message.
    for q in [
        "page=0",
        "page=-3",
        "per_page=0",
        "per_page=101",
        "per_page=ten",
        "modified_after=yesterday",
    ] {
        for path in [
            "services",
            "organizations",
            "service_at_locations",
            "taxonomy_terms",
        ] {
            let r = c.get(&format!("/api/hsds/{path}?{q}")).await;
            assert_eq!(r.status, 400, "{path}?{q}: {}", r.body);
            assert!(
                r.json()["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{}",
                r.body
            );
        }
    }

    // Organisations: only those that publish, in the official shapes.
    let orgs = c.get("/api/hsds/organizations").await.json();
    assert_eq!(orgs["total_items"], 1, "{orgs}");
    for (i, o) in items(&orgs).iter().enumerate() {
        validate(
            dir.path(),
            &format!("org_list_{i}"),
            o,
            "organization_list.json",
        );
    }
    let o = c.get(&format!("/api/hsds/organizations/{atina}")).await;
    assert_eq!(o.status, 200, "{}", o.body);
    validate(dir.path(), "organization", &o.json(), "organization.json");
    let r = c.get(&format!("/api/hsds/organizations/{astra}")).await;
    assert_eq!(
        r.status, 404,
        "an organisation publishing nothing is not listed"
    );

    // Service at locations.
    let sals = c.get("/api/hsds/service_at_locations").await.json();
    assert_eq!(sals["total_items"], 1, "{sals}");
    for (i, x) in items(&sals).iter().enumerate() {
        validate(
            dir.path(),
            &format!("sal_list_{i}"),
            x,
            "service_at_location_list.json",
        );
    }
    let sal_id = sals["contents"][0]["id"].as_str().expect("id").to_owned();
    let one = c
        .get(&format!("/api/hsds/service_at_locations/{sal_id}"))
        .await;
    assert_eq!(one.status, 200, "{}", one.body);
    validate(dir.path(), "sal", &one.json(), "service_at_location.json");

    // Taxonomies.
    let tax = c.get("/api/hsds/taxonomies").await.json();
    assert_eq!(tax["total_items"], 1);
    let tid = tax["contents"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(
        c.get(&format!("/api/hsds/taxonomies/{tid}")).await.status,
        200
    );
    assert_eq!(
        c.get(&format!("/api/hsds/taxonomy_terms/{term_id}"))
            .await
            .status,
        200
    );
    assert_eq!(c.get("/api/hsds/taxonomy_terms/nope").await.status, 404);
    assert_eq!(c.get("/api/hsds/").await.json()["version"], "3.0");

    // No person's data anywhere: the creator, the members, their e-mails.
    for body in [&list, &s, &orgs] {
        let text = body.to_string();
        for email in [ATINA_ADMIN, ASTRA_ADMIN, ASTRA_MEMBER, ADMIN] {
            assert!(!text.contains(email), "{email} in {text}");
        }
    }
}

#[tokio::test]
async fn the_tabular_data_package_passes_frictionless() {
    let app = TestApp::start().await;
    let atina = org_id(&app, "atina").await;
    for i in 0..3 {
        spona_app::services::seed(
            &app.db,
            &atina,
            &full_draft(&format!("Shelter, \"quoted\" {i}")),
            ServiceStatus::Published,
            None,
        )
        .await
        .expect("seed");
    }
    let c = app.client_in_process();
    let dir = tempfile::tempdir().expect("tempdir");
    let pkg = c.get("/api/hsds/datapackage.json").await;
    assert_eq!(pkg.status, 200);
    std::fs::write(dir.path().join("datapackage.json"), &pkg.body).expect("write");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    let json = pkg.json();
    let resources = json["resources"].as_array().expect("resources");
    for r in resources {
        let path = r["path"].as_str().expect("path");
        let (status, body, headers) = c.bytes(&format!("/api/hsds/{path}")).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap_or_default()
                .starts_with("text/csv")
        );
        std::fs::write(dir.path().join(path), body).expect("write csv");
    }
    let services = std::fs::read_to_string(dir.path().join("data/services.csv")).expect("csv");
    assert_eq!(services.lines().count(), 4, "{services}");
    let out = std::process::Command::new("frictionless")
        .arg("validate")
        .arg("datapackage.json")
        .current_dir(dir.path())
        .output()
        .expect("frictionless (tests/hsds/requirements.txt)");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(c.get("/api/hsds/data/secrets.csv").await.status, 404);
}
