//! Open data without caps (issue 24 item 1), on SQLite and PostgreSQL: every data set read
//! back by independent readers (Python's `csv`, `openpyxl`, `odfpy`, `frictionless
//! validate`) with the database's row counts; contact details only as the directory shows
//! them; a filter that matches nothing gives the header alone; bad input is a 400 naming it;
//! a client that hangs up mid-export stops the server's work.

use std::sync::atomic::Ordering;

use serde_json::Value;
use spona_app::exports::{ROWS_WRITTEN, RUNNING};

use crate::harness::*;

/// The exports' counters are the process's: these tests take turns.
pub(crate) static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What `tests/exports/read_export.py` reads in an export.
pub(crate) fn read(kind: &str, bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join(format!("export.{kind}"));
    std::fs::write(&file, bytes).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/exports/read_export.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(&file)
        .output()
        .expect("python3 with openpyxl and odfpy (tests/exports/requirements.txt)");
    assert!(
        out.status.success(),
        "{kind}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

pub(crate) async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

pub(crate) fn rows(v: &Value) -> Vec<Vec<String>> {
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(|c| c.as_str().expect("cell").to_owned())
                .collect()
        })
        .collect()
}

pub(crate) fn column(v: &Value, name: &str) -> usize {
    v["header"]
        .as_array()
        .expect("header")
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The row of the organisation `slug`.
pub(crate) fn org<'a>(v: &Value, rows: &'a [Vec<String>], slug: &str) -> &'a [String] {
    let i = column(v, "slug");
    rows.iter()
        .find(|r| r[i] == slug)
        .unwrap_or_else(|| panic!("no row for {slug}"))
}

