//! Issue 26, item 8: PostgreSQL away for a while under a running `spona serve`. The server
//! reaches the database through a small TCP proxy in this test, which is stopped (every
//! connection cut, the port refusing) and started again; the shared PostgreSQL itself is
//! never touched. While it is away the server answers clear 503s (never a 500, never a
//! hang past the pool's wait) and `/healthz` says the database is unavailable; once it is
//! back the same process serves again without a restart: sign-in, a save, and a change
//! made by another writer reaching its search index through the change notice (its
//! listening connection came back by itself). PostgreSQL only.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::harness::process::{free_port, spona_command};
use crate::harness::*;
use crate::mail_sink::db_url_of;

/// A TCP proxy on a fixed loopback port to PostgreSQL that can be stopped (its listener
/// closed and every connection through it cut) and started again on the same port.
struct Proxy {
    port: u16,
    target: SocketAddr,
    accept: Option<JoinHandle<()>>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(target: SocketAddr) -> Proxy {
        let mut p = Proxy {
            port: free_port(),
            target,
            accept: None,
            links: Arc::default(),
        };
        p.resume().await;
        p
    }

    async fn resume(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("proxy bind");
        let (target, links) = (self.target, self.links.clone());
        self.accept = Some(tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                links.lock().expect("links").push(link);
            }
        }));
    }

    /// Closes the port and cuts every connection: PostgreSQL is gone, as far as the
    /// server can tell.
    async fn stop(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
            let _ = accept.await;
        }
        let links: Vec<_> = std::mem::take(&mut *self.links.lock().expect("links"));
        for link in links {
            link.abort();
        }
    }
}

struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn status_of(c: &Client, path: &str) -> (u16, Duration) {
    let t = Instant::now();
    let r = c.get(path).await;
    (r.status, t.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answers_503_while_postgresql_is_away_and_recovers_without_a_restart() {
    let mut app = TestApp::start().await;
    if !matches!(app.db, spona_store::Db::Postgres(_)) {
        eprintln!("PostgreSQL away: runs on PostgreSQL (SPONA_TEST_DATABASE_URL): skipped");
        return;
    }
    app.stop().await;
    // The test's schema, reached through the proxy instead of directly.
    let direct = url::Url::parse(&db_url_of(&app).await).expect("database url");
    let target: SocketAddr = format!(
        "{}:{}",
        direct.host_str().expect("host"),
        direct.port().unwrap_or(5432)
    )
    .parse()
    .expect("PostgreSQL's address (an IP)");
    let mut proxy = Proxy::start(target).await;
    let mut via = direct.clone();
    via.set_port(Some(proxy.port)).expect("port");

    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    std::os::unix::fs::symlink(app.dir.path().join("vault"), data.join("vault")).expect("vault");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let log = tmp.path().join("serve.log");
    let out = std::fs::File::create(&log).expect("log");
    let mut cmd = spona_command(&data);
    cmd.arg("--database-url")
        .arg(via.as_str())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--public-url", &base])
        // Only the change notice (its connection listening again) can bring a change
        // made elsewhere into the index within the test's seconds.
        .env("SPONA_INDEX_SAFETY_POLL_SECONDS", "3600")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("log"))
        .stderr(out);
    let _server = Served(cmd.spawn().expect("spawn spona serve"));
    let anon = Client::new(&base);
    let deadline = Instant::now() + Duration::from_secs(120);
    let http = http().build().expect("client");
    while !http
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        assert!(
            Instant::now() < deadline,
            "the server did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let writer = Client::new(&base);
    assert_eq!(writer.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    super::resources::create(&writer, &[("title", "Before the outage osprey")]).await;

    // The form's token is fetched now: the sign-in page may need the database too.
    let csrf = writer.csrf().await;
    let once = spona_store::new_token();

    // PostgreSQL away.
    proxy.stop().await;
    let down = Instant::now();
    let mut seen = std::collections::BTreeMap::<String, u16>::new();
    let mut slowest = Duration::ZERO;
    for path in [
        "/healthz",
        "/en/resources",
        "/en/api/v1/resources?q=osprey",
        "/en/orgs/astra",
        "/healthz",
    ] {
        let (status, took) = status_of(&anon, path).await;
        slowest = slowest.max(took);
        seen.insert(format!("{path} ({took:.1?})"), status);
        assert!(
            status == 503 || (status == 200 && path != "/healthz"),
            "{path} while PostgreSQL is away: {status}"
        );
    }
    let h = anon.get("/healthz").await;
    assert_eq!(h.status, 503, "{}", h.body);
    assert!(h.body.contains("database unavailable"), "{}", h.body);
    let save = writer
        .post_raw(
            "/en/resources/new",
            &[
                &[("csrf", csrf.as_str()), ("once", once.as_str())][..],
                &super::resources::FORM_DEFAULTS[..],
                &[("title", "During the outage"), ("body", "Not saved.")],
            ]
            .concat(),
        )
        .await;
    assert_eq!(save.status, 503, "a save while PostgreSQL is away");
    println!(
        "scale faults: while PostgreSQL was away: {seen:?}; a save: {}; slowest answer \
         {slowest:.1?}",
        save.status
    );
    assert!(
        save.body.contains("database") || save.body.contains("Database"),
        "the 503 names the database: {}",
        save.body
    );
    assert!(
        slowest < Duration::from_secs(15),
        "an answer took {slowest:?} while PostgreSQL was away"
    );
    // Away a while longer: the pool's connection attempts keep failing meanwhile.
    let away = Duration::from_secs(12);
    if let Some(rest) = away.checked_sub(down.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    assert_eq!(anon.get("/healthz").await.status, 503);

    // Back, without a restart of the server.
    proxy.resume().await;
    let back = Instant::now();
    while anon.get("/healthz").await.status != 200 {
        assert!(
            back.elapsed() < Duration::from_secs(30),
            "the server did not recover: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recovered = back.elapsed();
    let again = Client::new(&base);
    assert_eq!(again.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    let id = super::resources::create(&again, &[("title", "After the outage heron")]).await;
    let r = again.get(&format!("/en/resources/{id}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Another writer (straight to the database, as another server would): the server's
    // listening connection is back, so its index hears of it within moments.
    let astra = spona_store::orgs::load_all(&app.db)
        .await
        .expect("orgs")
        .into_iter()
        .find(|o| o.slug == "astra")
        .expect("astra")
        .id;
    let elsewhere = crate::harness::resource_in_db(
        &app.db,
        &astra,
        ("policy-brief", "en"),
        ("Elsewhere after the outage bittern", ""),
        "nobody",
    )
    .await;
    let heard = Instant::now();
    loop {
        let r = anon.get("/en/api/v1/resources?q=bittern").await;
        assert_eq!(r.status, 200, "{}", r.body);
        if r.body.contains(&elsewhere) {
            break;
        }
        assert!(
            heard.elapsed() < Duration::from_secs(15),
            "the index never heard of a change made after PostgreSQL came back"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "scale faults: healthy again {recovered:.1?} after PostgreSQL came back; \
         a change made elsewhere found after {:.1?}",
        heard.elapsed()
    );
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!log.contains("panicked"), "{log}");
}
