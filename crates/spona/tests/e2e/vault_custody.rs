//! The evidence vault (continued from vault.rs): `spona custody verify` against changes made
//! to the tables, file names, the team, and item ids.

use crate::harness::*;
use crate::vault::{data, exec, upload, uuid_v7};

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