async fn get(c: &Client, path: &str) -> (u16, Vec<u8>, reqwest::header::HeaderMap) {
    c.bytes(path).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_csv_is_whole_filtered_and_shows_contacts_as_the_directory_does() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    let anon = app.client();
    let orgs = count(&app, "SELECT COUNT(*) FROM organisations").await;

    let (status, bytes, headers) = get(&anon, "/en/api/v1/exports/organisations.csv").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers.get("content-length").is_none(), "{headers:?}");
    assert_eq!(headers["transfer-encoding"], "chunked");
    assert_eq!(headers["spona-export-rows"], orgs.to_string().as_str());
    assert!(
        headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("organisations.csv")
    );
    let csv = read("csv", &bytes);
    assert_eq!(csv["count"], orgs);
    assert_eq!(csv["bom"], false);
    let all = rows(&csv);
    let email = column(&csv, "email");
    // ASTRA keeps its contacts for members, Atina shows them to everyone.
    assert_eq!(org(&csv, &all, "astra")[email], "");
    assert_eq!(org(&csv, &all, "atina")[email], "info@atina.example.org");
    let desc = column(&csv, "description_sr-Cyrl");
    assert_eq!(
        org(&csv, &all, "astra")[desc],
        "Подршка жртвама трговине људима."
    );
    assert_eq!(
        org(&csv, &all, "astra")[column(&csv, "themes")],
        "anti-trafficking;legal-aid"
    );
    assert_eq!(org(&csv, &all, "pvpt")[column(&csv, "networks")], "bridge");

    let member = app.signed_in(ASTRA_MEMBER).await;
    let (_, bytes, headers) = get(&member, "/en/api/v1/exports/organisations.csv?bom=1").await;
    // Members' contact details: never kept by a shared cache.
    assert!(
        headers["cache-control"]
            .to_str()
            .expect("ascii")
            .contains("no-store")
    );
    let csv = read("csv", &bytes);
    assert_eq!(csv["bom"], true);
    let all = rows(&csv);
    assert_eq!(org(&csv, &all, "astra")[email], "info@astra.example.org");

    // The directory's filters.
    let (_, bytes, headers) = get(&anon, "/en/api/v1/exports/organisations.csv?country=UA").await;
    let csv = read("csv", &bytes);
    let ua = count(
        &app,
        "SELECT COUNT(*) FROM organisations WHERE country = 'UA'",
    )
    .await;
    assert_eq!(csv["count"], ua);
    assert_eq!(headers["spona-export-rows"], ua.to_string().as_str());
    assert!(
        rows(&csv)
            .iter()
            .all(|r| r[column(&csv, "country")] == "UA")
    );

    // Nothing matches: the header alone, in every format.
    for ext in ["csv", "xlsx", "ods"] {
        let (status, bytes, headers) = get(
            &anon,
            &format!("/en/api/v1/exports/organisations.{ext}?q=qqqzzzxxx"),
        )
        .await;
        assert_eq!(status, 200, "{ext}");
        assert_eq!(headers["spona-export-rows"], "0");
        let v = read(ext, &bytes);
        assert_eq!(v["count"], 0, "{ext}");
        assert_eq!(v["header"][0], "id", "{ext}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_formats_filters_and_names_are_refused_with_a_message() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    let anon = app.client();
    for (path, status, needle) in [
        ("organisations.pdf", 400, "csv, xlsx or ods"),
        ("organisations.csv?bom=yes", 400, "0 or 1"),
        ("organisations.csv?country=ZZ", 400, ""),
        ("organisations.csv?theme=%20", 400, ""),
        ("networks.csv?country=RS", 400, "only the organisations"),
        ("people.csv", 404, ""),
        ("organisations", 404, ""),
    ] {
        let r = anon.get(&format!("/en/api/v1/exports/{path}")).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
        let json = r.json();
        let message = json["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{path}: {}", r.body);
        assert!(message.contains(needle), "{path}: {message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xlsx_and_ods_hold_the_same_rows_as_the_csv() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    // A name a spreadsheet would read as a formula.
    let mut draft = spona_domain::org::OrgDraft {
        name: "=HYPERLINK(\"http://evil.example\")".into(),
        country: "RS".into(),
        city: "Niš, \"centar\"".into(),
        ..Default::default()
    };
    draft.themes = vec!["youth".into()];
    let profile = draft.validate().expect("valid");
    spona_store::orgs::create(
        &app.db,
        &spona_domain::org::Slug::parse("formula").expect("slug"),
        &profile,
    )
    .await
    .expect("org");
    let anon = app.client();
    for set in [
        "organisations",
        "networks",
        "know-how",
        "events",
        "resources",
    ] {
        let (_, csv, _) = get(&anon, &format!("/en/api/v1/exports/{set}.csv")).await;
        let csv = read("csv", &csv);
        for ext in ["xlsx", "ods"] {
            let (status, bytes, headers) =
                get(&anon, &format!("/en/api/v1/exports/{set}.{ext}")).await;
            assert_eq!(status, 200);
            assert!(headers.get("content-length").is_none());
            let other = read(ext, &bytes);
            assert_eq!(other["header"], csv["header"], "{set}.{ext}");
            assert_eq!(other["count"], csv["count"], "{set}.{ext}");
            // Typed text cells: the formula is kept as text, not neutralised.
            let want: Vec<Vec<String>> = rows(&csv)
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|c| c.strip_prefix('\'').map(str::to_owned).unwrap_or(c))
                        .collect()
                })
                .collect();
            assert_eq!(rows(&other), want, "{set}.{ext}");
        }
        if set == "organisations" {
            let all = rows(&csv);
            let row = org(&csv, &all, "formula");
            assert_eq!(
                row[column(&csv, "name")],
                "'=HYPERLINK(\"http://evil.example\")"
            );
            assert_eq!(row[column(&csv, "city")], "Niš, \"centar\"");
        }
    }
    let networks = count(&app, "SELECT COUNT(*) FROM networks").await;
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/networks.csv").await;
    assert_eq!(read("csv", &bytes)["count"], networks);
    let terms = count(
        &app,
        "SELECT COUNT(*) FROM org_terms WHERE kind IN ('offer', 'need')",
    )
    .await;
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/know-how.csv").await;
    assert_eq!(read("csv", &bytes)["count"], terms);
    let events = count(&app, "SELECT COUNT(*) FROM events").await;
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/events.csv").await;
    assert_eq!(read("csv", &bytes)["count"], events);
    // Only public resources, one row per language version.
    let variants = count(
        &app,
        "SELECT COUNT(*) FROM resource_variants v JOIN resources r ON r.id = v.resource_id \
         WHERE r.visibility = 'public'",
    )
    .await;
    let all = count(&app, "SELECT COUNT(*) FROM resource_variants").await;
    assert!(variants > 0 && variants < all, "{variants} of {all}");
    let (_, bytes, _) = get(&anon, "/en/api/v1/exports/resources.csv").await;
    assert_eq!(read("csv", &bytes)["count"], variants);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_package_passes_frictionless_validate() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
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
    assert_eq!(tasks.len(), 8, "{report:#}");
}

