//! Faults that must not lose data (issue 15): a full database answers 507 and never
//! acknowledges a write it did not commit, and Spona recovers without a restart once there
//! is room again. The full disk is made with SQLite's `max_page_count` (portable, no tmpfs);
//! the fault suite (`tests/faults/run.sh`) repeats this on real full file systems.

use std::time::{Duration, Instant};

use crate::harness::*;

/// Pages the test database may grow to (4 KiB each).
const MAX_PAGES: u32 = 4096;

fn sqlite(app: &TestApp) -> &sqlx::SqlitePool {
    match &app.db {
        spona_store::Db::Sqlite(p) => p,
        spona_store::Db::Postgres(_) => unreachable!("SQLite only"),
    }
}

/// Fills the database until SQLite refuses: 16 KiB rows, then ever smaller ones, so that not
/// even a small row fits.
async fn fill(app: &TestApp) {
    let p = sqlite(app);
    sqlx::raw_sql("CREATE TABLE IF NOT EXISTS filler (b BLOB)")
        .execute(p)
        .await
        .expect("filler");
    for size in [16 * 1024, 1024, 64] {
        loop {
            let r = sqlx::query("INSERT INTO filler (b) VALUES (zeroblob($1))")
                .bind(size)
                .execute(p)
                .await;
            match r {
                Ok(_) => continue,
                Err(e) => {
                    assert!(e.to_string().contains("full"), "{e}");
                    break;
                }
            }
        }
    }
}

async fn free(app: &TestApp) {
    sqlx::raw_sql("DELETE FROM filler")
        .execute(sqlite(app))
        .await
        .expect("free");
}

async fn views_stored(app: &TestApp, case: &str) -> usize {
    spona_store::vault::custody(&app.db, case, app.vault())
        .await
        .expect("custody")
        .into_iter()
        .filter(|e| e.action == "view" || e.action == "download")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_database_answers_507_and_recovers_without_a_restart() {
    let Some(app) = TestApp::start_with_max_pages(MAX_PAGES).await else {
        return; // PostgreSQL: the fault suite fills a real disk under it.
    };
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let view = format!("/en/vault/cases/{case}/items/{item}");
    let file = spona_store::new_id();
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={file}"),
            &[("documentation", "on"), ("reason", "from the witness")],
            "file",
            "scan.pdf",
            "application/octet-stream",
            &[7u8; 4096],
        )
        .await;
    assert_eq!(r.status, 303, "upload: {}", r.body);
    let before = views_stored(&app, &case).await;
    fill(&app).await;

    // Six readers at once while nothing fits: every answer is a 200 whose custody entry was
    // stored, or a 507; never a 500.
    let mut tasks = Vec::new();
    let reader = std::sync::Arc::new(lead);
    for _ in 0..6 {
        let c = reader.clone();
        let view = view.clone();
        let download = format!("/en/vault/cases/{case}/items/{file}/download");
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for _ in 0..10 {
                statuses.push(c.get(&view).await.status);
                statuses.push(c.bytes(&download).await.0);
            }
            statuses
        }));
    }
    let mut acknowledged = 0;
    let mut full = 0;
    for t in tasks {
        for s in t.await.expect("reader") {
            assert!(s == 200 || s == 507, "a view on a full disk answered {s}");
            if s == 200 {
                acknowledged += 1;
            } else {
                full += 1;
            }
        }
    }
    assert!(full > 0, "the database was not full");
    assert_eq!(
        views_stored(&app, &case).await - before,
        acknowledged,
        "every view and download answered 200 has its custody entry"
    );

    // Sign-in and a create: 507 with the message, or (when the small row still fits in a
    // page) 303 for what was really stored; never a 500.
    let c = app.client();
    let r = c.signin(ASTRA_MEMBER, PASSWORD).await;
    match r.status {
        507 => assert!(r.body.contains("no room left"), "{}", r.body),
        303 => assert_eq!(
            c.get("/en/account").await.status,
            200,
            "the session was stored"
        ),
        s => panic!("sign-in on a full disk answered {s}: {}", r.body),
    }
    let fields = [
        ("owner", "astra"),
        ("kind", "crisis-guideline"),
        ("visibility", "public"),
        ("review_due", "2099-01-01"),
        ("written", "en"),
        ("title", "Written while the disk was full"),
        ("body", "text"),
    ];
    let lead = reader;
    let r = lead.post("/en/resources/new", &fields).await;
    match r.status {
        507 => {}
        303 => assert_eq!(lead.get(&r.location()).await.status, 200, "stored"),
        s => panic!("create on a full disk answered {s}: {}", r.body),
    }

    // Room again: within five seconds, without a restart, everything works and an outside
    // writer can take the lock.
    free(&app).await;
    let started = Instant::now();
    loop {
        let r = lead.get(&view).await;
        if r.status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "not recovered: {} {}",
            r.status,
            r.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = app.client().signin(ASTRA_MEMBER, PASSWORD).await;
    assert_eq!(r.status, 303, "sign-in after recovery: {}", r.body);
    let before = views_stored(&app, &case).await;
    for _ in 0..5 {
        assert_eq!(lead.get(&view).await.status, 200);
    }
    assert_eq!(views_stored(&app, &case).await - before, 5);
    let r = lead.post("/en/resources/new", &fields).await;
    assert_eq!(r.status, 303, "create after recovery: {}", r.body);
    let r = lead.get(&r.location()).await;
    assert_eq!(r.status, 200);
    sqlx::raw_sql("BEGIN IMMEDIATE; COMMIT")
        .execute(sqlite(&app))
        .await
        .expect("the write lock is free");
}

