//! The quiz under the real binary (issue 23), SQLite (the server keeps its database in its
//! own data directory): `serve --demo` behind a trusted proxy, 1,000 sessions of the demo
//! quiz from one distinctive address; then a burst of answers is cut by `kill -9`, and after
//! a restart every answer the server acknowledged (303) is there. Last, the address is in
//! no file of the data directory (database, WAL) and nowhere in the server's debug log.

use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::process::{free_port, spona_command};

const ADDR: &str = "198.51.100.77";
const SLUG: &str = "stop-trafficking";

struct Server(Option<Child>);

impl Server {
    fn kill(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill(); // SIGKILL on Unix: kill -9
            let _ = c.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn serve(data: &Path, port: u16, log: &Path) -> Server {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("log");
    let child = spona_command(data)
        .args([
            "serve",
            "--demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--trusted-proxy",
            "127.0.0.1",
        ])
        .env("SPONA_LOG", "debug")
        .stdout(Stdio::from(file.try_clone().expect("log")))
        .stderr(Stdio::from(file))
        .spawn()
        .expect("spawn");
    let server = Server(Some(child));
    let probe = crate::harness::http().build().expect("client");
    let deadline = Instant::now() + Duration::from_secs(180);
    while Instant::now() < deadline {
        let ok = probe
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if ok {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!(
        "server did not start: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

fn client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", ADDR.parse().expect("header"));
    crate::harness::http()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

fn hidden(body: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let start = body.find(&needle).expect("input") + needle.len();
    body[start..start + body[start..].find('"').expect("quote")].to_owned()
}

fn holding(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(holding(&p, needle));
        } else if std::fs::read(&p).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle)) {
            found.push(p.display().to_string());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_loses_no_acknowledged_answer_and_no_address_is_kept() {
    if std::env::var("SPONA_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        // The binary's own database is SQLite in its data directory; the PostgreSQL run
        // checks the tables in `quiz_canary.rs`.
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("server.log");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(&data, port, &log).await;

    // 1,000 sessions from one address, each answering the first question, 8 at a time.
    let sessions = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (base, sessions) = (base.clone(), sessions.clone());
        tasks.push(tokio::spawn(async move {
            let c = client();
            let page = c
                .get(format!("{base}/en/q/{SLUG}"))
                .send()
                .await
                .expect("landing");
            let csrf = hidden(&page.text().await.expect("body"), "csrf");
            for _ in 0..125 {
                let r = c
                    .post(format!("{base}/en/q/{SLUG}/start"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form(&[("csrf", csrf.as_str())]))
                    .send()
                    .await
                    .expect("start");
                assert_eq!(r.status(), 303);
                let first = r.headers()["location"]
                    .to_str()
                    .expect("location")
                    .to_owned();
                let r = c
                    .post(format!("{base}{first}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form(&[("csrf", csrf.as_str()), ("choice", "1")]))
                    .send()
                    .await
                    .expect("answer");
                assert_eq!(r.status(), 303);
                let path = first.trim_end_matches("/1").to_owned();
                sessions.lock().expect("lock").push((path, csrf.clone()));
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let sessions: Vec<(String, String)> = sessions.lock().expect("lock").clone();
    assert_eq!(sessions.len(), 1000);

    // A burst of second answers, cut by kill -9.
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for chunk in sessions.chunks(125) {
        let (base, acked, chunk) = (base.clone(), acked.clone(), chunk.to_vec());
        tasks.push(tokio::spawn(async move {
            let c = client();
            // The CSRF cookie is per client: take a new one.
            let page = c.get(format!("{base}/en/q/{SLUG}")).send().await;
            let Ok(page) = page else { return };
            let csrf = hidden(&page.text().await.unwrap_or_default(), "csrf");
            for (path, _) in chunk {
                let r = c
                    .post(format!("{base}{path}/2"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form(&[
                        ("csrf", csrf.as_str()),
                        ("choice", "0"),
                        ("choice", "1"),
                    ]))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status() == 303 => acked.lock().expect("lock").push(path),
                    Ok(r) => panic!("answer refused: {}", r.status()),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    let started = Instant::now();
    while acked.lock().expect("lock").len() < 150 && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for t in tasks {
        t.await.expect("task");
    }
    let acked: Vec<String> = acked.lock().expect("lock").clone();
    assert!(
        acked.len() >= 150,
        "only {} answers before the kill",
        acked.len()
    );
    assert!(acked.len() < 1000, "the kill came after the burst");

    let mut server = serve(&data, port, &log).await;
    let c = client();
    for path in &acked {
        let r = c
            .get(format!("{base}{path}/2/feedback"))
            .send()
            .await
            .expect("feedback");
        assert_eq!(r.status(), 200, "acknowledged answer of {path} lost");
    }
    server.kill();

    let files = holding(&data, ADDR.as_bytes());
    assert!(files.is_empty(), "the address is in {files:?}");
    assert!(
        !holding(&data, SLUG.as_bytes()).is_empty(),
        "the scan reads the database"
    );
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(logged.len() > 1000, "the server logged");
    assert!(!logged.contains(ADDR), "the address is in the server's log");
}
