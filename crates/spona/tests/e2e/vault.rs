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
    spona_store::new_id()
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
    spona_store::vault::custody(&app.db, case, app.vault())
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
    // The audit log records that the vault was used, never the case, the team or the reason.
    let audit = admin.get("/en/admin/audit").await;
    assert_eq!(audit.status, 200);
    for detail in [case.as_str(), "survivor is in danger", item.as_str()] {
        assert!(!audit.body.contains(detail), "{detail} in the audit log");
    }
    // Every vault row of the audit log (case opened, member added, emergency access) names
    // neither a case nor a person nor a reason.
    let sql = "SELECT target_id || detail FROM audit_log WHERE action LIKE 'vault.%'";
    let rows: Vec<String> = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
    }
    .expect("audit rows");
    assert!(rows.len() >= 3, "{rows:?}");
    assert!(rows.iter().all(String::is_empty), "{rows:?}");
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
    let row = spona_store::vault::item(&app.db, &case, &item, app.vault())
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
    let files = spona_store::vault::items(&app.db, &case, app.vault())
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
        spona_store::vault::items(&app.db, &case, app.vault())
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
    let row = spona_store::vault::item(&app.db, &case, &a, app.vault())
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
    let row = spona_store::vault::item(&app.db, &case, &b, app.vault())
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
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(
        r.body.contains("did not consent to use by prosecutors"),
        "{}",
        r.body
    );
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/share"),
            &[("org", "zmina"), ("reason", "referral")],
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
                ("share_with", "zmina"),
                ("reason", "asked at follow-up"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/share"),
            &[("org", "zmina"), ("reason", "referral")],
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
    // Restoring it needs the record of the person's new decision.
    let consent_path = format!("/en/vault/cases/{case}/items/{item}/consent");
    let r = lead
        .post(
            &consent_path,
            &[
                ("documentation", "on"),
                ("prosecutors", "on"),
                ("publication", "on"),
                ("reason", "restored"),
            ],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("new decision"), "{}", r.body);
    assert!(
        spona_store::vault::consents(&app.db, &case, app.vault())
            .await
            .expect("consents")
            .iter()
            .any(|c| c.item_id == item && c.withdrawn),
        "still withdrawn"
    );
    // The case page no longer lists the withdrawn testimony's pseudonym or date.
    let page = lead.get(&format!("/en/vault/cases/{case}")).await.body;
    assert!(page.contains("Withheld: consent was withdrawn"), "{page}");
    assert!(!page.contains("Zlatokosa-77"), "{page}");
    assert!(!page.contains("2026-03-14"), "{page}");
    let actions = custody_actions(&app, &case).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "blocked").count(),
        3,
        "{actions:?}"
    );
    assert!(actions.iter().any(|a| a == "share"));
    assert!(actions.iter().filter(|a| *a == "consent").count() >= 2);
    // With the record, it is restored, and the record is in the custody log.
    let r = lead
        .post(
            &consent_path,
            &[
                ("documentation", "on"),
                ("decided_by", "person"),
                ("decided_how", "writing"),
                ("decided_on", "2026-04-01"),
                ("witness", "Marta K., social worker"),
                ("reason", "the person came back"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let last = spona_store::vault::custody(&app.db, &case, app.vault())
        .await
        .expect("custody")
        .pop()
        .expect("entry");
    assert!(
        last.reason.contains(
            "decided by the person (writing) on 2026-04-01, witnessed by Marta K., social worker"
        ),
        "{}",
        last.reason
    );
    assert_eq!(
        lead.get(&format!("/en/vault/cases/{case}/items/{item}"))
            .await
            .status,
        200
    );
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
    // An item the person did not allow prosecutors to have: not exported, and its custody
    // entries stay home.
    let kept = upload(
        &lead,
        &case,
        "kept-home.jpg",
        &data(1000, 5),
        &[("documentation", "on")],
    )
    .await;

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
        .append_pair("language", "uk")
        .finish();
    let (status, tar, headers) = lead
        .post_bytes(&format!("/en/vault/cases/{case}/export"), body)
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&tar));
    assert_eq!(headers["content-type"], "application/octet-stream");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains(".tar.age"),
        "{headers:?}"
    );
    // Intercepted, the bundle says nothing: not the manifest, the names or the log.
    assert!(tar.starts_with(b"age-encryption.org/v1"));
    for clear in [
        &b"manifest"[..],
        b"recording.ogg",
        b"SHA256SUMS",
        b"custody",
    ] {
        assert!(!tar.windows(clear.len()).any(|w| w == clear));
    }
    let bundle = work.path().join("bundle.tar.age");
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
    run("age -d -i key.txt bundle.tar.age > bundle.tar");
    run("tar -xf bundle.tar");
    run("for f in files/*.age; do age -d -i key.txt \"$f\" > \"${f%.age}\"; done");
    let checked = run("sha256sum -c SHA256SUMS");
    assert_eq!(checked.matches(": OK").count(), 2, "{checked}");
    let sums = std::fs::read_to_string(work.path().join("SHA256SUMS")).expect("sums");
    assert!(sums.contains(&sha(&original)));
    // Only the exported items' custody entries, linked to the case's signed head.
    let custody = std::fs::read_to_string(work.path().join("custody.jsonl")).expect("custody");
    assert!(custody.contains(&file) && custody.contains(&item));
    assert!(!custody.contains(&kept), "{custody}");
    let links = std::fs::read_to_string(work.path().join("custody-links.jsonl")).expect("links");
    assert!(links.lines().count() > custody.lines().count());
    // Readable copies in the language chosen at export, naming handlers and their roles.
    let lead_name = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("lead")
        .display_name;
    let readable = std::fs::read_to_string(work.path().join("readable/custody.html"))
        .expect("readable custody log");
    assert!(readable.contains("lang=\"uk\""), "{readable}");
    assert!(readable.contains("Ланцюг зберігання"), "{readable}");
    assert!(
        readable.contains(&format!("{lead_name} · Керівник/ця")),
        "{readable}"
    );
    assert!(readable.contains("Експортовано"), "{readable}");
    assert!(!readable.contains(&kept), "{readable}");
    let short = &item[item.len() - 8..];
    let testimony =
        std::fs::read_to_string(work.path().join(format!("readable/{short}-testimony.html")))
            .expect("readable testimony");
    assert!(testimony.contains("Zlatokosa-77"), "{testimony}");
    assert!(testimony.contains("Інтерв’юер/ка"), "{testimony}");
    assert!(testimony.contains("Так, особа обрала"), "{testimony}");
    // The server's own check, with the recipient's identity and the trusted server key
    // (as the custody page shows it).
    let log = lead
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await
        .body;
    let server_key = std::fs::read_to_string(work.path().join("server-ed25519.pub")).expect("pub");
    let hex = server_key
        .trim()
        .rsplit(' ')
        .next()
        .expect("hex")
        .to_owned();
    assert!(log.contains(&hex), "the custody page shows the server key");
    let verify = |bundle: &std::path::Path, pinned: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_spona"));
        cmd.arg("verify-bundle")
            .arg(bundle)
            .arg("--identity")
            .arg(work.path().join("key.txt"));
        if pinned {
            cmd.arg("--server-key").arg(&hex);
        }
        let out = cmd.output().expect("spona");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let (ok, text) = verify(&bundle, true);
    assert!(ok, "{text}");
    assert!(
        text.contains("files decrypted and checked against their SHA-256: 2 of 2"),
        "{text}"
    );
    assert!(text.contains("the bundle is intact"), "{text}");
    // Without the pinned key: the fingerprint, and never "intact".
    let (ok, text) = verify(&bundle, false);
    assert!(!ok, "{text}");
    assert!(text.contains("SERVER KEY NOT PINNED"), "{text}");
    assert!(text.contains(&hex[..4]), "{text}");
    assert!(!text.contains("intact"), "{text}");
    // A changed byte in the (decrypted) bundle is found and named.
    let mut bad = std::fs::read(work.path().join("bundle.tar")).expect("tar");
    let pos = bad
        .windows(8)
        .position(|w| w == b"\"format\"")
        .expect("manifest");
    bad[pos + 12] ^= 1;
    std::fs::write(work.path().join("bad.tar"), &bad).expect("write");
    let (ok, text) = verify(&work.path().join("bad.tar"), true);
    assert!(!ok, "{text}");
    assert!(text.contains("problem: manifest.sig"), "{text}");
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