// ---- the search index: reindex, damage, rebuild ----

/// How many resources the database holds.
async fn resources_in_db(app: &TestApp) -> usize {
    spona_store::resources::changed_since(&app.db, 0, 100_000)
        .await
        .expect("db")
        .len()
}

/// The search API's total for an administrator (who sees everything); the status when the
/// search is not answered.
async fn indexed(admin: &Client) -> Result<usize, u16> {
    let r = admin.get("/en/api/v1/resources?limit=1").await;
    if r.status != 200 {
        return Err(r.status);
    }
    Ok(r.json()["total"].as_u64().expect("total") as usize)
}

/// Waits (up to 20 s) until search answers again with every resource; returns the statuses
/// seen meanwhile.
async fn until_complete(app: &TestApp, admin: &Client) -> Vec<u16> {
    let want = resources_in_db(app).await;
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        match indexed(admin).await {
            Ok(n) if n == want => return seen,
            Ok(_) => seen.push(200),
            Err(s) => seen.push(s),
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "search did not come back complete: {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn index_files(app: &TestApp, ext: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(app.dir.path().join("search"))
        .expect("search dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect()
}

#[tokio::test]
async fn reindex_restores_every_resource_on_a_complete_and_on_a_damaged_index() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let want = resources_in_db(&app).await;
    assert!(want > 0, "the fixtures have resources");
    assert_eq!(indexed(&admin).await, Ok(want));
    // A complete index: everything is indexed again, and the count is the database's.
    let n = spona_app::hub::rebuild(&app.db, &app.state().search)
        .await
        .expect("rebuild");
    assert_eq!(n, want, "reindex indexed {n} of {want}");
    assert_eq!(indexed(&admin).await, Ok(want));
    // An index that lost documents (deleted behind its back and committed with the latest
    // change number): reindex brings them back.
    let state = app.state();
    for r in spona_store::resources::changed_since(&app.db, 0, 3)
        .await
        .expect("db")
    {
        state.search.delete(&r.id).expect("delete");
    }
    state
        .search
        .commit(state.search.indexed_seq())
        .expect("commit");
    assert_eq!(indexed(&admin).await, Ok(want - 3));
    let n = spona_app::hub::rebuild(&app.db, &app.state().search)
        .await
        .expect("rebuild");
    assert_eq!(n, want);
    assert_eq!(indexed(&admin).await, Ok(want));
}

#[tokio::test]
async fn a_damaged_index_is_moved_aside_and_rebuilt_in_the_background() {
    let mut app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let want = resources_in_db(&app).await;
    assert_eq!(indexed(&admin).await, Ok(want));

    // Each damage the fault run found; the server starts (no panic), searches answer 200
    // or 503 (never 500) until the index is complete again, and nothing is lost.
    type Damage = fn(&TestApp);
    let damages: [(&str, Damage); 4] = [
        ("deleted .idx", |app| {
            for f in index_files(app, "idx") {
                std::fs::remove_file(f).expect("rm");
            }
        }),
        ("truncated .term", |app| {
            for f in index_files(app, "term") {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&f)
                    .and_then(|h| h.set_len(10))
                    .expect("truncate");
            }
        }),
        ("64 bytes overwritten in .fast", |app| {
            use std::io::{Seek, Write};
            for f in index_files(app, "fast") {
                let mut h = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&f)
                    .expect("open");
                h.seek(std::io::SeekFrom::Start(0)).expect("seek");
                h.write_all(&[0xAB; 64]).expect("write");
            }
        }),
        ("deleted .pos", |app| {
            for f in index_files(app, "pos") {
                std::fs::remove_file(f).expect("rm");
            }
        }),
    ];
    for (what, damage) in damages {
        // Stop the server first, so that the damage is what the next start finds.
        app.restart().await;
        damage(&app);
        app.restart().await;
        let seen = until_complete(&app, &admin).await;
        assert!(
            seen.iter().all(|s| *s == 200 || *s == 503),
            "{what}: {seen:?}"
        );
        // A free-text search works (after a 503 while a damage found only now is
        // repaired), and a write is answered as saved.
        let started = Instant::now();
        loop {
            let r = admin.get("/en/api/v1/resources?q=trafficking").await;
            if r.status == 200 {
                break;
            }
            assert_eq!(r.status, 503, "{what}: {}", r.body);
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{what}: {}",
                r.body
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        until_complete(&app, &admin).await;
        super::resources::create(
            &editor,
            &[
                ("title", &format!("Written after {what}")),
                ("body", "text"),
            ],
        )
        .await;
        until_complete(&app, &admin).await;
    }
    let aside = std::fs::read_dir(app.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("search.damaged-")
        })
        .count();
    assert!(aside >= 1, "damaged indexes are kept aside for inspection");
}

