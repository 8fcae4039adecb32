//! Vault blobs in an object store (`--vault-url`, issue 26 items 4 and 6), against moto's S3
//! server on loopback: a file uploaded through the form is sealed before it reaches the
//! bucket, read back and checked; an object altered or deleted in the bucket is named by
//! `vault verify-blobs` and `custody verify` and never served; `vault migrate-blobs` moves a
//! local store resumably; `attachments verify` lists missing and changed attachments.

use super::resource_files::{BUCKET, Moto};
use super::vault::{data, sha, upload};
use crate::harness::*;

/// The variables the command line finds moto through (as `AWS_…` for any S3 store).
fn s3_env(moto: &Moto) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT", moto.endpoint.clone()),
        ("AWS_REGION", "eu-central-1".into()),
        ("AWS_ACCESS_KEY_ID", "spona-test".into()),
        ("AWS_SECRET_ACCESS_KEY", "spona-test-secret".into()),
        ("AWS_ALLOW_HTTP", "true".into()),
    ]
}

/// The object of a vault blob under `prefix`.
fn blob_key(prefix: &str, blob_id: &str) -> String {
    let simple = blob_id.replace('-', "");
    format!("{prefix}/{}/{blob_id}", &simple[30..])
}

async fn put_object(moto: &Moto, key: &str, bytes: Vec<u8>) {
    let r = moto
        .http
        .put(format!("{}/{BUCKET}/{key}", moto.endpoint))
        .body(bytes)
        .send()
        .await
        .expect("put object");
    assert!(r.status().is_success(), "put {key}: {}", r.status());
}

async fn delete_object(moto: &Moto, key: &str) {
    let r = moto
        .http
        .delete(format!("{}/{BUCKET}/{key}", moto.endpoint))
        .send()
        .await
        .expect("delete object");
    assert!(r.status().is_success(), "delete {key}: {}", r.status());
}

async fn keys_under(moto: &Moto, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = moto
        .keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with(&format!("{prefix}/")))
        .collect();
    keys.sort();
    keys
}

/// The blob id of an item, from the database.
async fn blob_of(app: &TestApp, case: &str, item: &str) -> String {
    spona_store::vault::items(&app.db, case, app.vault())
        .await
        .expect("items")
        .into_iter()
        .find(|i| i.id == item)
        .and_then(|i| i.blob_id)
        .expect("blob id")
}

