//! A vault change and its audit entry commit together or not at all. A second server (a
//! `spona serve` child on the same data directory and database) runs with
//! `SPONA_TEST_FAULT` naming the point between each change and its audit entry, so every
//! such write fails half-way there; the database then shows nothing of it: no custody entry,
//! no changed row, no audit entry, and the chain still intact. The same acts then succeed on
//! the test's own server. Runs on both databases.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

const RECIPIENT: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

/// Every fault point of the vault's audited writes.
const FAULTS: &str =
    "tx:vault.consent,tx:vault.case_opened,tx:vault.access_revoked,tx:vault.exported";

/// An act through the pages: what it is, its path and its form.
type Attempt<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// A `spona serve` child with the vault's faults set, killed when dropped.
struct FaultyServer {
    child: Child,
    base: String,
    log: std::path::PathBuf,
}

impl FaultyServer {
    async fn start(app: &TestApp, log: &Path) -> FaultyServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let out = std::fs::File::create(log).expect("log file");
        let err = out.try_clone().expect("log file");
        // Its own data directory (the search index is the running server's), with the same
        // vault and database.
        let data = log.parent().expect("log dir").join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        std::os::unix::fs::symlink(app.dir.path().join("vault"), data.join("vault"))
            .expect("vault link");
        let url = match app.cli_database_url().await {
            Some(url) => url,
            None => format!("sqlite://{}", app.dir.path().join("spona.db").display()),
        };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_spona"));
        cmd.arg("--data-dir")
            .arg(&data)
            .arg("--database-url")
            .arg(url);
        let child = cmd
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("SPONA_DATABASE_URL")
            .env_remove("SPONA_DATA_DIR")
            .env_remove("SPONA_BIND")
            .env_remove("SPONA_PUBLIC_URL")
            .env_remove("SPONA_VAULT_KEY_FILE")
            .env_remove("SPONA_DEMO")
            .env("SPONA_TEST_FAULT", FAULTS)
            .env("SPONA_LOG", "warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("spawn spona serve");
        let mut server = FaultyServer {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log: log.to_owned(),
        };
        let http = http()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = server.child.try_wait().expect("try_wait") {
                panic!("spona serve exited with {status}: {}", server.log_text());
            }
            if let Ok(r) = http.get(format!("{}/healthz", server.base)).send().await
                && r.status().is_success()
            {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "spona serve did not answer /healthz: {}",
                server.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for FaultyServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a half-done write would change: the case's custody head, its consents and team, the
/// number of cases, and the vault's audit entries.
#[derive(Debug, PartialEq)]
struct Snapshot {
    head_seq: i64,
    consents: Vec<spona_store::vault::Consent>,
    team: Vec<(String, String)>,
    cases: usize,
    audits: Vec<i64>,
}

async fn snapshot(app: &TestApp, case: &str) -> Snapshot {
    let db = &app.db;
    let mut audits = Vec::new();
    for action in [
        "vault.consent_changed",
        "vault.case_opened",
        "vault.access_revoked",
        "vault.exported",
    ] {
        audits.push(app.audit_count(action).await);
    }
    Snapshot {
        head_seq: spona_store::vault::case(db, case)
            .await
            .expect("case")
            .head_seq,
        consents: spona_store::vault::consents(db, case, app.vault())
            .await
            .expect("consents"),
        team: spona_store::vault::members(db, case)
            .await
            .expect("members")
            .into_iter()
            .map(|m| (m.user_id.into_string(), m.role.as_str().to_owned()))
            .collect(),
        cases: spona_store::vault::all_cases(db)
            .await
            .expect("cases")
            .len(),
        audits,
    }
}

/// The case's chain of custody as its lead's API reports it.
async fn intact(lead: &Client, case: &str) -> bool {
    let r = lead
        .get(&format!("/api/v1/vault/cases/{case}/custody"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["intact"].as_bool().expect("intact")
}

#[tokio::test]
async fn a_vault_change_interrupted_before_its_audit_entry_leaves_nothing() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    // Consent to prosecution, so that an export is allowed.
    let consent_path = format!("/en/vault/cases/{case}/items/{item}/consent");
    let to_prosecutors = [
        ("documentation", "on"),
        ("prosecutors", "on"),
        ("reason", "asked at follow-up"),
    ];
    let r = lead.post(&consent_path, &to_prosecutors).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let member = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("member")
        .id;

    let logs = tempfile::tempdir().expect("tempdir");
    let faulty = FaultyServer::start(&app, &logs.path().join("serve.log")).await;
    let broken = Client::new(&faulty.base);
    let r = broken.signin(ASTRA_ADMIN, PASSWORD).await;
    assert_eq!(r.status, 303, "sign-in: {}", r.body);

    let before = snapshot(&app, &case).await;
    let withdraw = [("action", "withdraw"), ("reason", "the person called")];
    let remove_path = format!("/en/vault/cases/{case}/team/{member}/remove");
    let remove = [("reason", "left the organisation")];
    let export_path = format!("/en/vault/cases/{case}/export");
    let export = [
        ("items", item.as_str()),
        ("recipient", RECIPIENT),
        ("reason", "court order 12/26"),
        ("language", "en"),
    ];
    // In an order that lets each go through on the sound server (an export needs consent).
    let attempts: [Attempt; 4] = [
        ("exporting", &export_path, &export),
        ("removing a member", &remove_path, &remove),
        (
            "opening a case",
            "/en/vault/new",
            &[("title", "Never opened")],
        ),
        ("withdrawing consent", &consent_path, &withdraw),
    ];
    for (what, path, fields) in attempts {
        let r = broken.post(path, fields).await;
        assert_eq!(r.status, 500, "{what}: {}", r.body);
        assert_eq!(
            snapshot(&app, &case).await,
            before,
            "{what} failed half-way and left something behind"
        );
    }
    assert!(intact(&lead, &case).await, "the chain after the failures");
    drop(faulty);

    // Without the fault, each of them goes through, with its audit entry.
    for (what, path, fields) in attempts {
        let r = lead.post(path, fields).await;
        assert!(
            [200, 303].contains(&r.status),
            "{what} on the sound server: {} {}",
            r.status,
            r.body
        );
    }
    let after = snapshot(&app, &case).await;
    assert_eq!(
        after.audits,
        before.audits.iter().map(|n| n + 1).collect::<Vec<_>>()
    );
    assert_eq!(after.cases, before.cases + 1);
    assert!(after.head_seq > before.head_seq);
    assert!(after.consents.iter().all(|c| c.withdrawn));
    assert!(!after.team.iter().any(|(id, _)| *id == member));
    assert!(intact(&lead, &case).await, "the chain after the changes");
}
