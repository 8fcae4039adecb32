//! The public log as C2SP `tlog-tiles` (issue 24, lane log24), on SQLite and PostgreSQL:
//! 700 entries make full and partial tiles at levels 0 and 1; the tiles' sizes, caching and
//! refusals over HTTP; then Go's `golang.org/x/mod/sumdb/tlog` (Debian's Go, offline GOPATH
//! mode) reads the running server's tiles through `tlog.TileHashReader`, proves every entry
//! of the entry bundles, rebuilds every tile from the entries and compares it byte for byte,
//! and refuses a tampered tile and a rewritten entry (`tests/go/tiles.go`).

use std::process::Command;

use crate::harness::*;

async fn append(app: &TestApp, n: usize) {
    let mut tx = app.db.begin().await.expect("begin");
    for i in 0..n {
        spona_app::publog::record_in(
            &mut tx,
            spona_app::publog::kind::ORG,
            &format!("tile-test-{i}"),
            "published",
            &spona_app::publog::version_of(format!("v{i}").as_bytes()),
        )
        .await
        .expect("append");
    }
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiles_are_served_and_go_reads_them() {
    let app = TestApp::start().await;
    append(&app, 700).await;
    // (the fixture's own entries come first: the size is 700 and a few)
    let key = app.state().publog_key.as_ref().expect("log key");
    let cp = spona_app::publog::checkpoint(&app.db, key)
        .await
        .expect("checkpoint");
    let size = cp.size as usize;
    assert!(size >= 700);
    let c = app.client_in_process();

    // Level 0: two full tiles, then a partial one of the rest.
    let cache_of = |h: &reqwest::header::HeaderMap| {
        h.get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (status, full, headers) = c.bytes("/log/tile/0/000").await;
    assert_eq!(status, 200);
    assert_eq!(full.len(), 256 * 32);
    assert!(cache_of(&headers).contains("immutable"), "{headers:?}");
    let rest = (size % 256).max(1);
    let last = (size - rest) / 256;
    let (status, partial, headers) = c.bytes(&format!("/log/tile/0/{last:03}.p/{rest}")).await;
    assert_eq!(status, 200);
    assert_eq!(partial.len(), rest * 32);
    assert!(!cache_of(&headers).contains("immutable"));
    // Level 1 holds one hash per 256 entries.
    let (status, level1, _) = c.bytes(&format!("/log/tile/1/000.p/{}", size / 256)).await;
    assert_eq!(status, 200);
    assert_eq!(level1.len(), size / 256 * 32);
    // Entry bundles: each entry behind its length.
    let (status, bytes, _) = c.bytes("/log/tile/entries/000").await;
    assert_eq!(status, 200);
    let first = u16::from_be_bytes([bytes[0], bytes[1]]) as usize;
    assert!(bytes[2..2 + first].starts_with(b"spona-log-entry/v1\n0\n"));
    // Not reached, not canonical, not a tile: 404.
    let bads: Vec<String> = vec![
        format!("/log/tile/0/{:03}", last + 1),
        format!("/log/tile/0/{last:03}.p/{}", rest + 1),
        "/log/tile/0/2".into(),
        "/log/tile/0/x000/002".into(),
        "/log/tile/0/000.p/256".into(),
        "/log/tile/9/000".into(),
        format!("/log/tile/entries/{:03}", last + 1),
    ];
    for bad in &bads {
        let r = c.get(bad).await;
        assert_eq!(r.status, 404, "{bad}");
        // The OpenAPI document describes the 404 as the API's JSON error.
        assert_eq!(r.json()["error"], "not_found", "{bad}");
    }
    // A machine address: another method is 405 naming what it takes, not a CSRF 403.
    crate::harness::assert_read_only(
        &format!("{}/log/tile/0/000", app.base),
        &["PUT", "DELETE", "PATCH", "POST"],
    )
    .await;

    // Go's tlog over the running server.
    if Command::new("go").arg("version").output().is_err() {
        eprintln!("SKIPPED: `go` not found (apt-get install golang-go golang-golang-x-mod-dev)");
        return;
    }
    let verifier = c.get("/log/key").await.body.trim().to_owned();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/go/tiles.go");
    let dir = tempfile::tempdir().expect("dir");
    let base = format!("{}/log", app.base);
    let out = tokio::task::spawn_blocking(move || {
        Command::new("go")
            .arg("run")
            .arg(script)
            .arg(&base)
            .arg(&verifier)
            .env("GOPATH", "/usr/share/gocode")
            .env("GO111MODULE", "off")
            .env("GOFLAGS", "")
            .env("GOCACHE", dir.path().join("gocache"))
            .output()
            .expect("run go")
    })
    .await
    .expect("join");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("ok "),
        "Go's tlog refused the tiles:\n{stdout}\n{stderr}"
    );
}