/// The sensitive choices of the vault's forms as rendered: nothing is pre-selected for the
/// person (consent, interview language, the gender question) or for a new team member (role),
/// and the server refuses a form in which they were not made.
#[tokio::test]
async fn consent_and_other_sensitive_choices_start_empty_and_must_be_made() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let items_before = spona_store::vault::items(&app.db, &case, app.vault())
        .await
        .expect("items")
        .len();

    // The testimony form.
    let form = lead
        .get(&format!("/en/vault/cases/{case}/testimonies/new"))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        !form.body.contains(" checked"),
        "nothing is ticked or chosen for the person: {}",
        form.body
    );
    let language = &form.body[form.body.find("id=\"language\"").expect("language")..];
    let language = &language[..language.find("</select>").expect("select")];
    assert!(
        language.contains("<option value=\"\" selected>"),
        "the interview language starts empty: {language}"
    );
    assert_eq!(language.matches(" selected").count(), 1, "{language}");
    // Submitted with the required texts only, every choice left as rendered.
    let untouched: Vec<(&str, &str)> = TESTIMONY
        .iter()
        .copied()
        .filter(|(k, _)| !["language", "gender_choice", "documentation"].contains(k))
        .chain([("language", "")])
        .collect();
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/testimonies/new"),
            &untouched,
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    for field in [
        "language-error",
        "gender_choice-error",
        "documentation-error",
    ] {
        assert!(r.body.contains(field), "{field} is named: {}", r.body);
    }
    assert!(
        !r.body.contains(" checked"),
        "the answer page does not decide either"
    );

    // The case page: the upload form and the team form.
    let page = lead.get(&format!("/en/vault/cases/{case}")).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains(" checked"),
        "no consent pre-ticked on the upload form: {}",
        page.body
    );
    let role = &page.body[page.body.find("id=\"role\"").expect("role")..];
    let role = &role[..role.find("</select>").expect("select")];
    assert!(
        role.contains("<option value=\"\" selected>"),
        "the role starts empty: {role}"
    );
    assert_eq!(role.matches(" selected").count(), 1, "{role}");
    // A file without a consent decision is refused and nothing is stored.
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={}", uuid_v7()),
            &[("share_with", ""), ("reason", "")],
            "file",
            "photo.jpg",
            "application/octet-stream",
            b"not consented",
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("consent"), "{}", r.body);
    assert_eq!(
        spona_store::vault::items(&app.db, &case, app.vault())
            .await
            .expect("items")
            .len(),
        items_before,
        "neither the testimony nor the file was stored"
    );
    // A team member without a chosen role is refused.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/team"),
            &[("email", ZMINA_ADMIN), ("role", ""), ("reason", "help")],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(
        spona_store::vault::members(&app.db, &case)
            .await
            .expect("members")
            .len(),
        2
    );
}

