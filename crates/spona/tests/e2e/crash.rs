//! A crash during an upload, with the real binary: `kill -9` while a file streams into the
//! vault leaves no item behind, and the next start removes the unfinished temporary file.
//! SQLite only by nature: the server keeps its database in its own data directory.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::cookie::CookieStore;
use tokio::io::AsyncWriteExt;

use crate::harness::process::{self, free_port, output_text as text};
use crate::harness::{Client, Reply};

const EMAIL: &str = "lead@example.org";
const SECRET: &str = "Linden tree by the Danube";
const CHUNK: usize = 64 * 1024;
/// What the interrupted upload sends before the server is killed.
const SENT_BEFORE_KILL: usize = 8 * 1024 * 1024;
/// What the interrupted upload announces (and never finishes).
const ANNOUNCED: usize = 64 * 1024 * 1024;

/// A `spona serve` child process, killed and reaped when dropped (also when a test panics).
struct Server {
    child: Option<Child>,
    base: String,
    log: PathBuf,
}

impl Server {
    /// Starts `spona serve` on `port` over `data` and waits until `/healthz` answers.
    async fn start(data: &Path, port: u16, log: PathBuf) -> Server {
        let http = crate::harness::http()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut server = Server {
            child: None,
            base: format!("http://127.0.0.1:{port}"),
            log,
        };
        loop {
            if server.child.is_none() {
                let out = std::fs::File::create(&server.log).expect("log file");
                let err = out.try_clone().expect("log file");
                let child = spona_command(data)
                    .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
                    .stdin(Stdio::null())
                    .stdout(out)
                    .stderr(err)
                    .spawn()
                    .expect("spawn spona serve");
                server.child = Some(child);
            }
            let exited = server
                .child
                .as_mut()
                .and_then(|c| c.try_wait().expect("try_wait"));
            if let Some(status) = exited {
                // The port may still be taken for a moment after a kill: start again.
                assert!(
                    Instant::now() < deadline,
                    "spona serve exited with {status}: {}",
                    server.log_text()
                );
                server.child = None;
            } else if let Ok(r) = http.get(format!("{}/healthz", server.base)).send().await
                && r.status().is_success()
            {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "spona serve did not answer /healthz: {}",
                server.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `kill -9`: no shutdown handler runs, nothing is flushed or cleaned.
    fn kill_9(&mut self) {
        if let Some(mut child) = self.child.take() {
            // On Unix, `Child::kill` sends SIGKILL.
            child.kill().expect("kill -9");
            let status = child.wait().expect("wait");
            assert!(!status.success(), "killed, not exited: {status}");
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn spona_command(data: &Path) -> Command {
    let mut cmd = process::spona_command(data);
    cmd.env("SPONA_LOG", "info,sqlx=warn,tower_http=warn");
    cmd
}

/// Runs a one-off command of the binary with `stdin` as its input.
fn spona(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = spona_command(data);
    cmd.args(args);
    process::run(cmd, stdin)
}

/// The files in the vault's temporary upload directory, with their sizes.
fn temp_files(data: &Path) -> Vec<(PathBuf, u64)> {
    let dir = data.join("vault").join("blobs").join("tmp");
    std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                    (e.path(), len)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A second session of the same user, outside the harness client, whose cookies and CSRF token
/// a hand-written HTTP request can carry: `(Cookie header, CSRF token)`.
async fn raw_session(base: &str, email: &str, password: &str) -> (String, String) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let http = crate::harness::http()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let csrf = || async {
        let r = http
            .get(format!("{base}/en/signin"))
            .send()
            .await
            .expect("get");
        Reply {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.text().await.expect("body"),
        }
        .hidden("csrf")
    };
    let token = csrf().await;
    let once = spona_store::new_token();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", token.as_str()),
            ("once", once.as_str()),
            ("email", email),
            ("password", password),
            ("next", "/"),
        ])
        .finish();
    let r = http
        .post(format!("{base}/en/signin"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status().as_u16(), 303, "second sign-in");
    let token = csrf().await;
    let url = url::Url::parse(base).expect("url");
    let cookies = jar
        .cookies(&url)
        .expect("cookies")
        .to_str()
        .expect("ascii")
        .to_owned();
    (cookies, token)
}

#[tokio::test]
async fn a_server_killed_during_an_upload_leaves_no_item_and_cleans_up() {
    let data_dir = tempfile::tempdir().expect("tempdir");
    let logs = tempfile::tempdir().expect("tempdir");
    let data = data_dir.path();

    let out = spona(
        data,
        &["admin", "create-user", "--email", EMAIL, "--name", "Lead"],
        &format!("{SECRET}\n"),
    );
    assert!(out.status.success(), "create-user: {}", text(&out));

    let port = free_port();
    let mut server = Server::start(data, port, logs.path().join("first.log")).await;
    let c = Client::new(&server.base);
    let r = c.signin(EMAIL, SECRET).await;
    assert_eq!(r.status, 303, "sign-in: {}", r.body);
    let r = c.post("/en/vault/new", &[("title", "Crash case")]).await;
    assert_eq!(r.status, 303, "open case: {}", r.body);
    let case = r.location().rsplit('/').next().expect("id").to_owned();
    assert!(temp_files(data).is_empty(), "no upload in progress yet");

    // A browser's multipart upload, written by hand so that it can stop half way: the consent
    // field, the file's part header, then 8 MiB of the announced 64 MiB, 64 KiB at a time.
    let (cookies, csrf) = raw_session(&server.base, EMAIL, SECRET).await;
    let item = spona_store::new_id();
    let boundary = "spona-crash-boundary-41c2";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"documentation\"\r\n\r\non\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scene.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let length = head.len() + ANNOUNCED + tail.len();
    let request = format!(
        "POST /en/vault/cases/{case}/files?item={item} HTTP/1.1\r\n\
         Host: 127.0.0.1:{port}\r\n\
         Cookie: {cookies}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {length}\r\n\r\n{head}"
    );
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request head");
    let chunk: Vec<u8> = (0..CHUNK).map(|i| (i * 31 % 251) as u8).collect();
    let mut sent = 0;
    while sent < SENT_BEFORE_KILL {
        stream.write_all(&chunk).await.expect("upload chunk");
        stream.flush().await.expect("flush");
        sent += CHUNK;
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // The server has written a few MiB of the file to its temporary directory by now.
    let deadline = Instant::now() + Duration::from_secs(30);
    let partial = loop {
        let files = temp_files(data);
        if let Some(f) = files.iter().find(|(_, len)| *len >= 4 * 1024 * 1024) {
            break f.clone();
        }
        assert!(
            Instant::now() < deadline,
            "no partial upload in the temporary directory: {files:?}\n{}",
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        partial.0.extension().is_some_and(|e| e == "part"),
        "{partial:?}"
    );

    // kill -9 in the middle of the upload, the connection still open.
    server.kill_9();
    drop(stream);
    assert!(
        partial.0.exists(),
        "a killed server leaves its temporary file behind"
    );

    // The next start removes it and says so; nothing of the upload is visible.
    let server = Server::start(data, port, logs.path().join("second.log")).await;
    assert!(
        temp_files(data).is_empty(),
        "leftover temporary data: {:?}",
        temp_files(data)
    );
    let log = server.log_text();
    assert!(log.contains("removed unfinished vault uploads"), "{log}");
    let page = c.get(&format!("/en/vault/cases/{case}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("No items yet."), "{}", page.body);
    let item_page = c.get(&format!("/en/vault/cases/{case}/items/{item}")).await;
    assert_eq!(item_page.status, 404, "the interrupted item does not exist");
    let db = spona_store::Db::connect(&format!("sqlite://{}", data.join("spona.db").display()))
        .await
        .expect("sqlite");
    let state = spona_web::vault::VaultState::open(&data.join("vault"), None);
    let vault = state.get().map_err(|_| "closed").expect("the vault opens");
    let items = spona_store::vault::items(&db, &case, vault)
        .await
        .expect("items");
    assert!(items.is_empty(), "no partial item: {} items", items.len());
    let custody = spona_store::vault::custody(&db, &case, vault)
        .await
        .expect("custody");
    assert!(
        custody
            .iter()
            .all(|e| e.item_sha256.is_none() && !e.reason.contains(&item)),
        "the custody log records nothing of the interrupted upload"
    );
    db.close().await;
    let blobs = data.join("vault").join("blobs").join("blobs");
    let stored = std::fs::read_dir(&blobs)
        .expect("blobs")
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_dir(e.path()).ok())
        .flatten()
        .count();
    assert_eq!(stored, 0, "no blob was stored");
    let verify = spona(data, &["custody", "verify"], "");
    assert!(verify.status.success(), "{}", text(&verify));
    assert!(
        text(&verify).contains("all 1 cases verified"),
        "{}",
        text(&verify)
    );

    // The vault is usable: a whole upload (the same item id, retried) goes through.
    let original: Vec<u8> = (0..300 * 1024).map(|i| (i * 7 % 253) as u8).collect();
    let r = c
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={item}"),
            &[
                ("documentation", "on"),
                ("reason", "retried after the crash"),
            ],
            "file",
            "scene.mp4",
            "video/mp4",
            &original,
        )
        .await;
    assert_eq!(r.status, 303, "upload after the restart: {}", r.body);
    assert!(
        r.location().ends_with(&format!("/items/{item}")),
        "{}",
        r.location()
    );
    let (status, bytes, _) = c
        .bytes(&format!("/en/vault/cases/{case}/items/{item}/download"))
        .await;
    assert_eq!(status, 200);
    assert!(bytes == original, "the file comes back whole");
    assert!(temp_files(data).is_empty(), "{:?}", temp_files(data));
    let verify = spona(data, &["custody", "verify"], "");
    assert!(verify.status.success(), "{}", text(&verify));
    assert!(
        text(&verify).contains("1 files intact"),
        "{}",
        text(&verify)
    );
    drop(server);
}
