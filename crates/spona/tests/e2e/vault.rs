//! The evidence vault end to end: who learns a case exists, encryption at rest, streaming
//! files with their SHA-256, consent, the chain of custody and its tamper detection, exports
//! opened with the real `age` and `sha256sum`, and a vault whose key is missing or wrong.

use std::process::Command;

use sha2::Digest;

use crate::harness::*;

/// Uploads a file to a case with the given consent; returns the item id.
async fn upload(
    c: &Client,
    case: &str,
    name: &str,
    data: &[u8],
    consent: &[(&str, &str)],
) -> String {
    let item = uuid_v7();
    let r = c
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={item}"),
            consent,
            "file",
            name,
            "application/octet-stream",
            data,
        )
        .await;
    assert_eq!(r.status, 303, "upload: {}", r.body);
    assert!(r.location().ends_with(&format!("/items/{item}")));
    item
}

fn uuid_v7() -> String {
    // A fresh UUID as the case page's upload form carries one.
    let t = spona_store::new_id();
    t
}

fn data(len: usize, seed: u8) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9 ^ u32::from(seed);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

async fn custody_actions(app: &TestApp, case: &str) -> Vec<String> {
    spona_store::vault::custody(&app.db, case)
        .await
        .expect("custody")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn only_the_team_learns_that_a_case_exists() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    assert!(lead.get("/en/vault").await.body.contains("Fixture case"));
    let member = app.signed_in(ASTRA_MEMBER).await;
    assert!(member.get("/en/vault").await.body.contains("Fixture case"));
    for email in [ZMINA_ADMIN, ATINA_ADMIN, ADMIN] {
        let other = app.signed_in(email).await;
        assert!(!other.get("/en/vault").await.body.contains("Fixture case"));
        assert_eq!(
            other.get(&format!("/en/vault/cases/{case}")).await.status,
            404,
            "{email}"
        );
        assert_eq!(
            other
                .get(&format!("/en/vault/cases/{case}/items/{item}"))
                .await
                .status,
            404
        );
        assert_eq!(
            other
                .get(&format!("/en/vault/cases/{case}/custody"))
                .await
                .status,
            404
        );
    }
    // A platform admin can join in an emergency, never silently.
    let admin = app.signed_in(ADMIN).await;
    let r = admin
        .post(
            &format!("/en/vault/cases/{case}/break-glass"),
            &[("reason", "short")],
        )
        .await;
    assert_eq!(r.status, 400);
    let r = admin
        .post(
            &format!("/en/vault/cases/{case}/break-glass"),
            &[(
                "reason",
                "the lead is unreachable and the survivor is in danger",
            )],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        admin.get(&format!("/en/vault/cases/{case}")).await.status,
        200
    );
    let log = lead
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await
        .body;
    assert!(log.contains("emergency access"), "the team sees it: {log}");
    assert_eq!(app.audit_count("vault.emergency_access").await, 1);
}

#[tokio::test]
async fn testimonies_and_titles_are_sealed_at_rest() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("narrative-secret-4471"));
    assert!(page.body.contains("Zlatokosa-77"));
    // Nothing readable in the database: not in the rows, not in the SQLite files.
    let row = spona_store::vault::item(&app.db, &case, &item)
        .await
        .expect("item");
    assert!(!row.sealed.contains("Zlatokosa"));
    let c = spona_store::vault::case(&app.db, &case)
        .await
        .expect("case");
    assert!(!c.title.contains("Fixture"));
    if app.dir.path().join("spona.db").exists() {
        let _ = app.db.health().await;
        for name in ["spona.db", "spona.db-wal"] {
            if let Ok(bytes) = std::fs::read(app.dir.path().join(name)) {
                for secret in ["narrative-secret-4471", "Zlatokosa-77", "Fixture case"] {
                    assert!(
                        !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                        "{secret} readable in {name}"
                    );
                }
            }
        }
    }
    // The key never enters the database directory's database, and is owner-only.
    let key = app.dir.path().join("vault").join("vault.key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key).expect("key").permissions().mode() & 0o077,
        0
    );
}

