//! The memory of the `spona` process during a digest run, not of the test process (run by
//! `bench/digest.sh`, ignored in the suite). SUBSCRIBERS members (default 10,000) of one
//! group are due for a daily digest of 21 posts; then
//! 1. `spona digests run` (the same `spona_app::groups::digest::run` the server's loop
//!    calls) runs as its own process: its peak RSS (VmHWM of /proc/PID/status) against a
//!    run with none due;
//! 2. with `SERVE=1`, `spona serve` runs the digests in its own loop (a minute after its
//!    start) and sends them to the SMTP sink: its RSS before, its peak once the digests are
//!    queued, and once the queue is empty.
//!
//! `MALLOC_ARENA_MAX` and other variables of the environment reach the child as they are.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::bench_util::{env_num, status_kib};
use crate::groups_bench::{exec, seed_subscribers, thread_of};
use crate::harness::process::free_port;
use crate::harness::*;
use crate::mail_sink::{Killed, Sink};

/// Reads a child's peak RSS every 5 ms until it exits (the peak only grows, so the last
/// reading is the peak but for at most 5 ms).
struct Watch {
    peak: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
}

impl Watch {
    fn start(pid: u32) -> Watch {
        let peak = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (p, d) = (Arc::clone(&peak), Arc::clone(&done));
        std::thread::spawn(move || {
            while !d.load(Ordering::Relaxed) {
                match status_kib(Some(pid), "VmHWM:") {
                    0 => return,
                    kib => p.fetch_max(kib, Ordering::Relaxed),
                };
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        Watch { peak, done }
    }

    fn peak_mib(&self) -> f64 {
        self.peak.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

fn spona(app_dir: &Path, db_url: &Option<String>) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_spona"));
    cmd.arg("--data-dir").arg(app_dir);
    if let Some(url) = db_url {
        cmd.arg("--database-url").arg(url);
    }
    cmd.env_remove("SPONA_DATABASE_URL")
        .env_remove("SPONA_VAULT_KEY_FILE")
        .env("SPONA_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

/// `spona digests run` as a process: (peak RSS in MiB, seconds, its output).
fn digests_run(app_dir: &Path, db_url: &Option<String>) -> (f64, f64, String) {
    let start = Instant::now();
    let child = spona(app_dir, db_url)
        .args(["digests", "run"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spona digests run");
    let watch = Watch::start(child.id());
    let out = child.wait_with_output().expect("digests run");
    let secs = start.elapsed().as_secs_f64();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    (watch.peak_mib(), secs, text.trim().to_owned())
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(p)
                .await
        }
    }
    .expect("count")
}

/// Every member due again, no digest queued.
async fn reset(app: &TestApp) {
    exec(&app.db, "DELETE FROM mail_queue".into()).await;
    exec(&app.db, "UPDATE group_members SET digest_until = 0".into()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/digest.sh"]
async fn bench_digest_memory_of_the_spona_process() {
    let subscribers = env_num("SUBSCRIBERS", 10_000);
    let mut app = TestApp::start_with(|c| c.mail.sending = false).await;
    let (group, _, _) = thread_of(&app, 20).await;
    seed_subscribers(&app, &group, subscribers).await;
    // The test's own server stops: its loops must not run the digests too.
    app.stop().await;
    let db_url = app.cli_database_url().await;
    let kind = app.db.kind();

    // 1. `spona digests run`, a process of its own.
    let (peak, secs, out) = digests_run(app.dir.path(), &db_url);
    let queued = count(&app, "SELECT COUNT(*) FROM mail_queue").await;
    assert_eq!(queued, subscribers as i64, "{out}");
    let (idle_peak, _, idle_out) = digests_run(app.dir.path(), &db_url);
    assert!(idle_out.starts_with("0 digest(s)"), "{idle_out}");
    println!(
        "digest memory ({kind}, MALLOC_ARENA_MAX={}): `spona digests run` for {subscribers} subscribers: {secs:.1} s, peak RSS {peak:.0} MiB; with none due {idle_peak:.0} MiB; the run's own {:.0} MiB",
        std::env::var("MALLOC_ARENA_MAX").unwrap_or_else(|_| "unset".into()),
        peak - idle_peak
    );

    // 2. The server's loop, sending to the sink.
    if std::env::var("SERVE").is_err() {
        return;
    }
    reset(&app).await;
    let tmp = tempfile::tempdir().expect("tmp");
    let sink = Sink::start(&tmp.path().join("sink"), &[]);
    let smtp = format!("{}&connections=4", sink.url());
    let child = spona(app.dir.path(), &db_url)
        .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
        .args(["--smtp-url", &smtp])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map(Killed)
        .expect("spona serve");
    let pid = child.0.id();
    let watch = Watch::start(pid);
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut before = None;
    let mut at_queued = None;
    loop {
        let queued = count(&app, "SELECT COUNT(*) FROM mail_queue").await;
        if queued == 0 {
            before = Some(status_kib(Some(pid), "VmRSS:"));
        } else if queued >= subscribers as i64 && at_queued.is_none() {
            at_queued = Some(watch.peak_mib());
        }
        if queued >= subscribers as i64
            && count(
                &app,
                "SELECT COUNT(*) FROM mail_queue WHERE due_at IS NOT NULL",
            )
            .await
                == 0
        {
            break;
        }
        assert!(Instant::now() < deadline, "{queued} queued; not done");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "digest memory ({kind}): `spona serve` for {subscribers} subscribers: RSS before the digests {:.0} MiB, peak once queued {:.0} MiB, peak once sent {:.0} MiB ({} messages at the sink)",
        before.unwrap_or(0) as f64 / 1024.0,
        at_queued.unwrap_or(0.0),
        watch.peak_mib(),
        sink.files().len()
    );
    drop(child);
}
