//! `spona vault rotate-signing-key`: every chain and the heads record name the old and the
//! new key, chains and bundles verify from either key, a key replaced without a record is
//! still an invalid signature, and a rotation stopped at any step leaves a vault that
//! verifies and is finished by running the command again.

use std::path::Path;
use std::process::Command;

use spona_vault::{ServerKey, ServerPublicKey};

use crate::harness::*;

fn spona(
    app: &TestApp,
    url: &Option<String>,
    args: &[&str],
    fault: Option<&str>,
) -> (bool, String) {
    let env: Vec<(&str, String)> = fault
        .map(|step| ("SPONA_TEST_FAULT", format!("rotate-signing-key:{step}")))
        .into_iter()
        .collect();
    app.run_cli(url, args, &env)
}

fn signing_key(app: &TestApp) -> ServerPublicKey {
    ServerKey::load(&app.dir.path().join("vault/server-ed25519.key"))
        .expect("signing key")
        .public()
}

/// `custody verify`, trusting the current key or `trusted`.
fn verify(
    app: &TestApp,
    url: &Option<String>,
    trusted: Option<&ServerPublicKey>,
) -> (bool, String) {
    let text = trusted.map(ServerPublicKey::to_text);
    let mut args = vec!["custody", "verify"];
    if let Some(t) = &text {
        args.extend(["--trusted-key", t.trim()]);
    }
    spona(app, url, &args, None)
}

/// The actions of a case's chain, read without the vault's key (the action column is not
/// sealed), so that it works while an interrupted rotation keeps the vault closed.
async fn actions(app: &TestApp, case: &str) -> Vec<String> {
    let sql = "SELECT action FROM vault_custody WHERE case_id = $1 ORDER BY seq";
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).bind(case).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).bind(case).fetch_all(p).await,
    }
    .expect("custody")
}

async fn upload(c: &Client, case: &str, name: &str, consent: &[(&str, &str)]) -> String {
    let item = spona_store::new_id();
    let r = c
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={item}"),
            consent,
            "file",
            name,
            "application/octet-stream",
            name.as_bytes().repeat(500).as_slice(),
        )
        .await;
    assert_eq!(r.status, 303, "upload: {}", r.body);
    item
}

#[tokio::test]
async fn rotating_the_signing_key_records_the_change_and_verifies_from_either_key() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let r = lead
        .post("/en/vault/new", &[("title", "Second case")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let second = r.location().rsplit('/').next().expect("id").to_owned();
    let old = signing_key(&app);

    let (ok, out) = spona(&app, &url, &["vault", "rotate-signing-key"], None);
    assert!(ok, "{out}");
    assert!(out.contains("2 cases record the change"), "{out}");
    let new = signing_key(&app);
    assert_ne!(new, old);
    let vault_dir = app.dir.path().join("vault");
    assert!(!vault_dir.join("server-ed25519.key.rotating").exists());
    let previous =
        std::fs::read_to_string(vault_dir.join("server-ed25519.previous")).expect("previous");
    assert!(previous.contains(&old.to_hex()), "{previous}");
    for c in [&case, &second] {
        let entries = spona_store::vault::custody(&app.db, c, app.vault())
            .await
            .expect("custody");
        let last = entries.last().expect("entry");
        assert_eq!(last.action, "rotate-signing-key");
        assert!(last.reason.contains(&old.to_hex()) && last.reason.contains(&new.to_hex()));
    }
    let heads = std::fs::read_to_string(vault_dir.join("heads.log")).expect("heads");
    assert!(heads.contains("key_change"), "{heads}");

    // Verified from the new key and, with the explanation, from the old one.
    let (ok, out) = verify(&app, &url, None);
    assert!(ok, "{out}");
    assert!(out.contains("all 2 cases verified"), "{out}");
    let (ok, out) = verify(&app, &url, Some(&old));
    assert!(ok, "{out}");
    assert!(out.contains("an earlier signing key"), "{out}");
    assert!(out.contains("all 2 cases verified"), "{out}");

    // The server goes on with the new key; new entries verify from both keys.
    app.restart().await;
    let file = upload(
        &lead,
        &case,
        "after.jpg",
        &[("documentation", "on"), ("prosecutors", "on")],
    )
    .await;
    assert_eq!(
        actions(&app, &case).await.last().map(String::as_str),
        Some("create")
    );
    for trusted in [None, Some(&old)] {
        let (ok, out) = verify(&app, &url, trusted);
        assert!(ok, "{out}");
    }

    // A bundle exported after the rotation verifies with the old key pinned.
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
        .append_pair("items", &file)
        .append_pair("recipient", &recipient)
        .append_pair("reason", "request of the prosecutor")
        .append_pair("language", "en")
        .finish();
    let (status, tar, _) = lead
        .post_bytes(&format!("/en/vault/cases/{case}/export"), body)
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&tar));
    let bundle = work.path().join("bundle.tar.age");
    std::fs::write(&bundle, &tar).expect("write");
    let verify_bundle = |pinned: &ServerPublicKey| {
        let out = Command::new(env!("CARGO_BIN_EXE_spona"))
            .arg("verify-bundle")
            .arg(&bundle)
            .arg("--identity")
            .arg(work.path().join("key.txt"))
            .arg("--server-key")
            .arg(pinned.to_hex())
            .output()
            .expect("spona");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let (ok, text) = verify_bundle(&new);
    assert!(ok && text.contains("the bundle is intact"), "{text}");
    let (ok, text) = verify_bundle(&old);
    assert!(ok && text.contains("the bundle is intact"), "{text}");
    assert!(text.contains("an earlier key"), "{text}");
    let (ok, text) = verify_bundle(&ServerKey::generate().public());
    assert!(!ok, "{text}");

    // A key replaced without a record (the old symptom: a silently recreated key) is still
    // an invalid signature, however many recorded changes came before.
    let key_path = vault_dir.join("server-ed25519.key");
    std::fs::remove_file(&key_path).expect("remove");
    ServerKey::generate().write_new(&key_path).expect("write");
    let (ok, out) = verify(&app, &url, None);
    assert!(!ok, "{out}");
    assert!(
        out.contains("the signature of the log head is invalid"),
        "{out}"
    );
    // Trusting the old key, the recorded change still leads to every head (none is signed
    // by the stray key yet), and the output says the current key is not reached.
    let (ok, out) = verify(&app, &url, Some(&old));
    assert!(ok, "{out}");
    assert!(out.contains("no recorded key change"), "{out}");
}