#[tokio::test]
async fn files_stream_in_encrypted_and_come_back_verified() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let original = data(3 * 1024 * 1024 + 17, 1);
    let item = upload(
        &lead,
        &case,
        "photo from the scene.jpg",
        &original,
        &[
            ("documentation", "on"),
            ("reason", "received from the witness"),
        ],
    )
    .await;
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert!(page.body.contains(&sha(&original)), "the hash is shown");
    // The blob on disk is not the original.
    let row = spona_store::vault::item(&app.db, &case, &item)
        .await
        .expect("item");
    assert_eq!(row.sha256.as_deref(), Some(sha(&original).as_str()));
    let blob = find_blob(&app, row.blob_id.as_deref().expect("blob"));
    let stored = std::fs::read(&blob).expect("blob");
    assert!(!stored.windows(64).any(|w| w == &original[1000..1064]));
    // Downloaded back byte for byte.
    let (status, bytes, headers) = lead
        .bytes(&format!("/en/vault/cases/{case}/items/{item}/download"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len(), original.len());
    assert!(bytes == original);
    assert_eq!(headers["x-content-sha256"], sha(&original).as_str());
    // The API gives the same hashes and an intact chain, never content.
    let json = lead
        .get(&format!("/en/api/v1/vault/cases/{case}"))
        .await
        .json();
    let listed = json["items"].as_array().expect("items");
    assert!(
        listed
            .iter()
            .any(|i| i["sha256"] == sha(&original).as_str()),
        "{json}"
    );
    assert!(!json.to_string().contains("narrative-secret"));
    let custody = lead
        .get(&format!("/en/api/v1/vault/cases/{case}/custody"))
        .await
        .json();
    assert_eq!(custody["intact"], true, "{custody}");
    assert!(
        custody["server_key"]
            .as_str()
            .expect("key")
            .starts_with("spona-server-ed25519 ")
    );
    let stranger = app.signed_in(ZMINA_ADMIN).await;
    assert_eq!(
        stranger
            .get(&format!("/en/api/v1/vault/cases/{case}"))
            .await
            .status,
        404
    );
    let actions = custody_actions(&app, &case).await;
    for a in ["create", "grant", "view", "download"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // A retried upload with the same item id stores nothing twice.
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={item}"),
            &[("documentation", "on")],
            "file",
            "again.jpg",
            "image/jpeg",
            b"other",
        )
        .await;
    assert_eq!(r.status, 303);
    let files = spona_store::vault::items(&app.db, &case)
        .await
        .expect("items");
    assert_eq!(files.iter().filter(|i| i.kind == "file").count(), 1);
    // A reviewer reads but cannot add.
    let reviewer = app.signed_in(ASTRA_MEMBER).await;
    let r = reviewer
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={}", uuid_v7()),
            &[("documentation", "on")],
            "file",
            "x.bin",
            "application/octet-stream",
            b"x",
        )
        .await;
    assert_eq!(r.status, 403);
    // Without consent to documentation nothing is kept.
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={}", uuid_v7()),
            &[],
            "file",
            "x.bin",
            "application/octet-stream",
            b"no consent",
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("consent to documentation"));
    assert_eq!(
        spona_store::vault::items(&app.db, &case)
            .await
            .expect("items")
            .len(),
        2
    );
}

fn find_blob(app: &TestApp, blob_id: &str) -> std::path::PathBuf {
    let root = app.dir.path().join("vault").join("blobs");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains(blob_id))
            {
                return p;
            }
        }
    }
    panic!("blob {blob_id} not found");
}

