//! Nothing of the person leaves the sealed columns (issue 19), through the real server: the
//! `spona` binary runs `serve --demo` with the most verbose logging; the demo's case workers
//! refer a person whose every detail holds a unique canary string, through the whole life
//! cycle (the pages and the JSON API, a hotline intake too); then the server's log, every
//! file of the data directory (the SQLite database and its WAL, the search index, the
//! outbox, the vault's directory) and, on PostgreSQL, a `pg_dump` of the server's schema
//! are searched for the canary: it is nowhere.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::Client;
use crate::harness::process::{free_port, spona_command};

const DEMO_PASSWORD: &str = "demo password for Spona";
const JOVANA: &str = "jovana@atina.example.org";
const BESA: &str = "besa@pvpt.example.org";

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every file under `dir` that holds `needle`, by path.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let path = e.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            found.push(path.display().to_string());
        }
    }
    found
}

/// The value of the form field `name` (a hidden input) on a page.
fn hidden(body: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    body.find(&needle)
        .map(|s| {
            let rest = &body[s + needle.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_owned()
        })
        .unwrap_or_default()
}

async fn signed_in(base: &str, email: &str) -> Client {
    let c = Client::new(base);
    let r = c.signin(email, DEMO_PASSWORD).await;
    assert_eq!(r.status, 303, "sign-in of {email}: {}", r.body);
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_detail_of_the_person_leaves_the_sealed_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tag = &spona_store::new_token()[..12];
    let canary = format!("Canary{tag}");
    // PostgreSQL when the tests run there: a schema of the server's own.
    let pg = std::env::var("SPONA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    let schema = format!("canary_{tag}");
    let url = match &pg {
        Some(u) => {
            let db = spona_store::Db::connect_in_schema(u, Some(schema.as_str()))
                .await
                .expect("postgres");
            db.close().await;
            let sep = if u.contains('?') { '&' } else { '?' };
            Some(format!("{u}{sep}options[search_path]={schema}"))
        }
        None => None,
    };
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let log_path = dir.path().join("server.log");
    let data = dir.path().join("data");
    let log = std::fs::File::create(&log_path).expect("log");
    let mut cmd = spona_command(&data);
    if let Some(u) = &url {
        cmd.arg("--database-url").arg(u);
    }
    cmd.args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .env("SPONA_LOG", "trace")
        .env("SPONA_PUBLIC_URL", &base)
        .stdout(Stdio::from(log.try_clone().expect("log")))
        .stderr(Stdio::from(log));
    let mut server = Server(cmd.spawn().expect("spawn"));
    let probe = crate::harness::http().build().expect("client");
    let mut up = false;
    for _ in 0..600 {
        if probe
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        up,
        "server did not start: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );

    // Jovana (Atina) refers a person to a PVPT service that asks for a first name.
    let jovana = signed_in(&base, JOVANA).await;
    let chooser = jovana.get("/en/referrals/new").await;
    assert_eq!(chooser.status, 200, "{}", chooser.body);
    // The first demo service that asks for a first name and takes the referral (a full one
    // answers 422 and the next is tried).
    let mut made = None;
    for part in chooser.body.split("<option value=\"").skip(1) {
        let service = &part[..part.find('"').unwrap_or(0)];
        if service.is_empty() {
            continue;
        }
        let page = jovana
            .get(&format!("/en/referrals/new?service={service}"))
            .await
            .body;
        if !page.contains("name=\"first-name\"") {
            continue;
        }
        let mut fields: Vec<(&str, String)> = vec![
            ("service", service.to_owned()),
            ("from_org", hidden(&page, "from_org")),
            ("once", hidden(&page, "once")),
            ("first-name", format!("{canary} first name")),
            ("reason", format!("{canary} reason")),
            ("consent_share", "first-name".to_owned()),
            ("consent_purpose", format!("{canary} purpose")),
            ("consent_until", "2099-12-31".to_owned()),
            ("consent_how", "verbal".to_owned()),
            ("consent_witness", format!("{canary} witness")),
            ("consent_channel", "through-worker".to_owned()),
        ];
        for (field, value) in [("needs", "needs"), ("language", "language")] {
            if page.contains(&format!("name=\"{field}\"")) {
                fields.push((field, format!("{canary} {value}")));
                fields.push(("consent_share", field.to_owned()));
            }
        }
        let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = jovana.post("/en/referrals/new", &form).await;
        if r.status == 303 {
            made = Some(r);
            break;
        }
        assert_eq!(r.status, 422, "{}", r.body);
    }
    let r = made.expect("a demo service that asks for a first name and takes referrals");
    let id = r.location().rsplit('/').next().expect("id").to_owned();

    // Besa (PVPT) reads it — the canary is there, opened — and asks for more.
    let besa = signed_in(&base, BESA).await;
    let seen = besa.get(&format!("/en/referrals/{id}")).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains(&format!("{canary} first name")));
    let post = |c: &Client, path: String, f: Vec<(&'static str, String)>| {
        let c = c.clone();
        async move {
            let form: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = c.post(&path, &form).await;
            assert_eq!(r.status, 303, "{path}: {}", r.body);
        }
    };
    let at = |action: &str| format!("/en/referrals/{id}/{action}");
    post(
        &besa,
        at("answer"),
        vec![
            ("answer", "more-info".into()),
            ("note", format!("{canary} question")),
        ],
    )
    .await;
    post(
        &jovana,
        at("note"),
        vec![("body", format!("{canary} reply"))],
    )
    .await;
    post(&besa, at("answer"), vec![("answer", "accept".into())]).await;
    post(
        &besa,
        at("note"),
        vec![("body", format!("{canary} kept note"))],
    )
    .await;
    // The outcome through the JSON API.
    let csrf = besa.csrf().await;
    let r = besa
        .post_json(
            &format!("/api/v1/referrals/{id}/outcome"),
            &serde_json::json!({"outcome": "service-provided", "note": format!("{canary} outcome"), "shared": true}),
            Some(csrf.as_str()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let json = jovana.get(&format!("/api/v1/referrals/{id}")).await;
    assert!(
        json.body.contains(&format!("{canary} outcome")),
        "{}",
        json.body
    );
    // A hotline intake, then the withdrawal of consent.
    let intake_page = jovana.get("/en/referrals/intake").await;
    post(
        &jovana,
        "/en/referrals/intake".into(),
        vec![
            ("once", hidden(&intake_page.body, "once")),
            ("channel", "call".into()),
            ("in_danger", "no".into()),
            ("safe_to_talk", "yes".into()),
            ("callback", format!("{canary} callback")),
            ("name", format!("{canary} name")),
            ("notes", format!("{canary} notes")),
        ],
    )
    .await;
    post(&jovana, at("withdraw"), Vec::new()).await;
    // Let the mail sender write the outbox, then stop the server as an operator would.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let _ = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status();
    for _ in 0..100 {
        if server.0.try_wait().ok().flatten().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let log_text = std::fs::read_to_string(&log_path).expect("log");
    assert!(
        log_text.contains("Spona is listening") && log_text.contains("db.statement"),
        "the log is the server's, at trace level: {}",
        &log_text[..log_text.len().min(2000)]
    );
    let found = files_holding(dir.path(), canary.as_bytes());
    assert!(found.is_empty(), "the canary is in {found:?}");
    let outbox = std::fs::read_dir(data.join("outbox"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(
        outbox > 0,
        "mail about the referral was written to the outbox"
    );
    if let Some(u) = &pg {
        let dump = Command::new("pg_dump")
            .arg(format!("--dbname={u}"))
            .arg(format!("--schema={schema}"))
            .output()
            .expect("pg_dump");
        assert!(
            dump.status.success(),
            "{}",
            String::from_utf8_lossy(&dump.stderr)
        );
        let text = String::from_utf8_lossy(&dump.stdout);
        assert!(
            text.contains("referral_custody"),
            "the dump is of the server's schema"
        );
        assert!(
            !text.contains(&canary),
            "the canary is in the PostgreSQL dump"
        );
        let admin = spona_store::Db::connect(u).await.expect("postgres");
        if let spona_store::Db::Postgres(p) = &admin {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(p)
                .await;
        }
        admin.close().await;
    }
}
