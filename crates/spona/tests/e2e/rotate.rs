//! `spona vault rotate-key`: every data key re-wrapped under a new vault key in one
//! transaction, encrypted files left byte for byte as they were, the old key refused after,
//! and a failure before the commit changing nothing.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::harness::*;

fn spona(app: &TestApp, url: &Option<String>, args: &[&str]) -> (bool, String) {
    app.run_cli(url, args, &[])
}

fn data(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x2545_f491;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

/// Every file under `DATA_DIR/vault/blobs` with its bytes.
fn blob_files(app: &TestApp) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![app.dir.path().join("vault").join("blobs")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.insert(p.clone(), std::fs::read(&p).expect("blob"));
            }
        }
    }
    files
}

/// (case titles, items' sealed fields and wrapped keys) as stored.
async fn sealed_rows(app: &TestApp, case: &str) -> (String, Vec<(String, String, Option<String>)>) {
    let c = spona_store::vault::case(&app.db, case).await.expect("case");
    let sql = "SELECT id, sealed, wrapped_key FROM vault_items WHERE case_id = $1 ORDER BY created_at, id";
    let items = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(sql).bind(case).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_as(sql).bind(case).fetch_all(p).await,
    }
    .expect("items");
    (c.title, items)
}

/// Every other sealed value as stored (files' sizes, hashes and media types, share targets,
/// custody reasons and item hashes), non-empty ones only.
async fn other_sealed(app: &TestApp) -> Vec<String> {
    let sql = "SELECT COALESCE(size, '') FROM vault_items UNION ALL SELECT COALESCE(sha256, '') FROM vault_items \
               UNION ALL SELECT media_type FROM vault_items UNION ALL SELECT share_with FROM vault_consents \
               UNION ALL SELECT reason FROM vault_custody UNION ALL SELECT COALESCE(item_sha256, '') FROM vault_custody";
    let values: Vec<String> = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
    }
    .expect("values");
    values.into_iter().filter(|v| !v.is_empty()).collect()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("read")
}

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(p).await.expect("exec");
        }
        spona_store::Db::Postgres(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(p).await.expect("exec");
        }
    }
}