#[tokio::test]
async fn tampering_with_a_blob_a_key_or_the_log_is_detected() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let a = upload(
        &lead,
        &case,
        "a.bin",
        &data(200_000, 2),
        &[("documentation", "on")],
    )
    .await;
    let b = upload(
        &lead,
        &case,
        "b.bin",
        &data(1000, 3),
        &[("documentation", "on")],
    )
    .await;
    let verify_path = format!("/en/vault/cases/{case}/verify");
    let r = lead.post(&verify_path, &[]).await;
    assert!(r.body.contains("intact"), "{}", r.body);

    // One byte of a blob.
    let row = spona_store::vault::item(&app.db, &case, &a)
        .await
        .expect("a");
    let path = find_blob(&app, row.blob_id.as_deref().expect("blob"));
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[100_000] ^= 1;
    std::fs::write(&path, &bytes).expect("write");
    let r = lead.post(&verify_path, &[]).await;
    assert!(r.body.contains(&format!("item {a}")), "{}", r.body);
    let (status, body) = lead
        .bytes_or_error(&format!("/en/vault/cases/{case}/items/{a}/download"))
        .await;
    assert!(
        status != 200 || body.is_err(),
        "a tampered file must not download whole"
    );

    // One byte of a wrapped key.
    let row = spona_store::vault::item(&app.db, &case, &b)
        .await
        .expect("b");
    let mut key = row.wrapped_key.expect("key").into_bytes();
    key[20] = if key[20] == b'A' { b'B' } else { b'A' };
    exec(
        &app,
        "UPDATE vault_items SET wrapped_key = $1 WHERE id = $2",
        &[&String::from_utf8(key).expect("utf8"), &b],
    )
    .await;
    let r = lead.post(&verify_path, &[]).await;
    assert!(r.body.contains(&format!("item {b}")), "{}", r.body);

    // One custody entry altered, then one deleted.
    exec(
        &app,
        "UPDATE vault_custody SET reason = 'nothing happened' WHERE case_id = $1 AND seq = 2",
        &[&case],
    )
    .await;
    let log = lead
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await
        .body;
    assert!(log.contains("entry 2 was altered"), "{log}");
    exec(
        &app,
        "DELETE FROM vault_custody WHERE case_id = $1 AND seq = 1",
        &[&case],
    )
    .await;
    let log = lead
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await
        .body;
    assert!(log.contains("entry 1 is missing"), "{log}");

    // The command line reports the same and fails.
    if app.dir.path().join("spona.db").exists() {
        let out = Command::new(env!("CARGO_BIN_EXE_spona"))
            .arg("--data-dir")
            .arg(app.dir.path())
            .args(["custody", "verify"])
            .env_remove("SPONA_DATABASE_URL")
            .output()
            .expect("spona");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(text.contains("entry 1 is missing"), "{text}");
        assert!(text.contains(&format!("item {a}")), "{text}");
    }
}

async fn exec(app: &TestApp, sql: &str, binds: &[&String]) {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(b.as_str());
            }
            q.execute(p).await.expect("exec");
        }
        spona_store::Db::Postgres(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(b.as_str());
            }
            q.execute(p).await.expect("exec");
        }
    }
}

