//! Several servers on one PostgreSQL (issue 26): each test opens one pool per "server" on a
//! fresh schema. The shared rate limiter never lets more through than its quota whatever
//! the callers' interleaving; two servers migrating one database at once leave it migrated
//! once; a job's lock is held by one server at a time and let go when its holder dies; the
//! resource change notice reaches a listener. PostgreSQL only (SQLite serves one process).

use std::time::{Duration, Instant};

use spona_store::Db;
use spona_store::rate_buckets::{self, Quota};

fn pg_url() -> Option<String> {
    match std::env::var("SPONA_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => Some(url),
        _ => {
            eprintln!(
                "SPONA_TEST_DATABASE_URL names no PostgreSQL: scale-out is checked on PostgreSQL runs"
            );
            None
        }
    }
}

/// `n` pools ("servers") on one fresh schema, migrated by the first.
async fn servers(url: &str, n: usize, migrate: bool) -> Vec<Db> {
    let schema = format!("t_scale_{}", uuid::Uuid::new_v4().simple());
    let mut dbs = Vec::new();
    for _ in 0..n {
        dbs.push(
            Db::connect_in_schema(url, Some(&schema))
                .await
                .expect("postgres"),
        );
    }
    if migrate {
        dbs[0].migrate().await.expect("migrate");
    }
    dbs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_on_three_servers_never_pass_the_quota() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 3, true).await;
    // Ten an hour at once, then one every six minutes: no refill within any test's time.
    let quota = Quota::per_hour(10, 10);
    let mut tasks = tokio::task::JoinSet::new();
    // 30 callers, ten per server (within each pool of 16): at 90 (30 per pool) all queued on
    // the one bucket's row, and on a loaded machine the last waited past the pool's 10 s.
    for i in 0..30 {
        let db = dbs[i % 3].clone();
        tasks.spawn(async move { rate_buckets::take(&db, "signin-account:k", quota).await });
    }
    let (mut passed, mut refused) = (0, 0);
    while let Some(r) = tasks.join_next().await {
        match r.expect("task").expect("take") {
            None => passed += 1,
            Some(wait_ms) => {
                assert!(wait_ms > 0 && wait_ms <= 360_000, "wait {wait_ms} ms");
                refused += 1;
            }
        }
    }
    assert_eq!((passed, refused), (10, 20));
    // Another key has its own bucket.
    assert_eq!(
        rate_buckets::take(&dbs[1], "signin-account:other", quota)
            .await
            .expect("take"),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_factor_back_off_is_shared_and_ends_with_a_right_code() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 2, true).await;
    let key = "totp-backoff:u";
    for db in [&dbs[0], &dbs[1]] {
        assert_eq!(
            rate_buckets::backoff_wait(db, key).await.expect("wait"),
            None
        );
        rate_buckets::backoff_failed(db, key, 3, 900_000)
            .await
            .expect("failed");
    }
    assert_eq!(
        rate_buckets::backoff_wait(&dbs[0], key)
            .await
            .expect("wait"),
        None
    );
    // The third wrong code in a row, on either server: both make the account wait.
    rate_buckets::backoff_failed(&dbs[0], key, 3, 900_000)
        .await
        .expect("failed");
    let wait = rate_buckets::backoff_wait(&dbs[1], key)
        .await
        .expect("wait");
    assert!(wait.is_some_and(|w| w > 0 && w <= 2000), "{wait:?}");
    rate_buckets::backoff_passed(&dbs[1], key)
        .await
        .expect("passed");
    assert_eq!(
        rate_buckets::backoff_wait(&dbs[0], key)
            .await
            .expect("wait"),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_migrating_at_once_migrate_once() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 2, false).await;
    let (a, b) = tokio::join!(dbs[0].migrate(), dbs[1].migrate());
    a.expect("the first server's migration");
    b.expect("the second server's migration");
    let Db::Postgres(pool) = &dbs[0] else {
        unreachable!()
    };
    let (rows, distinct): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(DISTINCT version) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(pool)
    .await
    .expect("migrations");
    assert_eq!(rows, distinct, "a migration recorded twice");
    let files = std::fs::read_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres"),
    )
    .expect("dir")
    .filter(|e| {
        e.as_ref()
            .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".sql"))
    })
    .count();
    assert_eq!(rows as usize, files);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jobs_lock_is_held_by_one_server_and_let_go_when_it_dies() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 2, true).await;
    let mut held = spona_store::jobs::try_lock(&dbs[0], "review-reminders")
        .await
        .expect("lock")
        .expect("free at first");
    assert!(held.due().await.expect("due"), "a job never run is due");
    assert!(
        spona_store::jobs::try_lock(&dbs[1], "review-reminders")
            .await
            .expect("lock")
            .is_none(),
        "held by the first server"
    );
    // Another job is free meanwhile.
    let other = spona_store::jobs::try_lock(&dbs[1], "group-digests")
        .await
        .expect("lock")
        .expect("another job");
    other.release().await;
    // The holder "dies" mid-job (its connection closes without unlocking): the job is
    // still due, and the other server takes it.
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut second = loop {
        if let Some(l) = spona_store::jobs::try_lock(&dbs[1], "review-reminders")
            .await
            .expect("lock")
        {
            break l;
        }
        assert!(
            Instant::now() < deadline,
            "the dead holder's lock was never let go"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(second.due().await.expect("due"));
    second
        .done(spona_store::now() + 3600, "second")
        .await
        .expect("done");
    second.release().await;
    // Done: the first server may lock it again, but it is not due for an hour.
    held = spona_store::jobs::try_lock(&dbs[0], "review-reminders")
        .await
        .expect("lock")
        .expect("released");
    assert!(!held.due().await.expect("due"));
    held.release().await;
    assert_eq!(
        spona_store::jobs::runs(&dbs[0], "review-reminders")
            .await
            .expect("runs"),
        Some((1, "second".to_owned()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resource_change_is_heard_by_the_other_servers_listener() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 2, true).await;
    let mut listener = spona_store::changes::Listener::connect(&dbs[1])
        .await
        .expect("listen")
        .expect("postgres");
    let Db::Postgres(pool) = &dbs[0] else {
        unreachable!()
    };
    let seq: i64 = sqlx::query_scalar(
        "UPDATE meta SET value = value + 1 WHERE key = 'resource_seq' RETURNING value",
    )
    .fetch_one(pool)
    .await
    .expect("bump");
    let heard = tokio::time::timeout(Duration::from_secs(30), listener.next())
        .await
        .expect("a notice within 30 s")
        .expect("listen");
    assert_eq!(heard, Some(seq));
}

/// The figure behind the choice of `spona_app::hub_follow`: what one read of the change
/// number costs a search (a signed-in reader's), against a notice that costs searches
/// nothing. Printed, not asserted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_change_number_read_costs_a_search_little() {
    let Some(url) = pg_url() else { return };
    let dbs = servers(&url, 1, true).await;
    let dir = tempfile::tempdir().expect("tmp");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("s.db").display()))
        .await
        .expect("sqlite");
    sqlite.migrate().await.expect("migrate");
    for (name, db) in [("postgres", &dbs[0]), ("sqlite", &sqlite)] {
        for _ in 0..100 {
            spona_store::resources::current_seq(db).await.expect("seq");
        }
        let n = 2000;
        let started = Instant::now();
        for _ in 0..n {
            spona_store::resources::current_seq(db).await.expect("seq");
        }
        println!(
            "change-number read on {name}: {:.1} µs each ({n} in a row)",
            started.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}