#[tokio::test]
async fn rotating_the_vault_key_rewraps_keys_and_leaves_files_alone() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, testimony) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let original = data(300_000);
    let file = spona_store::new_id();
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={file}"),
            &[("documentation", "on"), ("reason", "from the witness")],
            "file",
            "scene.jpg",
            "application/octet-stream",
            &original,
        )
        .await;
    assert_eq!(r.status, 303, "upload: {}", r.body);

    let vault_dir = app.dir.path().join("vault");
    let default_key = vault_dir.join("vault.key");
    let old_key = app.dir.path().join("old.key");
    std::fs::copy(&default_key, &old_key).expect("copy the old key");
    let new_key = app.dir.path().join("new.key");
    let blobs_before = blob_files(&app);
    assert_eq!(blobs_before.len(), 1, "{blobs_before:?}");
    let (title_before, items_before) = sealed_rows(&app, &case).await;
    let others_before = other_sealed(&app).await;
    assert!(others_before.len() >= 8, "{others_before:?}");
    assert!(others_before.iter().all(|v| spona_vault::is_sealed(v)));
    let check_before = read(&vault_dir.join("key-check"));

    // The default key file: rotated in place.
    let (ok, out) = spona(
        &app,
        &url,
        &[
            "vault",
            "rotate-key",
            "--new-key-file",
            new_key.to_str().expect("path"),
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!(
            "re-wrapped {} sealed fields (1 case titles, 2 item fields, {} other values) and 1 file keys",
            3 + others_before.len(),
            others_before.len()
        )),
        "{out}"
    );
    assert!(out.contains("start the server as before"), "{out}");
    assert!(
        out.contains("destroy every copy and backup of the old key"),
        "{out}"
    );
    assert_eq!(
        std::fs::metadata(&new_key)
            .expect("new key")
            .permissions()
            .mode()
            & 0o077,
        0
    );
    assert_eq!(
        read(&default_key),
        read(&new_key),
        "vault.key now holds the new key"
    );
    assert_eq!(
        std::fs::metadata(&default_key)
            .expect("key")
            .permissions()
            .mode()
            & 0o077,
        0
    );
    assert_ne!(read(&vault_dir.join("key-check")), check_before);
    assert!(!vault_dir.join("key-check.rotating").exists());
    assert!(!vault_dir.join("vault.key.rotating").exists());
    // Every sealed value changed in the database, every blob file stayed as it was.
    let (title_after, items_after) = sealed_rows(&app, &case).await;
    assert_ne!(title_after, title_before);
    assert_eq!(items_after.len(), 2);
    for ((id, sealed, key), (id2, sealed2, key2)) in items_before.iter().zip(&items_after) {
        assert_eq!(id, id2);
        assert_ne!(sealed, sealed2, "item {id}");
        assert_eq!(key.is_some(), key2.is_some());
        if key.is_some() {
            assert_ne!(key, key2, "item {id}");
        }
    }
    let others_after = other_sealed(&app).await;
    assert_eq!(others_after.len(), others_before.len());
    assert!(
        others_after.iter().all(|v| !others_before.contains(v)),
        "every other sealed value was re-wrapped"
    );
    assert_eq!(blob_files(&app), blobs_before, "blob files untouched");

    // The next start just works: the title, the testimony and the file read as before.
    app.restart().await;
    let page = lead.get(&format!("/en/vault/cases/{case}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Fixture case"));
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{testimony}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("narrative-secret-4471"));
    assert!(page.body.contains("Zlatokosa-77"));
    let (status, bytes, _) = lead
        .bytes(&format!("/en/vault/cases/{case}/items/{file}/download"))
        .await;
    assert_eq!(status, 200);
    assert!(bytes == original, "the file downloads byte for byte");
    let (ok, out) = spona(&app, &url, &["custody", "verify"]);
    assert!(ok, "{out}");
    assert!(out.contains("all 1 cases verified"), "{out}");

    // The old key no longer opens the vault.
    let old = old_key.clone();
    app.restart_with(|c| c.vault_key_file = Some(old)).await;
    let r = lead.get("/en/vault").await;
    assert_eq!(r.status, 503);

    // A value that cannot be re-wrapped (a field moved to another item) stops the rotation
    // before the commit: nothing changes, not the database, not the key files.
    let (_, items) = sealed_rows(&app, &case).await;
    let file_sealed = items.iter().find(|i| i.0 == file).expect("file").1.clone();
    let testimony_sealed = items
        .iter()
        .find(|i| i.0 == testimony)
        .expect("t")
        .1
        .clone();
    exec(
        &app,
        "UPDATE vault_items SET sealed = $1 WHERE id = $2",
        &[&file_sealed, &testimony],
    )
    .await;
    let rows_before = sealed_rows(&app, &case).await;
    let check_before = read(&vault_dir.join("key-check"));
    let newer_key = app.dir.path().join("newer.key");
    let (ok, out) = spona(
        &app,
        &url,
        &[
            "vault",
            "rotate-key",
            "--new-key-file",
            newer_key.to_str().expect("path"),
        ],
    );
    assert!(!ok, "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(out.contains(&format!("item:{testimony}")), "{out}");
    assert_eq!(sealed_rows(&app, &case).await, rows_before);
    assert_eq!(read(&vault_dir.join("key-check")), check_before);
    assert_eq!(read(&default_key), read(&new_key));
    assert!(!vault_dir.join("key-check.rotating").exists());
    assert!(!vault_dir.join("vault.key.rotating").exists());
    exec(
        &app,
        "UPDATE vault_items SET sealed = $1 WHERE id = $2",
        &[&testimony_sealed, &testimony],
    )
    .await;

    // The key given as --vault-key-file: the key files stay, the server is told to use NEW.
    let explicit = [
        "vault",
        "rotate-key",
        "--vault-key-file",
        default_key.to_str().expect("path"),
        "--new-key-file",
        newer_key.to_str().expect("path"),
    ];
    let check_before = read(&vault_dir.join("key-check"));
    let (ok, out) = spona(&app, &url, &explicit);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!(
            "start the server with --vault-key-file {}",
            newer_key.display()
        )),
        "{out}"
    );
    assert_eq!(read(&default_key), read(&new_key), "vault.key left alone");
    assert_eq!(blob_files(&app), blobs_before, "blob files untouched");
    // Had it died after the commit but before replacing `key-check`, the same command
    // again finishes the job.
    let check_after = read(&vault_dir.join("key-check"));
    std::fs::write(vault_dir.join("key-check"), &check_before).expect("write");
    let (ok, out) = spona(&app, &url, &explicit);
    assert!(ok, "{out}");
    assert!(
        out.contains("re-wrapped 0 sealed fields (0 case titles, 0 item fields, 0 other values) and 0 file keys"),
        "{out}"
    );
    assert_ne!(read(&vault_dir.join("key-check")), check_after);
    app.restart().await;
    assert_eq!(lead.get("/en/vault").await.status, 503);
    let newer = newer_key.clone();
    app.restart_with(|c| c.vault_key_file = Some(newer)).await;
    let (status, bytes, _) = lead
        .bytes(&format!("/en/vault/cases/{case}/items/{file}/download"))
        .await;
    assert_eq!(status, 200);
    assert!(bytes == original);
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{testimony}"))
        .await;
    assert!(page.body.contains("narrative-secret-4471"), "{}", page.body);

    // The new key again: refused, it is the vault's key already.
    let (ok, out) = spona(
        &app,
        &url,
        &[
            "vault",
            "rotate-key",
            "--vault-key-file",
            newer_key.to_str().expect("path"),
            "--new-key-file",
            newer_key.to_str().expect("path"),
        ],
    );
    assert!(!ok);
    assert!(out.contains("holds the vault's current key"), "{out}");
}
