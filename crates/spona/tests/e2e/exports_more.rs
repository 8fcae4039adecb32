//! Open data, the sets added in lane exp24, on SQLite and PostgreSQL: recommendations, CSO
//! assessments and services (HSDS's `service` table) read back by Python's `csv`, openpyxl
//! and odfpy with the database's row counts and validated by `frictionless`; members'
//! exports — the resource hub's members-only and network resources by the hub's rule,
//! contact details by the directory's — and nothing of either for an outsider; the export
//! page's row counts and estimated sizes.

use std::collections::BTreeSet;

use serde_json::Value;
use spona_domain::monitoring::{EvidenceKind, Status};
use spona_domain::service::{ServiceDraft, ServiceStatus};
use spona_store::monitoring::assessments::{self, Evidence, NewAssessment};

use crate::exports::{SERIAL, column, count, org, read, rows};
use crate::harness::*;
use crate::monitoring_impl::{insert, upr};

async fn org_id(app: &TestApp, slug: &str) -> String {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

async fn assess(app: &TestApp, rec: &str, org: Option<&str>, status: Status, comment: &str) {
    let mut tx = app.db.begin().await.expect("begin");
    let id = spona_store::new_id();
    assessments::insert_in(
        &mut tx,
        &NewAssessment {
            id: &id,
            recommendation_id: rec,
            org_id: org,
            status,
            assessed_on: "2025-03-01",
            comment,
            comment_lang: Some("en"),
            author_id: None,
            signature: "",
            created_at: spona_store::now(),
            evidence: &[Evidence {
                assessment_id: String::new(),
                kind: EvidenceKind::Link,
                target: "https://example.org/report".into(),
                label: "Report".into(),
            }],
        },
    )
    .await
    .expect("assess");
    tx.commit().await.expect("commit");
}

/// Three recommendations; ASTRA's assessment of the first superseded by a second, Atina's of
/// the second, and the state's of the first (not a CSO's: not in the export).
async fn monitoring_rows(app: &TestApp) {
    let a = insert(app, &upr("3", "6.1", "anti-trafficking")).await;
    let b = insert(app, &upr("3", "6.2", "legal-aid")).await;
    insert(app, &upr("2", "=SUM(1)", "youth")).await;
    let astra = org_id(app, "astra").await;
    let atina = org_id(app, "atina").await;
    assess(app, &a, Some(&astra), Status::NotStarted, "Nothing yet.").await;
    assess(
        app,
        &a,
        Some(&astra),
        Status::Partially,
        "Shelters, \"some\"",
    )
    .await;
    assess(app, &b, Some(&atina), Status::Implemented, "Done.").await;
    assess(app, &a, None, Status::Implemented, "The state says so.").await;
}

/// Three published services of Atina and one draft (not public: not in the export).
async fn service_rows(app: &TestApp) {
    let atina = spona_store::orgs::get_by_slug(&app.db, "atina")
        .await
        .expect("org")
        .id;
    for (i, (lang, name)) in [
        ("sr-Cyrl", "Сигурна кућа за жене"),
        ("en", "Hotline, day and night"),
        ("sr-Latn", "Pravna pomoć"),
        ("en", "Draft service"),
    ]
    .into_iter()
    .enumerate()
    {
        let draft = ServiceDraft::simple("shelter", lang, name, "Counselling and accompaniment.");
        let status = if i == 3 {
            ServiceStatus::Draft
        } else {
            ServiceStatus::Published
        };
        spona_app::services::seed(&app.db, &atina, &draft, status, None)
            .await
            .expect("service");
    }
}

async fn get(c: &Client, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
    c.bytes(path).await
}

/// `rows` with the CSV's formula neutralisation taken off.
fn plain(v: &Value) -> Vec<Vec<String>> {
    rows(v)
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| c.strip_prefix('\'').map(str::to_owned).unwrap_or(c))
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitoring_and_services_sets_read_back_whole_in_three_formats() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    monitoring_rows(&app).await;
    service_rows(&app).await;
    let anon = app.client();
    for (set, sql) in [
        ("recommendations", "SELECT COUNT(*) FROM recommendations"),
        (
            "assessments",
            "SELECT COUNT(*) FROM assessments WHERE org_id IS NOT NULL",
        ),
        (
            "services",
            "SELECT COUNT(*) FROM services WHERE status = 'published'",
        ),
    ] {
        let want = count(&app, sql).await;
        assert!(want >= 3, "{set}: {want}");
        let (status, bytes, headers) = get(&anon, &format!("/en/api/v1/exports/{set}.csv")).await;
        assert_eq!(status, 200, "{set}");
        assert!(headers.get("content-length").is_none(), "{set}");
        assert_eq!(
            headers["spona-export-rows"],
            want.to_string().as_str(),
            "{set}"
        );
        let csv = read("csv", &bytes);
        assert_eq!(csv["count"], want, "{set}.csv");
        for ext in ["xlsx", "ods"] {
            let (status, bytes, _) = get(&anon, &format!("/en/api/v1/exports/{set}.{ext}")).await;
            assert_eq!(status, 200, "{set}.{ext}");
            let other = read(ext, &bytes);
            assert_eq!(other["header"], csv["header"], "{set}.{ext}");
            assert_eq!(other["count"], want, "{set}.{ext}");
            assert_eq!(rows(&other), plain(&csv), "{set}.{ext}");
        }
    }

    // Recommendations: a formula-like paragraph is neutralised in CSV.
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/recommendations.csv").await;
    let recs = read("csv", &bytes);
    let paragraph = column(&recs, "paragraph");
    assert!(rows(&recs).iter().any(|r| r[paragraph] == "'=SUM(1)"));

    // Assessments: the CSOs' only, current and superseded, and nobody's name.
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/assessments.csv").await;
    let a = read("csv", &bytes);
    let header: Vec<&str> = a["header"]
        .as_array()
        .expect("header")
        .iter()
        .map(|h| h.as_str().expect("name"))
        .collect();
    assert!(header.iter().all(|h| !h.contains("author")), "{header:?}");
    let all = rows(&a);
    let slugs: BTreeSet<&str> = all
        .iter()
        .map(|r| r[column(&a, "org_slug")].as_str())
        .collect();
    assert_eq!(slugs, BTreeSet::from(["astra", "atina"]));
    let current = column(&a, "current");
    let astra: Vec<&Vec<String>> = all
        .iter()
        .filter(|r| r[column(&a, "org_slug")] == "astra")
        .collect();
    assert_eq!(astra.len(), 2);
    assert_eq!(astra.iter().filter(|r| r[current] == "yes").count(), 1);
    let comment = column(&a, "comment");
    assert!(all.iter().any(|r| r[comment] == "Shelters, \"some\""));
    assert!(
        all.iter()
            .all(|r| r[column(&a, "evidence")] == "link:https://example.org/report")
    );
    assert!(all.iter().all(|r| r[comment] != "The state says so."));

    // Services: HSDS's `service` table, the same rows as the HSDS package's services.csv.
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/services.csv").await;
    let ours = read("csv", &bytes);
    let (status, bytes, _) = get(&anon, "/api/hsds/data/services.csv").await;
    assert_eq!(status, 200);
    let hsds = read("csv", &bytes);
    assert_eq!(ours["header"], hsds["header"]);
    assert_eq!(plain(&ours), rows(&hsds));
    let names: BTreeSet<String> = rows(&ours)
        .iter()
        .map(|r| r[column(&ours, "name")].clone())
        .collect();
    assert!(names.contains("Сигурна кућа за жене"), "{names:?}");
    assert!(!names.contains("Draft service"), "{names:?}");

    // The data package describes the new sets, and frictionless finds every file valid.
    let url = format!("{}/api/v1/exports/datapackage.json", app.base);
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("frictionless")
            .args(["validate", "--json", &url])
            .output()
    })
    .await
    .expect("join")
    .expect("frictionless (tests/exports/requirements.txt)");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "frictionless: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(report["valid"], true, "{report:#}");
    let tasks = report["tasks"].as_array().expect("tasks");
    for set in ["recommendations", "assessments", "services"] {
        let task = tasks
            .iter()
            .find(|t| t["name"] == set || t["resource"]["name"] == set)
            .unwrap_or_else(|| panic!("no task for {set}: {report:#}"));
        assert_eq!(task["valid"], true, "{set}");
        assert!(
            task["stats"]["rows"].as_i64().unwrap_or(0) >= 3,
            "{set}: {task:#}"
        );
    }
}

