//! `spona trials export` (lane montrial), on SQLite and PostgreSQL: the command line gives
//! the same rows as the HTTP exports — the public findings CSV byte for byte, the findings
//! JSON figure for figure, and with `--org` the per-case CSV that organisation's members
//! download — and a bad flag or value is an error naming it.

use crate::harness::*;
use crate::trials::{hearing, open_case};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("export file")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_exports_the_rows_of_the_http_csvs() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    for (i, number) in ["K-Po1 1/23", "K-Po1 2/23", "K-Po1 3/23"]
        .into_iter()
        .enumerate()
    {
        let c = open_case(&member, number, "RS", "2023-03-14").await;
        let at = format!("2023-05-1{i}T09:30");
        let decided = format!("2024-01-1{i}");
        assert_eq!(
            hearing(&member, &c, &at, "adjourned", "defendant-absent", "").await,
            303
        );
        let r = member
            .post(
                &format!("/en/monitoring/trials/{c}/verdict"),
                &[
                    ("defendant", "1"),
                    ("outcome", "convicted"),
                    ("decided_on", decided.as_str()),
                    ("sentence_months", "36"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    open_case(&member, "KOK-1/24", "MK", "2024-01-01").await;
    // Another organisation's case: in the findings, never in ASTRA's rows.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = zmina
        .post(
            "/en/monitoring/trials/new",
            &[
                ("orgs", "zmina"),
                ("country", "RS"),
                ("court", "Higher Court in Novi Sad"),
                ("case_number", "ZMINA 1/24"),
                ("charges", "trafficking-human-beings"),
                ("defendants", "1"),
                ("victims", "1"),
                ("indicted_on", "2024-02-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    let url = app.cli_database_url().await;
    let dir = app.dir.path();
    let anon = app.client_in_process();

    // The findings, CSV: the HTTP export's bytes.
    let out = dir.join("findings.csv");
    let (ok, text) = app.run_cli(
        &url,
        &["trials", "export", "--out", out.to_str().expect("path")],
        &[],
    );
    assert!(ok, "{text}");
    let http = anon.get("/api/v1/trials/findings.csv").await;
    assert_eq!(http.status, 200);
    let cli = read(&out);
    assert_eq!(cli, http.body);
    assert!(cli.contains("cases,RS,4,no\r\n"), "{cli}");
    assert!(cli.contains("cases,MK,,yes\r\n"), "withheld: {cli}");

    // The findings, JSON: the HTTP JSON's figures.
    let out = dir.join("findings.json");
    let (ok, text) = app.run_cli(
        &url,
        &[
            "trials",
            "export",
            "--format",
            "json",
            "--out",
            out.to_str().expect("path"),
        ],
        &[],
    );
    assert!(ok, "{text}");
    let cli: serde_json::Value = serde_json::from_str(&read(&out)).expect("json");
    let http = anon.get("/api/v1/trials/findings").await.json();
    assert_eq!(cli["figures"], http["figures"]);
    assert_eq!(cli["min_cases"], http["min_cases"]);

    // ASTRA's cases: the rows its members download, without ZMINA's case.
    let out = dir.join("cases.csv");
    let (ok, text) = app.run_cli(
        &url,
        &[
            "trials",
            "export",
            "--org",
            "astra",
            "--out",
            out.to_str().expect("path"),
        ],
        &[],
    );
    assert!(ok, "{text}");
    let (status, http, _) = member.bytes("/api/v1/trials/cases.csv").await;
    assert_eq!(status, 200);
    let cli = read(&out);
    assert_eq!(cli.as_bytes(), http.as_slice());
    assert_eq!(cli.lines().count(), 5, "header and four cases: {cli}");
    assert!(!cli.contains("ZMINA 1/24"));
    // As JSON: the same values under the CSV's column names.
    let out = dir.join("cases.json");
    let (ok, text) = app.run_cli(
        &url,
        &[
            "trials",
            "export",
            "--org",
            "astra",
            "--format",
            "json",
            "--out",
            out.to_str().expect("path"),
        ],
        &[],
    );
    assert!(ok, "{text}");
    let rows: serde_json::Value = serde_json::from_str(&read(&out)).expect("json rows");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().any(|r| r["case_number"] == "K-Po1 2/23"
        && r["adjournment_reasons"] == "defendant-absent"
        && r["sentences_months"] == "36"));

    // Bad flags and values: errors naming them, nothing written.
    let (ok, text) = app.run_cli(&url, &["trials", "export", "--format", "xml"], &[]);
    assert!(!ok);
    assert!(text.contains("--format"), "{text}");
    let (ok, text) = app.run_cli(&url, &["trials", "export", "--bogus"], &[]);
    assert!(!ok);
    assert!(text.contains("--bogus"), "{text}");
    let (ok, text) = app.run_cli(&url, &["trials", "export", "--org", "nobody"], &[]);
    assert!(!ok);
    assert!(text.contains("--org nobody"), "{text}");
}
