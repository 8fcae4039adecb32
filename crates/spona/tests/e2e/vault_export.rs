//! The evidence vault (continued from vault.rs): exports opened with the real `age` and
//! `sha256sum`, a vault whose key is missing or wrong, and sensitive choices that start empty.

use std::process::Command;

use crate::harness::*;
use crate::vault::{custody_actions, data, sha, upload, uuid_v7};

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