/// The hub's rows a reader gets: (title, visibility), and the header's count.
async fn hub_rows(c: &Client) -> (BTreeSet<(String, String)>, i64, String) {
    let (status, bytes, headers) = get(c, "/en/api/v1/exports/resources.csv").await;
    assert_eq!(status, 200);
    let v = read("csv", &bytes);
    let (title, visibility) = (column(&v, "title"), column(&v, "visibility"));
    let set = rows(&v)
        .into_iter()
        .map(|r| (r[title].clone(), r[visibility].clone()))
        .collect();
    let expected = headers["spona-export-rows"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("number");
    assert_eq!(v["count"], expected, "the header's count is the file's");
    let email = {
        let (_, bytes, _) = get(c, "/en/api/v1/exports/organisations.csv").await;
        let o = read("csv", &bytes);
        let all = rows(&o);
        org(&o, &all, "astra")[column(&o, "email")].clone()
    };
    (set, expected, email)
}

fn titles(rows: &BTreeSet<(String, String)>) -> BTreeSet<&str> {
    rows.iter().map(|(t, _)| t.as_str()).collect()
}

const PUBLIC: &str = "Public referral guide";
const MEMBERS: &str = "Members-only hotline protocol";
const BRIDGE: &str = "BRIDGE safe house rules";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_export_what_they_may_read_and_an_outsider_nothing_more() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    // A member of PVPT, which belongs to the BRIDGE network (not its coordinator).
    let pvpt_user = app.add_person("ana@pvpt.example.org", "Ana").await;
    let pvpt = org_id(&app, "pvpt").await;
    spona_store::users::set_membership(
        &app.db,
        &pvpt_user,
        &pvpt,
        spona_domain::role::OrgRole::Member,
    )
    .await
    .expect("membership");

    // Anonymous: public rows only, ASTRA's members-only contacts empty.
    let (anon, n, email) = hub_rows(&app.client()).await;
    assert_eq!(titles(&anon), BTreeSet::from([PUBLIC]), "{anon:?}");
    assert!(anon.iter().all(|(_, v)| v == "public"));
    assert_eq!(email, "");
    let public = count(
        &app,
        "SELECT COUNT(*) FROM resource_variants v JOIN resources r ON r.id = v.resource_id \
         WHERE r.visibility = 'public'",
    )
    .await;
    assert_eq!(n, public);

    // A signed-in outsider to BRIDGE (ZMINA): members-only yes, BRIDGE's no.
    let (zmina, _, email) = hub_rows(&app.signed_in(ZMINA_ADMIN).await).await;
    assert_eq!(titles(&zmina), BTreeSet::from([PUBLIC, MEMBERS]));
    assert_eq!(email, "info@astra.example.org");

    // ASTRA's member: the same (ASTRA is in no network).
    let (astra, _, _) = hub_rows(&app.signed_in(ASTRA_MEMBER).await).await;
    assert_eq!(titles(&astra), BTreeSet::from([PUBLIC, MEMBERS]));

    // PVPT's member reads BRIDGE's resource through the network; Atina's admin as its owner.
    let (pvpt_rows, _, _) = hub_rows(&app.signed_in("ana@pvpt.example.org").await).await;
    assert_eq!(
        titles(&pvpt_rows),
        BTreeSet::from([PUBLIC, MEMBERS, BRIDGE])
    );
    assert!(pvpt_rows.contains(&(BRIDGE.to_owned(), "networks".to_owned())));
    let (atina, _, _) = hub_rows(&app.signed_in(ATINA_ADMIN).await).await;
    assert_eq!(titles(&atina), BTreeSet::from([PUBLIC, MEMBERS, BRIDGE]));
    let (admin, n, _) = hub_rows(&app.signed_in(ADMIN).await).await;
    assert_eq!(titles(&admin), BTreeSet::from([PUBLIC, MEMBERS, BRIDGE]));
    assert_eq!(
        n,
        count(&app, "SELECT COUNT(*) FROM resource_variants").await
    );

    // The same reader sees the same in XLSX and ODS.
    let member = app.signed_in(ZMINA_ADMIN).await;
    let (_, csv, _) = get(&member, "/en/api/v1/exports/resources.csv").await;
    let csv = read("csv", &csv);
    for ext in ["xlsx", "ods"] {
        let (_, bytes, _) = get(&member, &format!("/en/api/v1/exports/resources.{ext}")).await;
        assert_eq!(rows(&read(ext, &bytes)), plain(&csv), "{ext}");
    }
    // An outsider's XLSX holds no member-only row either.
    let (_, bytes, _) = get(&app.client(), "/en/api/v1/exports/resources.xlsx").await;
    let x = read("xlsx", &bytes);
    let t = column(&x, "title");
    assert!(rows(&x).iter().all(|r| r[t] == PUBLIC), "{x:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_states_each_sets_rows_and_estimated_size() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    monitoring_rows(&app).await;
    let page = app.client().get("/en/exports").await;
    assert_eq!(page.status, 200);
    for set in [
        "organisations",
        "networks",
        "know-how",
        "events",
        "resources",
        "recommendations",
        "assessments",
        "services",
    ] {
        assert!(page.body.contains(&format!("id=\"size-{set}\"")), "{set}");
        assert!(
            page.body
                .contains(&format!("/en/api/v1/exports/{set}.xlsx")),
            "{set}"
        );
    }
    let note = |body: &str, set: &str| -> String {
        let start = body.find(&format!("id=\"size-{set}\">")).expect("the note");
        let rest = &body[start..];
        rest[rest.find('>').expect(">") + 1..rest.find("</p>").expect("</p>")].to_owned()
    };
    // "3 rows · about 1.2 kB as CSV": near the real file's size.
    let rec = note(&page.body, "recommendations");
    let estimate = rec
        .strip_prefix("3 rows · about ")
        .and_then(|r| r.strip_suffix(" as CSV"))
        .unwrap_or_else(|| panic!("{rec}"));
    let (n, unit) = estimate.split_once(' ').expect("number and unit");
    let scale = match unit {
        "bytes" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        other => panic!("{other}"),
    };
    let estimated = n.parse::<f64>().expect("number") * scale;
    let (_, bytes, _) = get(&app.client(), "/en/api/v1/exports/recommendations.csv").await;
    let real = bytes.len() as f64;
    assert!(
        (estimated - real).abs() <= real * 0.1,
        "estimated {estimated}, real {real}"
    );
    assert!(note(&page.body, "resources").starts_with("1 row · about "));

    // Signed in: the hub's members-only resource is counted too.
    let member = app.signed_in(ZMINA_ADMIN).await;
    let page = member.get("/en/exports").await;
    assert!(note(&page.body, "resources").starts_with("2 rows · about "));
    // In Serbian Cyrillic, with a decimal comma.
    let page = app.client().get("/sr-Cyrl/exports").await;
    assert!(
        note(&page.body, "services").contains("око "),
        "{}",
        note(&page.body, "services")
    );
}