#[tokio::test]
async fn a_failed_index_write_goes_back_to_the_last_commit() {
    let app = TestApp::start().await;
    spona_app::hub::catch_up(&app.db, &app.state().search)
        .await
        .expect("catch up");
    let search = &app.state().search;
    let seq = search.indexed_seq();
    assert!(seq > 0);
    // A write the index refuses: the writer is dropped with what it had not committed,
    // and the change number is the last commit's, so a catch-up indexes it all again.
    let r = spona_store::resources::changed_since(&app.db, 0, 1)
        .await
        .expect("db");
    search.clear().expect("clear");
    assert_eq!(search.indexed_seq(), 0);
    let bad = spona_search::ResourceDoc {
        id: String::new(),
        ..spona_app::hub::doc(&r[0])
    };
    assert!(search.upsert(&bad).is_err());
    assert_eq!(search.indexed_seq(), seq, "back to the last commit");
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(indexed(&admin).await, Ok(resources_in_db(&app).await));
}

// ---- lost keys are never replaced silently ----

fn closed_reason(app: &TestApp) -> Option<String> {
    match &app.state().vault {
        spona_web::vault::VaultState::Open(_) => None,
        spona_web::vault::VaultState::Closed(reason) => Some(reason.clone()),
    }
}

#[tokio::test]
async fn lost_vault_and_signing_keys_are_never_recreated() {
    let mut app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let vault = app.dir.path().join("vault");
    let aside = app.dir.path().join("backup");
    std::fs::create_dir_all(&aside).expect("backup dir");
    let keep = |name: &str| std::fs::rename(vault.join(name), aside.join(name)).expect(name);
    let back = |name: &str| std::fs::rename(aside.join(name), vault.join(name)).expect(name);

    // Both the key and key-check gone: closed, naming the file and how to restore it.
    keep("vault.key");
    keep("key-check");
    app.restart().await;
    let reason = closed_reason(&app).expect("the vault stays closed");
    assert!(reason.contains("vault.key"), "{reason}");
    assert!(reason.contains("backup"), "{reason}");
    assert!(!vault.join("vault.key").exists(), "no new key");
    assert_eq!(
        lead.get(&format!("/en/vault/cases/{case}")).await.status,
        503
    );

    // Another key where the old one was, key-check still gone: refused as well.
    std::fs::write(vault.join("vault.key"), "22".repeat(32)).expect("key");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        vault.join("vault.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .expect("chmod");
    app.restart().await;
    let reason = closed_reason(&app).expect("a wrong key is refused");
    assert!(reason.contains("key-check"), "{reason}");
    assert!(!vault.join("key-check").exists());

    // The right key back without key-check: it opens the data, so key-check is written.
    std::fs::remove_file(vault.join("vault.key")).expect("rm");
    back("vault.key");
    app.restart().await;
    assert_eq!(closed_reason(&app), None);
    assert!(vault.join("key-check").exists());
    assert_eq!(
        lead.get(&format!("/en/vault/cases/{case}")).await.status,
        200
    );

    // The signing key gone while heads are signed with it: closed, not re-signed.
    keep("server-ed25519.key");
    app.restart().await;
    let reason = closed_reason(&app).expect("closed without the signing key");
    assert!(reason.contains("server-ed25519.key"), "{reason}");
    assert!(reason.contains("backup"), "{reason}");
    assert!(!vault.join("server-ed25519.key").exists(), "no new key");
    back("server-ed25519.key");
    app.restart().await;
    assert_eq!(closed_reason(&app), None);
    assert_eq!(
        lead.get(&format!("/en/vault/cases/{case}")).await.status,
        200
    );
}

// ---- retries of create forms ----

async fn exec(app: &TestApp, sql: &str) {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .map(|_| ()),
    }
    .expect(sql);
}

