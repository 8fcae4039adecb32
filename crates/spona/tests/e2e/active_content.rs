//! PDFs with active content (issue 14 item 14): found at upload in the hub and the vault —
//! names written with `#xx` escapes, inside compressed object streams — recorded (sealed in
//! the vault), marked on the page, exposed in the API, and a warning page stands before the
//! download, which goes on only when confirmed.

use std::io::Write as _;

use crate::harness::*;
use crate::resources::create;

/// A PDF whose catalogue runs JavaScript when it is opened; the action sits in a compressed
/// object stream and its names are escaped, as a file made to slip past a filter would be.
fn pdf_with_hidden_javascript() -> Vec<u8> {
    let objects = b"5 0 << /Type /Action /S /J#61vaScript /JS (app.alert('x')) >>";
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(objects).expect("deflate");
    let packed = z.finish().expect("deflate");
    let mut pdf =
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Open#41ction 5 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            .to_vec();
    pdf.extend_from_slice(
        format!(
            "4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length {} /Filter /FlateDecode >>\nstream\n",
            packed.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&packed);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

const FOUND: [&str; 3] = ["JavaScript", "JS", "OpenAction"];

fn names(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|n| n.as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test]
async fn hub_pdfs_with_active_content_are_marked_and_warned_about_before_download() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(&editor, &[("title", "Forms to print"), ("body", "Two.")]).await;
    let risky = pdf_with_hidden_javascript();
    let harmless = pdf_with_text("Plain intake form");
    for (name, pdf) in [("risky.pdf", &risky), ("plain.pdf", &harmless)] {
        let r = editor
            .upload(
                &format!("/en/resources/{id}/attachments?lang=en"),
                "file",
                name,
                "application/pdf",
                pdf,
            )
            .await;
        assert_eq!(r.status, 303, "{name}: {}", r.body);
    }

    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    let list = json["attachments"].as_array().expect("list");
    let risky_json = list
        .iter()
        .find(|a| a["filename"] == "risky.pdf")
        .expect("risky");
    let plain_json = list
        .iter()
        .find(|a| a["filename"] == "plain.pdf")
        .expect("plain");
    assert_eq!(names(&risky_json["active_content"]), FOUND);
    assert!(names(&plain_json["active_content"]).is_empty());

    // The page marks the file and links to the warning.
    let page = app.client().get(&format!("/en/resources/{id}")).await;
    let risky_id = risky_json["id"].as_str().expect("id");
    let warning = format!("/en/resources/{id}/attachments/{risky_id}/warning");
    assert!(
        page.body
            .contains("this PDF contains actions that run when it is opened")
    );
    assert!(page.body.contains(&warning), "{}", page.body);

    // The download address leads to the warning until it is confirmed.
    let href = format!("/en{}", risky_json["href"].as_str().expect("href"));
    let r = app.client().get(&href).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), warning);
    let w = app.client().get(&warning).await;
    assert_eq!(w.status, 200);
    assert!(
        w.body.contains("/JavaScript, /JS, /OpenAction"),
        "{}",
        w.body
    );
    assert!(w.body.contains("JavaScript turned off"));
    assert!(w.body.contains("Download anyway"));
    let w = app
        .client()
        .get(&format!(
            "/uk/resources/{id}/attachments/{risky_id}/warning"
        ))
        .await;
    assert!(w.body.contains("Усе одно завантажити"), "{}", w.body);
    let (status, bytes, _) = app.client().bytes(&format!("{href}?confirmed=1")).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, risky);

    // A harmless PDF downloads at once and has no warning page.
    let href = format!("/en{}", plain_json["href"].as_str().expect("href"));
    let (status, bytes, _) = app.client().bytes(&href).await;
    assert_eq!((status, bytes), (200, harmless));
    let r = app.client().get(&format!("{href}/warning")).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn vault_pdfs_with_active_content_carry_a_sealed_warning_shown_before_download() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let risky = pdf_with_hidden_javascript();
    let mut items = Vec::new();
    for (name, data) in [
        ("statement.pdf", risky.clone()),
        ("plain.pdf", pdf_with_text("Plain statement")),
    ] {
        let item = spona_store::new_id();
        let r = lead
            .upload_with(
                &format!("/en/vault/cases/{case}/files?item={item}"),
                &[("documentation", "on"), ("reason", "intake")],
                "file",
                name,
                "application/pdf",
                &data,
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        items.push(item);
    }
    let (risky_id, plain_id) = (&items[0], &items[1]);

    // The finding is sealed at rest; the custody log says a warning was recorded.
    let sealed = spona_store::vault_warnings::of_item(&app.db, risky_id)
        .await
        .expect("db")
        .expect("a warning row");
    assert!(!sealed.contains("JavaScript") && !sealed.contains("OpenAction"));
    assert!(
        spona_store::vault_warnings::of_item(&app.db, plain_id)
            .await
            .expect("db")
            .is_none()
    );
    let custody = spona_store::vault::custody(&app.db, &case, app.vault())
        .await
        .expect("db");
    assert!(
        custody
            .iter()
            .any(|e| e.action == "create" && e.reason.contains("active content found at upload")),
        "custody records the finding"
    );

    let item_page = lead
        .get(&format!("/en/vault/cases/{case}/items/{risky_id}"))
        .await;
    let warning = format!("/en/vault/cases/{case}/items/{risky_id}/warning");
    assert!(
        item_page.body.contains("this PDF contains actions"),
        "{}",
        item_page.body
    );
    assert!(item_page.body.contains(&warning));
    let r = lead
        .get(&format!("/en/vault/cases/{case}/items/{risky_id}/download"))
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), warning);
    let w = lead.get(&warning).await;
    assert_eq!(w.status, 200);
    assert!(w.body.contains("statement.pdf"));
    assert!(
        w.body.contains("/JavaScript, /JS, /OpenAction"),
        "{}",
        w.body
    );
    let (status, bytes, _) = lead
        .bytes(&format!(
            "/en/vault/cases/{case}/items/{risky_id}/download?confirmed=1"
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, risky);

    // The API says it too; a harmless PDF has nothing and downloads at once.
    let json = lead
        .get(&format!("/en/api/v1/vault/cases/{case}"))
        .await
        .json();
    let item = |id: &str| {
        json["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["id"] == id)
            .expect("item")
            .clone()
    };
    assert_eq!(names(&item(risky_id)["active_content"]), FOUND);
    assert!(names(&item(plain_id)["active_content"]).is_empty());
    let (status, _, _) = lead
        .bytes(&format!("/en/vault/cases/{case}/items/{plain_id}/download"))
        .await;
    assert_eq!(status, 200);
    let r = lead
        .get(&format!("/en/vault/cases/{case}/items/{plain_id}/warning"))
        .await;
    assert_eq!(r.status, 404);
    // Outsiders learn nothing.
    let outsider = app.signed_in(ZMINA_ADMIN).await;
    assert_eq!(outsider.get(&warning).await.status, 404);
}

#[tokio::test]
async fn a_vault_warning_survives_rotating_the_vault_key() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let item = spona_store::new_id();
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={item}"),
            &[("documentation", "on"), ("reason", "intake")],
            "file",
            "statement.pdf",
            "application/pdf",
            &pdf_with_hidden_javascript(),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sealed_before = spona_store::vault_warnings::of_item(&app.db, &item)
        .await
        .expect("db");

    let spona = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_spona"));
        cmd.arg("--data-dir").arg(app.dir.path());
        if let Some(url) = &url {
            cmd.arg("--database-url").arg(url);
        }
        let out = cmd
            .args(args)
            .env_remove("SPONA_DATABASE_URL")
            .env_remove("SPONA_VAULT_KEY_FILE")
            .env("SPONA_LOG", "warn")
            .output()
            .expect("spona");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {text}");
    };
    // The custody chain with the finding noted in the create entry verifies.
    spona(&["custody", "verify"]);
    let new_key = app.dir.path().join("new.key");
    spona(&[
        "vault",
        "rotate-key",
        "--new-key-file",
        new_key.to_str().expect("path"),
    ]);
    let sealed_after = spona_store::vault_warnings::of_item(&app.db, &item)
        .await
        .expect("db");
    assert_ne!(sealed_after, sealed_before, "the warning was re-wrapped");

    app.restart().await;
    let w = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}/warning"))
        .await;
    assert_eq!(w.status, 200, "{}", w.body);
    assert!(
        w.body.contains("/JavaScript, /JS, /OpenAction"),
        "{}",
        w.body
    );
}