fn custody_verify(app: &TestApp, url: &Option<String>) -> (bool, String) {
    app.run_cli(url, &["custody", "verify"], &[])
}

async fn open_case(c: &Client, title: &str) -> String {
    let r = c.post("/en/vault/new", &[("title", title)]).await;
    assert_eq!(r.status, 303, "open case: {}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

async fn add_testimony(c: &Client, case: &str) -> String {
    let r = c
        .post(
            &format!("/en/vault/cases/{case}/testimonies/new"),
            TESTIMONY,
        )
        .await;
    assert_eq!(r.status, 303, "testimony: {}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

/// Every tampering of the penetration test, done to the tables directly: `spona custody
/// verify` derives the team, the items and their consent from the chain, compares, and checks
/// the cases against the signed record of heads kept outside the database.
#[tokio::test]
async fn custody_verify_finds_what_was_done_to_the_tables() {
    let app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, testimony) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let doc = [("documentation", "on")];
    let a = upload(&lead, &case, "a.bin", &data(5000, 1), &doc).await;
    let b = upload(&lead, &case, "b.bin", &data(6000, 2), &doc).await;
    let c = upload(&lead, &case, "c.bin", &data(7000, 3), &doc).await;
    let d = upload(&lead, &case, "d.bin", &data(8000, 4), &doc).await;
    let moved = add_testimony(&lead, &case).await;
    let other = add_testimony(&lead, &case).await;
    let elsewhere = open_case(&lead, "Case items are moved to").await;
    let rolled = open_case(&lead, "Case rolled back").await;
    add_testimony(&lead, &rolled).await;
    let old_head = spona_store::vault::case(&app.db, &rolled)
        .await
        .expect("case");
    let r = lead
        .post(
            &format!("/en/vault/cases/{rolled}/team"),
            &[
                ("email", ASTRA_MEMBER),
                ("role", "documenter"),
                ("reason", "help"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let deleted = open_case(&lead, "Case deleted").await;

    let (ok, out) = custody_verify(&app, &url);
    assert!(ok, "untouched, everything verifies: {out}");
    assert!(out.contains("all 4 cases verified"), "{out}");

    // An item row deleted (with its consent).
    exec(&app, "DELETE FROM vault_consents WHERE item_id = $1", &[&d]).await;
    exec(&app, "DELETE FROM vault_items WHERE id = $1", &[&d]).await;
    // Consent widened in the table.
    exec(
        &app,
        "UPDATE vault_consents SET prosecutors = TRUE, publication = TRUE WHERE item_id = $1",
        &[&testimony],
    )
    .await;
    // An outsider inserted into the team.
    let outsider = spona_store::users::find_by_email(&app.db, ZMINA_ADMIN)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string();
    exec(
        &app,
        "INSERT INTO vault_members (case_id, user_id, role, added_by, added_at) VALUES ($1, $2, 'reviewer', $2, 0)",
        &[&case, &outsider],
    )
    .await;
    // Item a pointed at item b's blob, key and hash.
    let rb = spona_store::vault::item(&app.db, &case, &b, app.vault())
        .await
        .expect("b");
    exec(
        &app,
        "UPDATE vault_items SET blob_id = $1, wrapped_key = $2, sha256 = $3 WHERE id = $4",
        &[
            rb.blob_id.as_ref().expect("blob"),
            rb.wrapped_key.as_ref().expect("key"),
            rb.sha256.as_ref().expect("sha"),
            &a,
        ],
    )
    .await;
    // A size changed.
    exec(&app, "UPDATE vault_items SET size = 1 WHERE id = $1", &[&c]).await;
    // An item moved to another case.
    exec(
        &app,
        "UPDATE vault_items SET case_id = $1 WHERE id = $2",
        &[&elsewhere, &moved],
    )
    .await;
    // A testimony's sealed text replaced by another's.
    let sealed = spona_store::vault::item(&app.db, &case, &other, app.vault())
        .await
        .expect("other")
        .sealed;
    exec(
        &app,
        "UPDATE vault_items SET sealed = $1 WHERE id = $2",
        &[&sealed, &testimony],
    )
    .await;
    // A case rolled back to an older signed head.
    exec(
        &app,
        &format!(
            "DELETE FROM vault_custody WHERE case_id = $1 AND seq > {}",
            old_head.head_seq
        ),
        &[&rolled],
    )
    .await;
    exec(
        &app,
        "DELETE FROM vault_members WHERE case_id = $1 AND user_id <> $2",
        &[&rolled, &old_head.created_by],
    )
    .await;
    exec(
        &app,
        &format!(
            "UPDATE vault_cases SET head_seq = {}, head_hash = $1, head_signature = $2 WHERE id = $3",
            old_head.head_seq
        ),
        &[&old_head.head_hash, &old_head.head_signature, &rolled],
    )
    .await;
    // A whole case deleted.
    for sql in [
        "DELETE FROM vault_custody WHERE case_id = $1",
        "DELETE FROM vault_members WHERE case_id = $1",
        "DELETE FROM vault_cases WHERE id = $1",
    ] {
        exec(&app, sql, &[&deleted]).await;
    }

    let (ok, out) = custody_verify(&app, &url);
    assert!(!ok, "{out}");
    for expected in [
        format!("item {d}, created in entry"),
        format!(
            "item {testimony}: consent in the table is \"documentation, prosecutors, publication\""
        ),
        format!("team: {outsider} is on the team (reviewer) but no custody entry granted it"),
        format!("item {a}: SHA-256"),
        format!("item {c}: 1 bytes in the table, the log recorded 7000"),
        format!("case {elsewhere}: item {moved}: no custody entry created it in this case"),
        format!("item {moved}, created in entry"),
        format!("item {testimony}: its sealed text does not open"),
        format!("case {rolled} was rolled back"),
        format!("case {deleted} was deleted"),
    ] {
        assert!(out.contains(&expected), "{expected} not in:\n{out}");
    }
    assert!(
        !out.contains("rewritten"),
        "no untouched entry is accused: {out}"
    );
}

/// A file name with a right-to-left override (or any bidi control) is refused, not stored.
#[tokio::test]
async fn vault_file_names_with_bidi_controls_are_refused() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let before = spona_store::vault::items(&app.db, &case, app.vault())
        .await
        .expect("items")
        .len();
    for name in [
        "witness-photo\u{202e}gpj.exe",
        "a\u{2067}b.pdf",
        "report\u{200f}.txt",
    ] {
        let r = lead
            .upload_with(
                &format!("/en/vault/cases/{case}/files?item={}", uuid_v7()),
                &[("documentation", "on")],
                "file",
                name,
                "application/octet-stream",
                b"MZ",
            )
            .await;
        assert_eq!(r.status, 400, "{name:?}: {}", r.body);
        assert!(r.body.contains("direction of text"), "{}", r.body);
    }
    assert_eq!(
        spona_store::vault::items(&app.db, &case, app.vault())
            .await
            .expect("items")
            .len(),
        before
    );
}

/// Adding a team member answers the same, after the same time, for an existing account and
/// an unknown address; it is limited; the person added sees the case and can leave it.
#[tokio::test]
async fn adding_a_member_tells_nothing_and_the_person_added_can_leave() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let path = format!("/en/vault/cases/{case}/team");
    let mut answers = Vec::new();
    for email in [
        "nobody-here@example.org",
        ZMINA_ADMIN,
        "still-nobody@example.org",
        ATINA_ADMIN,
    ] {
        let started = std::time::Instant::now();
        let r = lead
            .post(
                &path,
                &[
                    ("email", email),
                    ("role", "reviewer"),
                    ("reason", "joint work"),
                ],
            )
            .await;
        let took = started.elapsed();
        answers.push((r.status, r.location().to_owned(), r.body.clone()));
        assert!(
            took >= std::time::Duration::from_millis(400),
            "{email}: {took:?}"
        );
        assert!(
            took < std::time::Duration::from_millis(1500),
            "{email}: {took:?}"
        );
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "the same answer for every address: {answers:?}"
    );
    assert_eq!(answers[0].0, 303);
    // Limited per lead: ten a minute.
    let mut limited = false;
    for n in 0..8 {
        let r = lead
            .post(
                &path,
                &[
                    ("email", format!("probe-{n}@example.org").as_str()),
                    ("role", "reviewer"),
                    ("reason", "probe"),
                ],
            )
            .await;
        if r.status == 429 {
            limited = true;
            break;
        }
        assert_eq!(r.status, 303);
    }
    assert!(limited, "probing addresses is limited");

    // The person added sees the case, and leaves it.
    let added = app.signed_in(ZMINA_ADMIN).await;
    assert!(added.get("/en/vault").await.body.contains("Fixture case"));
    let page = added.get(&format!("/en/vault/cases/{case}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!("/vault/cases/{case}/leave")));
    let r = added
        .post(&format!("/en/vault/cases/{case}/leave"), &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(!added.get("/en/vault").await.body.contains("Fixture case"));
    assert_eq!(
        added.get(&format!("/en/vault/cases/{case}")).await.status,
        404
    );
    let log = lead
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await
        .body;
    assert!(log.contains("left the case"), "{log}");
    // The only lead cannot leave.
    let r = lead
        .post(&format!("/en/vault/cases/{case}/leave"), &[])
        .await;
    assert_eq!(r.status, 400);
}

/// Issue 14, item 15: an upload that reuses another case's item id is refused (4xx, not
/// 500) and stores nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_reusing_another_cases_item_id_is_refused() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let item = upload(
        &lead,
        &case,
        "first.txt",
        b"first",
        &[("documentation", "on"), ("reason", "received")],
    )
    .await;
    let other = open_case(&lead, "Another case").await;
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{other}/files?item={item}"),
            &[("documentation", "on"), ("reason", "received")],
            "file",
            "second.txt",
            "application/octet-stream",
            b"second",
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let row = spona_store::vault::item(&app.db, &case, &item, app.vault())
        .await
        .expect("the first case keeps its item");
    assert_eq!(row.case_id, case);
    assert!(
        spona_store::vault::item(&app.db, &other, &item, app.vault())
            .await
            .is_err(),
        "nothing stored in the other case"
    );
}