/// Files under the local blob directory.
fn local_blobs(app: &TestApp) -> usize {
    let root = app.dir.path().join("vault").join("blobs").join("blobs");
    std::fs::read_dir(root)
        .map(|shards| {
            shards
                .flatten()
                .map(|s| std::fs::read_dir(s.path()).map_or(0, |f| f.count()))
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn vault_files_in_a_bucket_are_sealed_checked_on_read_and_verified_from_it() {
    let moto = Moto::start().await;
    let backend = moto.backend(BUCKET, "vault");
    let app = TestApp::start_with(|c| c.vault_blobs = Some(backend)).await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let marker = b"plaintext-marker-5521 ".repeat(9_000); // ~198 KB: four chunks
    let small = b"second file, plaintext-marker-5521".to_vec();
    let first = upload(
        &lead,
        &case,
        "scene.bin",
        &marker,
        &[("documentation", "on")],
    )
    .await;
    let second = upload(&lead, &case, "note.txt", &small, &[("documentation", "on")]).await;

    // In the bucket, sealed; nothing on the local disk.
    let (blob1, blob2) = (
        blob_of(&app, &case, &first).await,
        blob_of(&app, &case, &second).await,
    );
    let (key1, key2) = (blob_key("vault", &blob1), blob_key("vault", &blob2));
    let mut expected = vec![key1.clone(), key2.clone()];
    expected.sort();
    assert_eq!(keys_under(&moto, "vault").await, expected);
    for key in [&key1, &key2] {
        let stored = moto.object(key).await;
        assert!(stored.starts_with(b"SPVB"), "a sealed blob");
        assert!(
            !stored
                .windows(b"plaintext-marker".len())
                .any(|w| w == b"plaintext-marker"),
            "the bucket holds no plaintext"
        );
    }
    assert_eq!(local_blobs(&app), 0, "nothing kept on the local disk");

    // Read back through Spona, whole.
    let download = |item: &str| format!("/en/vault/cases/{case}/items/{item}/download");
    let (status, bytes, headers) = lead.bytes(&download(&first)).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, marker);
    assert_eq!(headers["x-content-sha256"], sha(&marker).as_str());

    // The command line reads every blob back from the bucket.
    let vault_url = ["--vault-url", "s3://spona-files/vault"];
    let env = s3_env(&moto);
    let args = |cmd: &[&'static str]| -> Vec<&'static str> {
        vault_url.iter().chain(cmd).copied().collect()
    };
    let (ok, out) = app.run_cli(&url, &args(&["vault", "verify-blobs"]), &env);
    assert!(ok, "{out}");
    assert!(out.contains("2 files checked, 0 problems"), "{out}");
    assert!(out.contains("s3://spona-files/vault"), "{out}");
    let (ok, out) = app.run_cli(&url, &args(&["custody", "verify"]), &env);
    assert!(ok, "{out}");
    // Without --vault-url the command looks on the local disk, and finds nothing there.
    let (ok, out) = app.run_cli(&url, &["vault", "verify-blobs"], &env);
    assert!(!ok, "{out}");

    // One object altered in the bucket (a byte of its last chunk), the other deleted.
    let mut altered = moto.object(&key2).await;
    let last = altered.len() - 3;
    altered[last] ^= 0x20;
    put_object(&moto, &key2, altered).await;
    let r = lead.get(&download(&second)).await;
    assert_eq!(r.status, 500, "an altered file is refused, not served");
    assert!(!r.body.contains("plaintext-marker"), "{}", r.body);
    delete_object(&moto, &key1).await;
    let r = lead.get(&download(&first)).await;
    assert_eq!(r.status, 500, "a missing file is refused");
    assert!(!r.body.contains("plaintext-marker"), "{}", r.body);

    let (ok, out) = app.run_cli(&url, &args(&["vault", "verify-blobs"]), &env);
    assert!(!ok, "{out}");
    assert!(out.contains("2 files checked, 2 problems"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains(&first) && l.contains("does not exist")),
        "the deleted object is named: {out}"
    );
    assert!(
        out.lines()
            .any(|l| l.contains(&second) && l.contains("failed")),
        "the altered object is named: {out}"
    );
    let (ok, out) = app.run_cli(&url, &args(&["custody", "verify"]), &env);
    assert!(!ok, "{out}");
    assert!(out.contains(&first) && out.contains(&second), "{out}");
}

#[tokio::test]
async fn a_local_blob_store_moves_to_a_bucket_resumably_and_verified() {
    let moto = Moto::start().await;
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let mut files = Vec::new();
    for (i, len) in [70_000usize, 10, 300_000, 65_536, 1_000]
        .into_iter()
        .enumerate()
    {
        let bytes = data(len, i as u8 + 40);
        let item = upload(
            &lead,
            &case,
            &format!("f{i}.bin"),
            &bytes,
            &[("documentation", "on")],
        )
        .await;
        files.push((item, bytes));
    }
    assert_eq!(local_blobs(&app), 5);
    let env = s3_env(&moto);
    let migrate = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut a = vec!["vault", "migrate-blobs", "--to", "s3://spona-files/moved"];
        a.extend_from_slice(extra);
        a
    };

    // Interrupted after two uploads.
    let (ok, out) = app.run_cli(&url, &migrate(&["--limit", "2"]), &env);
    assert!(ok, "{out}");
    assert!(out.contains("5 blobs found"), "{out}");
    assert!(out.contains("2 uploaded and verified"), "{out}");
    assert!(out.contains("stopped at --limit"), "{out}");
    let keys = keys_under(&moto, "moved").await;
    assert_eq!(keys.len(), 2);
    // One of them left half-written, as by a crash mid-upload: found wrong, sent again.
    let whole = moto.object(&keys[1]).await;
    put_object(&moto, &keys[1], whole[..whole.len() / 2].to_vec()).await;

    let (ok, out) = app.run_cli(&url, &migrate(&[]), &env);
    assert!(ok, "{out}");
    assert!(out.contains("4 uploaded and verified"), "{out}");
    assert!(out.contains("1 already in s3://spona-files/moved"), "{out}");
    let uploads = out.lines().filter(|l| l.starts_with("uploaded ")).count();
    assert_eq!(uploads, 4, "each blob uploaded once over both runs: {out}");
    assert_eq!(
        moto.object(&keys[1]).await,
        whole,
        "the half-written object was replaced"
    );
    let (ok, out) = app.run_cli(&url, &migrate(&[]), &env);
    assert!(ok, "{out}");
    assert!(out.contains(" 0 uploaded and verified"), "{out}");
    assert!(out.contains("5 already in"), "{out}");
    assert!(out.contains("0 local files deleted"), "{out}");
    assert_eq!(
        keys_under(&moto, "moved").await.len(),
        5,
        "each blob stored once"
    );
    assert_eq!(
        local_blobs(&app),
        5,
        "nothing local deleted without --delete-local"
    );
    // Every object is the local file, byte for byte.
    let root = app.dir.path().join("vault").join("blobs").join("blobs");
    for key in keys_under(&moto, "moved").await {
        let local = std::fs::read(root.join(key.trim_start_matches("moved/"))).expect("local");
        assert_eq!(moto.object(&key).await, local, "{key}");
    }

    // The server and the checks now read them from the bucket.
    let (ok, out) = app.run_cli(
        &url,
        &[
            "--vault-url",
            "s3://spona-files/moved",
            "vault",
            "verify-blobs",
        ],
        &env,
    );
    assert!(ok, "{out}");
    assert!(out.contains("5 files checked, 0 problems"), "{out}");
    let (ok, out) = app.run_cli(&url, &migrate(&["--delete-local"]), &env);
    assert!(ok, "{out}");
    assert!(out.contains("5 local files deleted"), "{out}");
    assert_eq!(local_blobs(&app), 0);
    let backend = moto.backend(BUCKET, "moved");
    app.restart_with(|c| c.vault_blobs = Some(backend)).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    for (item, bytes) in &files {
        let (status, got, _) = lead
            .bytes(&format!("/en/vault/cases/{case}/items/{item}/download"))
            .await;
        assert_eq!(status, 200, "{item}");
        assert_eq!(&got, bytes, "{item}");
    }
}

#[tokio::test]
async fn attachments_verify_lists_missing_and_changed_objects() {
    let moto = Moto::start().await;
    let backend = moto.backend(BUCKET, "hub");
    let app = TestApp::start_with(|c| c.attachments = backend).await;
    let url = app.cli_database_url().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = super::resources::create(
        &editor,
        &[("title", "Verified files"), ("body", "Attached.")],
    )
    .await;
    let mut shas = Vec::new();
    for text in [
        "first verified form",
        "second verified form",
        "third verified form",
    ] {
        let pdf = pdf_with_text(text);
        let r = editor
            .upload(
                &format!("/en/resources/{id}/attachments?lang=en"),
                "file",
                "form.pdf",
                "application/pdf",
                &pdf,
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        shas.push(sha(&pdf));
    }
    let env = s3_env(&moto);
    let cmd = [
        "--attachments-url",
        "s3://spona-files/hub",
        "attachments",
        "verify",
    ];
    let (ok, out) = app.run_cli(&url, &cmd, &env);
    assert!(ok, "{out}");
    assert!(out.contains("3 attachments checked"), "{out}");
    assert!(out.contains("0 problems"), "{out}");

    let key = |sha: &str| format!("hub/{}/{sha}", &sha[..2]);
    delete_object(&moto, &key(&shas[0])).await;
    let mut changed = moto.object(&key(&shas[1])).await;
    changed.push(b'\n');
    put_object(&moto, &key(&shas[1]), changed).await;
    let (ok, out) = app.run_cli(&url, &cmd, &env);
    assert!(!ok, "{out}");
    assert!(out.contains("2 problems"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains(&shas[0]) && l.contains("missing")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with(&shas[1]) && l.contains("do not match")),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with(&shas[2])), "{out}");
}

#[tokio::test]
async fn a_file_url_keeps_vault_blobs_in_that_directory_and_a_bad_url_is_named() {
    let store = tempfile::tempdir().expect("dir");
    let backend = spona_web::attachments::Backend::Local(store.path().to_owned());
    let app = TestApp::start_with(|c| c.vault_blobs = Some(backend)).await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let bytes = data(150_000, 7);
    let item = upload(&lead, &case, "f.bin", &bytes, &[("documentation", "on")]).await;
    let blob = blob_of(&app, &case, &item).await;
    let stored = std::fs::read(store.path().join(blob_key(".", &blob))).expect("object");
    assert!(stored.starts_with(b"SPVB") && stored.len() > bytes.len());
    assert_eq!(local_blobs(&app), 0);
    let (status, got, _) = lead
        .bytes(&format!("/en/vault/cases/{case}/items/{item}/download"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(got, bytes);
    let file_url = format!("file://{}", store.path().display());
    let (ok, out) = app.run_cli(
        &url,
        &["--vault-url", &file_url, "vault", "verify-blobs"],
        &[],
    );
    assert!(ok, "{out}");
    assert!(out.contains("1 files checked, 0 problems"), "{out}");
    let (ok, out) = app.run_cli(
        &url,
        &[
            "--vault-url",
            "ftp://example.org/x",
            "vault",
            "verify-blobs",
        ],
        &[],
    );
    assert!(!ok, "{out}");
    assert!(
        out.contains("--vault-url") && out.contains("only s3://"),
        "{out}"
    );
}
