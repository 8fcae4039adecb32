//! The evidence vault end to end: who learns a case exists, encryption at rest, streaming
//! files with their SHA-256, consent, the chain of custody and its tamper detection, exports
//! opened with the real `age` and `sha256sum`, and a vault whose key is missing or wrong.

use std::process::Command;

use sha2::Digest;

use crate::harness::*;

/// Uploads a file to a case with the given consent; returns the item id.
pub(crate) async fn upload(
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

pub(crate) fn uuid_v7() -> String {
    // A fresh UUID as the case page's upload form carries one.
    spona_store::new_id()
}

pub(crate) fn data(len: usize, seed: u8) -> Vec<u8> {
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

pub(crate) fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

pub(crate) async fn custody_actions(app: &TestApp, case: &str) -> Vec<String> {
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

pub(crate) fn find_blob(app: &TestApp, blob_id: &str) -> std::path::PathBuf {
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

pub(crate) async fn exec(app: &TestApp, sql: &str, binds: &[&String]) {
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