#[tokio::test]
async fn a_create_that_failed_can_be_sent_again_and_a_retry_gets_the_same_answer() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let title = "Sent twice after a failure";
    let once = spona_store::new_token();
    let fields = [
        ("once", once.as_str()),
        ("owner", "astra"),
        ("kind", "crisis-guideline"),
        ("visibility", "public"),
        ("review_due", "2099-01-01"),
        ("written", "en"),
        ("title", title),
        ("body", "text"),
    ];
    // The create fails half-way through its transaction (after the key is claimed in it).
    let postgres = matches!(app.db, spona_store::Db::Postgres(_));
    if postgres {
        exec(
            &app,
            "CREATE FUNCTION fail_create() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER fail_create BEFORE INSERT ON resource_variants FOR EACH ROW EXECUTE FUNCTION fail_create()",
        )
        .await;
    } else {
        exec(
            &app,
            "CREATE TRIGGER fail_create BEFORE INSERT ON resource_variants BEGIN SELECT RAISE(ABORT, 'injected'); END",
        )
        .await;
    }
    let r = editor.post("/en/resources/new", &fields).await;
    assert_eq!(r.status, 500, "{}", r.body);
    exec(
        &app,
        if postgres {
            "DROP TRIGGER fail_create ON resource_variants"
        } else {
            "DROP TRIGGER fail_create"
        },
    )
    .await;
    // Nothing was saved, so the same form goes through now.
    let r = editor.post("/en/resources/new", &fields).await;
    assert_eq!(r.status, 303, "the retry is refused: {}", r.body);
    let location = r.location();
    // And once more (the answer was lost on the way): the same redirect, nothing new.
    let again = editor.post("/en/resources/new", &fields).await;
    assert_eq!(again.status, 303, "{}", again.body);
    assert_eq!(again.location(), location);
    let same = spona_store::resources::changed_since(&app.db, 0, 100_000)
        .await
        .expect("db")
        .into_iter()
        .filter(|r| r.variants.iter().any(|v| v.title == title))
        .count();
    assert_eq!(same, 1);
    assert_eq!(editor.get(&location).await.status, 200);
}