#[tokio::test]
async fn consent_blocks_every_act_it_does_not_cover() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    // Documentation only: no export, no sharing.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/export"),
            &[
                ("items", &item),
                (
                    "recipient",
                    "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
                ),
                ("reason", "court order 12/26"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(
        r.body.contains("did not consent to use by prosecutors"),
        "{}",
        r.body
    );
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/share"),
            &[("org", "la-strada-ukraine"), ("reason", "referral")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("sharing with this organisation"));
    // Consent to share with one organisation covers that one only.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/consent"),
            &[
                ("documentation", "on"),
                ("share_with", "la-strada-ukraine"),
                ("reason", "asked at follow-up"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/share"),
            &[("org", "la-strada-ukraine"), ("reason", "referral")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Withdrawn: even reading is blocked, with a message, and the attempt is logged.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/consent"),
            &[("action", "withdraw"), ("reason", "the person called")],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("consent was withdrawn"));
    let actions = custody_actions(&app, &case).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "blocked").count(),
        3,
        "{actions:?}"
    );
    assert!(actions.iter().any(|a| a == "share"));
    assert!(actions.iter().filter(|a| *a == "consent").count() >= 2);
}

#[tokio::test]
async fn an_export_opens_with_age_and_checks_with_sha256sum() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let original = data(150_000, 4);
    let file = upload(
        &lead,
        &case,
        "recording.ogg",
        &original,
        &[("documentation", "on"), ("prosecutors", "on")],
    )
    .await;
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/consent"),
            &[
                ("documentation", "on"),
                ("prosecutors", "on"),
                ("reason", "signed consent form"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);

    let work = tempfile::tempdir().expect("tempdir");
    let keygen = Command::new("age-keygen")
        .arg("-o")
        .arg(work.path().join("key.txt"))
        .output()
        .expect("age-keygen (Debian package age) is needed for this test");
    assert!(keygen.status.success());
    let key = std::fs::read_to_string(work.path().join("key.txt")).expect("key");
    let recipient = key
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("public key")
        .to_owned();

    let csrf = lead.csrf().await;
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", &csrf)
        .append_pair("items", &item)
        .append_pair("items", &file)
        .append_pair("recipient", &recipient)
        .append_pair(
            "reason",
            "request of the war crimes prosecutor, case K-12/26",
        )
        .finish();
    let (status, tar, headers) = lead
        .post_bytes(&format!("/en/vault/cases/{case}/export"), body)
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&tar));
    assert_eq!(headers["content-type"], "application/x-tar");
    let bundle = work.path().join("bundle.tar");
    std::fs::write(&bundle, &tar).expect("write");

    // As the prosecutor's office would, with standard tools only.
    let run = |cmd: &str| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(work.path())
            .output()
            .expect("sh");
        assert!(
            out.status.success(),
            "{cmd}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run("tar -xf bundle.tar");
    run("for f in files/*.age; do age -d -i key.txt \"$f\" > \"${f%.age}\"; done");
    let checked = run("sha256sum -c SHA256SUMS");
    assert_eq!(checked.matches(": OK").count(), 2, "{checked}");
    let sums = std::fs::read_to_string(work.path().join("SHA256SUMS")).expect("sums");
    assert!(sums.contains(&sha(&original)));
    // The server's own check, with the recipient's identity and the trusted server key.
    let server_key = std::fs::read_to_string(work.path().join("server-ed25519.pub")).expect("pub");
    let out = Command::new(env!("CARGO_BIN_EXE_spona"))
        .args(["verify-bundle"])
        .arg(&bundle)
        .arg("--identity")
        .arg(work.path().join("key.txt"))
        .arg("--server-key")
        .arg(server_key.trim())
        .output()
        .expect("spona");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("files decrypted and checked: 2"), "{text}");
    // A changed byte in the bundle is found.
    let mut bad = tar.clone();
    let pos = bad
        .windows(8)
        .position(|w| w == b"\"format\"")
        .expect("manifest");
    bad[pos + 12] ^= 1;
    std::fs::write(work.path().join("bad.tar"), &bad).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_spona"))
        .args(["verify-bundle"])
        .arg(work.path().join("bad.tar"))
        .output()
        .expect("spona");
    assert!(!out.status.success());
    let actions = custody_actions(&app, &case).await;
    assert_eq!(actions.iter().filter(|a| *a == "export").count(), 2);
}

#[tokio::test]
async fn a_missing_or_wrong_key_closes_only_the_vault() {
    let mut app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let other_key = app.dir.path().join("other.key");
    std::fs::write(&other_key, "11".repeat(32)).expect("key");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&other_key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    app.restart_with(|c| c.vault_key_file = Some(other_key.clone()))
        .await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let r = lead.get(&format!("/en/vault/cases/{case}")).await;
    assert_eq!(r.status, 503);
    assert!(
        r.body.contains("does not match") || r.body.contains("vault is closed"),
        "{}",
        r.body
    );
    assert_eq!(lead.get("/en/orgs").await.status, 200);
    assert_eq!(lead.get("/en/resources").await.status, 200);

    // The key file gone: closed again, not silently replaced by a new key.
    std::fs::rename(
        app.dir.path().join("vault/vault.key"),
        app.dir.path().join("vault.key.bak"),
    )
    .expect("move");
    app.restart().await;
    assert_eq!(lead.get("/en/vault").await.status, 503);
    assert!(!app.dir.path().join("vault/vault.key").exists());
    // Restored: open again, and the data reads.
    std::fs::rename(
        app.dir.path().join("vault.key.bak"),
        app.dir.path().join("vault/vault.key"),
    )
    .expect("move");
    app.restart().await;
    assert!(lead.get("/en/vault").await.body.contains("Fixture case"));
}
