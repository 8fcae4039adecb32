//! The SMTP sink of the mail tests: `tests/mail/sink.py` (aiosmtpd) as a child process on
//! loopback, storing each message it accepts as a file, and `tests/mail/check.py`, which
//! parses them with Python's `email` package and verifies DKIM with dkimpy.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::process::{free_port, spona_command};

pub fn mail_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/mail")
}

/// The SMTP sink as a child process, stopped when dropped.
pub struct Sink {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl Sink {
    pub fn start(dir: &Path, args: &[&str]) -> Sink {
        Self::start_on(dir, free_port(), args)
    }

    pub fn start_on(dir: &Path, port: u16, args: &[&str]) -> Sink {
        let out = dir.with_extension("log");
        let mut child = Command::new("python3")
            .arg(mail_dir().join("sink.py"))
            .arg(dir)
            .args(["--port", &port.to_string()])
            .args(args)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).expect("sink log"))
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 tests/mail/sink.py");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !std::fs::read_to_string(&out)
            .unwrap_or_default()
            .starts_with("ready")
        {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the SMTP sink exited with {status} (is aiosmtpd installed?)");
            }
            assert!(Instant::now() < deadline, "the SMTP sink did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Sink {
            child,
            port,
            dir: dir.to_owned(),
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none&timeout=5", self.port)
    }

    /// The stored messages, oldest first.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Waits (up to `secs`) until `n` messages arrived; returns them.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let files = self.files();
            if files.len() >= n {
                return files;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} messages arrived",
                files.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn check(args: &[&str]) -> Value {
    let out = Command::new("python3")
        .arg(mail_dir().join("check.py"))
        .args(args)
        .output()
        .expect("python3 tests/mail/check.py");
    assert!(
        out.status.success(),
        "check.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// A child process killed when dropped (also when a test fails).
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `spona serve` child on the data directory `data` (its vault linked to `app_dir`'s)
/// sending the queue of the database `db_url` to `smtp`, with `args` and `env` besides;
/// its output appended to `log`.
pub fn sending_server(
    app_dir: &Path,
    data: &Path,
    db_url: &str,
    smtp: &str,
    args: &[&str],
    env: &[(&str, &Path)],
    log: &Path,
) -> Killed {
    std::fs::create_dir_all(data).expect("data dir");
    if !data.join("vault").exists() {
        std::os::unix::fs::symlink(app_dir.join("vault"), data.join("vault")).expect("vault link");
    }
    let out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("log");
    let err = out.try_clone().expect("log");
    let mut cmd = spona_command(data);
    cmd.arg("--database-url")
        .arg(db_url)
        .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
        .args(["--smtp-url", smtp])
        .args(args)
        .env("SPONA_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().map(Killed).expect("spawn spona serve")
}

/// The database URL a child process reaches `app`'s database with.
pub async fn db_url_of(app: &crate::harness::TestApp) -> String {
    match app.cli_database_url().await {
        Some(url) => url,
        None => format!("sqlite://{}", app.dir.path().join("spona.db").display()),
    }
}