// ---- blobs left by an upload interrupted before its commit ----

fn verify_blobs(app: &TestApp, url: &Option<String>) -> (bool, String) {
    app.run_cli(url, &["vault", "verify-blobs"], &[])
}

fn blob_root(app: &TestApp) -> std::path::PathBuf {
    app.dir.path().join("vault").join("blobs").join("blobs")
}

/// Where the vault keeps the blob `id` (`<last two hex digits>/<id>` under the blob root).
fn blob_path(app: &TestApp, id: &str) -> std::path::PathBuf {
    let simple = id.replace('-', "");
    blob_root(app).join(&simple[30..]).join(id)
}

fn blob_count(app: &TestApp) -> usize {
    std::fs::read_dir(blob_root(app))
        .expect("blobs")
        .flatten()
        .map(|shard| std::fs::read_dir(shard.path()).expect("shard").count())
        .sum()
}

#[tokio::test]
async fn orphan_blobs_are_counted_and_old_ones_removed_at_start_while_fresh_ones_stay() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let file = spona_store::new_id();
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={file}"),
            &[("documentation", "on"), ("reason", "from the witness")],
            "file",
            "scan.pdf",
            "application/octet-stream",
            &[7u8; 4096],
        )
        .await;
    assert_eq!(r.status, 303, "upload: {}", r.body);
    let stored = blob_count(&app);
    assert!(stored >= 1, "the upload stored its blob");

    // A crash between storing a file and committing its item, an hour ago; and an upload
    // whose file is written but whose item is committing right now.
    let old = blob_path(&app, &spona_store::new_id());
    let fresh = blob_path(&app, &spona_store::new_id());
    for p in [&old, &fresh] {
        std::fs::create_dir_all(p.parent().expect("shard")).expect("shard dir");
        std::fs::write(p, [9u8; 512]).expect("orphan");
    }
    std::fs::File::options()
        .write(true)
        .open(&old)
        .expect("open")
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .expect("age");

    // The command reports every unreferenced file, young or old, and calls nothing damaged.
    let (ok, out) = verify_blobs(&app, &url);
    assert!(ok, "{out}");
    assert!(out.contains("0 problems, 2 orphan blobs"), "{out}");
    assert!(out.contains(&old.display().to_string()), "{out}");
    assert!(out.contains(&fresh.display().to_string()), "{out}");

    // At start the old one goes; the fresh one and every referenced blob stay.
    app.restart().await;
    assert_eq!(app.client().get("/en/").await.status, 200, "server up");
    assert!(!old.exists(), "an old orphan is removed at start");
    assert!(fresh.exists(), "an upload in progress keeps its file");
    assert_eq!(blob_count(&app), stored + 1);
    let (ok, out) = verify_blobs(&app, &url);
    assert!(ok, "{out}");
    assert!(out.contains("0 problems, 1 orphan blobs"), "{out}");
    assert!(!out.contains(&old.display().to_string()), "{out}");
}

/// `/healthz` tells a load balancer the truth: 200 while the database answers, 503 once it
/// does not (here its pool is closed under the running server).
#[tokio::test]
async fn health_fails_when_the_database_is_gone() {
    let app = TestApp::start().await;
    let anon = app.client();
    let up = anon.get("/healthz").await;
    assert_eq!(up.status, 200, "{}", up.body);
    assert!(up.body.contains(r#""status":"ok""#), "{}", up.body);
    app.db.close().await;
    let down = anon.get("/healthz").await;
    assert_eq!(down.status, 503, "{}", down.body);
    assert!(down.body.contains("database unavailable"), "{}", down.body);
}