#[tokio::test]
async fn a_signing_key_rotation_stopped_at_any_step_verifies_and_finishes_when_run_again() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let rotating = app.dir.path().join("vault/server-ed25519.key.rotating");
    for step in [
        "key-written",
        "in-transaction",
        "committed",
        "heads-recorded",
    ] {
        let old = signing_key(&app);
        let entries = actions(&app, &case).await.len();
        let (ok, out) = spona(&app, &url, &["vault", "rotate-signing-key"], Some(step));
        assert!(!ok, "{step}: {out}");
        assert!(rotating.exists(), "{step}");
        assert_eq!(
            signing_key(&app),
            old,
            "{step}: the key file is not replaced yet"
        );
        let committed = matches!(step, "committed" | "heads-recorded");
        assert_eq!(
            actions(&app, &case).await.len(),
            entries + usize::from(committed),
            "{step}"
        );
        // Old or new state: either way the vault verifies, from the old key.
        let (ok, out) = verify(&app, &url, None);
        assert!(ok, "{step}: {out}");
        let (ok, out) = verify(&app, &url, Some(&old));
        assert!(ok, "{step}: {out}");
        // The server does not sign with the old key meanwhile.
        app.restart().await;
        let r = lead.get(&format!("/en/vault/cases/{case}")).await;
        assert_eq!(r.status, 503, "{step}: {}", r.body);

        let (ok, out) = spona(&app, &url, &["vault", "rotate-signing-key"], None);
        assert!(ok, "{step}: {out}");
        assert!(
            out.contains("an interrupted rotation was finished"),
            "{step}: {out}"
        );
        assert!(!rotating.exists(), "{step}");
        assert_ne!(signing_key(&app), old, "{step}");
        let rotations = actions(&app, &case)
            .await
            .iter()
            .filter(|a| *a == "rotate-signing-key")
            .count();
        let (ok, out) = verify(&app, &url, Some(&old));
        assert!(ok, "{step}: {out}");
        app.restart().await;
        let r = lead.get(&format!("/en/vault/cases/{case}")).await;
        assert_eq!(r.status, 200, "{step}: {}", r.body);
        upload(&lead, &case, "next.jpg", &[("documentation", "on")]).await;
        let (ok, out) = verify(&app, &url, None);
        assert!(ok, "{step}: {out}");
        assert!(rotations >= 1, "{step}");
    }
    assert!(Path::new(&app.dir.path().join("vault/server-ed25519.previous")).exists());
}