/// Adds `n` organisations in one transaction, 500 a statement.
async fn many_orgs(app: &TestApp, n: usize) {
    let now = spona_store::now();
    let mut statements = Vec::new();
    for start in (0..n).step_by(500) {
        let values: Vec<String> = (start..(start + 500).min(n))
            .map(|i| {
                format!(
                    "('{}', 'bulk-{i}', 'Bulk organisation {i}', 'bulk organisation {i}', 'RS', \
                     'Novi Sad', 'https://bulk{i}.example.org', NULL, NULL, 'public', \
                     '#2 bulk ', {now}, {now})",
                    spona_store::new_id()
                )
            })
            .collect();
        statements.push(format!(
            "INSERT INTO organisations (id, slug, name, sort_key, country, city, website, \
             email, phone, contact_visibility, search_text, created_at, updated_at) VALUES {}",
            values.join(", ")
        ));
    }
    macro_rules! run {
        ($p:expr) => {{
            let mut tx = $p.begin().await.expect("begin");
            for s in statements {
                sqlx::query(sqlx::AssertSqlSafe(s))
                    .execute(&mut *tx)
                    .await
                    .expect("insert");
            }
            tx.commit().await.expect("commit");
        }};
    }
    match &app.db {
        spona_store::Db::Sqlite(p) => run!(p),
        spona_store::Db::Postgres(p) => run!(p),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_hangs_up_stops_the_export() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::start().await;
    const N: usize = 60_000;
    many_orgs(&app, N).await;
    let http = http().build().expect("client");
    let before = ROWS_WRITTEN.load(Ordering::SeqCst);
    let mut r = http
        .get(format!("{}/en/api/v1/exports/organisations.csv", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    let mut got = 0usize;
    while got < 256 * 1024 {
        got += r.chunk().await.expect("chunk").expect("more").len();
    }
    assert_eq!(RUNNING.load(Ordering::SeqCst), 1, "the export runs");
    drop(r);
    drop(http);
    // The export notices and ends, having read only part of the data set.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while RUNNING.load(Ordering::SeqCst) > 0 {
        assert!(std::time::Instant::now() < deadline, "the export goes on");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let stopped = ROWS_WRITTEN.load(Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(ROWS_WRITTEN.load(Ordering::SeqCst), stopped, "no more rows");
    let written = stopped - before;
    assert!(
        written < (N as u64) / 2,
        "{written} of {N} rows were read for a client that left"
    );

    // The whole set, read to its end, has every row.
    let (status, bytes, _) = app
        .client()
        .bytes("/en/api/v1/exports/organisations.csv")
        .await;
    assert_eq!(status, 200);
    let total = count(&app, "SELECT COUNT(*) FROM organisations").await;
    assert_eq!(read("csv", &bytes)["count"], total);
    assert!(total > N as i64);
}
