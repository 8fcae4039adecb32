//! Scale-out (issue 26): THREE `spona serve` processes on one PostgreSQL schema behind
//! Debian's nginx with round-robin, as `docs/deploy-several-servers.md` describes. A
//! resource saved through one server is found through the others (the writer at once:
//! read-your-writes; anyone within moments: the change notice); 20 wrong passwords spread
//! over the three servers meet the account limit as on one; a review-reminder job scheduled
//! on all three runs once; `kill -9` of one server while resources are being saved loses
//! none that was acknowledged. PostgreSQL only (SQLite serves one process); skipped with a
//! message without PostgreSQL or without nginx (`apt-get install nginx-light`).

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::harness::process::{free_port, spona_command};
use crate::harness::*;
use crate::mail_sink::db_url_of;

/// A child process killed (SIGKILL) and reaped when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn nginx_bin() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// nginx in the foreground, one process, its own configuration and temporary files in `dir`,
/// listening on `port` and passing requests round-robin to `upstreams`; each answer says
/// which server gave it (`x-upstream`).
fn nginx(bin: &Path, dir: &Path, port: u16, upstreams: &[u16]) -> Proc {
    std::fs::create_dir_all(dir).expect("nginx dir");
    let servers: String = upstreams
        .iter()
        .map(|p| format!("        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"))
        .collect();
    let d = dir.display();
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
         error_log {d}/error.log warn;\nevents {{ worker_connections 512; }}\n\
         http {{\n    access_log off;\n    client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n    uwsgi_temp_path {d}/uwsgi;\n    scgi_temp_path {d}/scgi;\n\
         client_max_body_size 0;\n    upstream spona {{\n{servers}        keepalive 16;\n    }}\n\
         server {{\n        listen 127.0.0.1:{port};\n        location / {{\n\
         proxy_pass http://spona;\n            proxy_http_version 1.1;\n\
         proxy_set_header Connection \"\";\n            proxy_set_header Host $http_host;\n\
         proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
         proxy_set_header X-Forwarded-Proto $scheme;\n\
         proxy_next_upstream error timeout http_502 http_503;\n\
         add_header X-Upstream $upstream_addr always;\n        }}\n    }}\n}}\n"
    );
    let path = dir.join("nginx.conf");
    std::fs::write(&path, conf).expect("nginx.conf");
    let log = std::fs::File::create(dir.join("stderr.log")).expect("log");
    let child = std::process::Command::new(bin)
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-c")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn nginx");
    Proc(child)
}

/// A `spona serve` child on its own data directory (its own search index), the vault's keys
/// shared with `app_dir` (as the guide says: every server has the same keys), on `db_url`.
fn server(
    app_dir: &Path,
    data: &Path,
    db_url: &str,
    port: u16,
    public: &str,
    log: &Path,
    follow: bool,
) -> Proc {
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
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--public-url", public])
        .env("SPONA_REVIEW_REMINDERS_FIRST_SECONDS", "2")
        // Only the change notice can make a server catch up within the test's seconds.
        .env("SPONA_INDEX_SAFETY_POLL_SECONDS", "3600")
        .env("SPONA_INDEX_FOLLOW", if follow { "on" } else { "off" })
        // Three servers beside the other tests on one PostgreSQL (max_connections 100):
        // each holds at most 6 + 3 connections instead of 16 + 3.
        .env("SPONA_DATABASE_POOL", "6")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    Proc(cmd.spawn().expect("spawn spona serve"))
}

async fn healthy(base: &str, log: &Path) {
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await
            && r.status() == 200
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{base} did not become healthy: {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn upstream(r: &Reply) -> String {
    r.headers
        .get("x-upstream")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn found(c: &Client, title: &str, id: &str) -> bool {
    let r = c
        .get(&format!(
            "/en/api/v1/resources?q={}",
            url::form_urlencoded::byte_serialize(title.as_bytes()).collect::<String>()
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body.contains(id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_servers_behind_nginx_share_search_limits_jobs_and_lose_nothing() {
    let Some(bin) = nginx_bin() else {
        eprintln!(
            "nginx is not installed (apt-get install nginx-light): the scale-out test is skipped"
        );
        return;
    };
    let mut app = TestApp::start().await;
    if !matches!(app.db, spona_store::Db::Postgres(_)) {
        eprintln!("scale-out runs on PostgreSQL (SPONA_TEST_DATABASE_URL): skipped on SQLite");
        return;
    }
    // The in-process server stops: three processes serve this schema.
    app.stop().await;
    let db_url = db_url_of(&app).await;
    let spona_store::Db::Postgres(pool) = &app.db else {
        unreachable!()
    };
    // A review date long past, for the job all three servers schedule.
    let stale = resource_id(&app.db, &fixture_title(&app.db).await).await;
    sqlx::query("UPDATE resources SET review_due = 1000 WHERE id = $1")
        .bind(&stale)
        .execute(pool)
        .await
        .expect("stale resource");
    let notices_before: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_queue WHERE recipient = $1 AND list_id = 'notices'",
    )
    .bind(ASTRA_ADMIN)
    .fetch_one(pool)
    .await
    .expect("mails");
    let tmp = tempfile::tempdir().expect("tmp");
    let front = free_port();
    let public = format!("http://127.0.0.1:{front}");
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let logs: Vec<PathBuf> = (0..3)
        .map(|i| tmp.path().join(format!("s{i}.log")))
        .collect();
    let mut servers: Vec<Option<Proc>> = (0..3)
        .map(|i| {
            Some(server(
                app.dir.path(),
                &tmp.path().join(format!("s{i}")),
                &db_url,
                ports[i],
                &public,
                &logs[i],
                // The third server does not follow: it finds a new resource for its writer
                // by read-your-writes alone.
                i != 2,
            ))
        })
        .collect();
    for (i, port) in ports.iter().enumerate() {
        healthy(&format!("http://127.0.0.1:{port}"), &logs[i]).await;
    }
    let _nginx = nginx(&bin, &tmp.path().join("nginx"), front, &ports);
    healthy(&public, &tmp.path().join("nginx/error.log")).await;
    let direct: Vec<Client> = ports
        .iter()
        .map(|p| Client::new(&format!("http://127.0.0.1:{p}")))
        .collect();

    // 1. Saved through the first server. The second (following, its safety read an hour
    //    away) finds it for an anonymous reader within moments: the change notice. The third
    //    (not following) does not, until its writer searches there: read-your-writes.
    let editor = Client::new(&public);
    assert_eq!(editor.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    let writer = Client::new(&format!("http://127.0.0.1:{}", ports[0]));
    assert_eq!(writer.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    let title = "Scale-out shelter protocol kestrel";
    let id = super::resources::create(&writer, &[("title", title), ("body", "Kestrel.")]).await;
    let started = Instant::now();
    loop {
        if found(&direct[1], "kestrel", &id).await {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the following server never heard of the resource saved through another"
        );
        // Within the search limit (300 a minute), which the servers share.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let lag = started.elapsed();
    println!("scale: an anonymous reader on another server found the new resource after {lag:?}");
    assert!(
        !found(&direct[2], "kestrel", &id).await,
        "the server that does not follow found the resource without read-your-writes"
    );
    let at_third = Client::new(&format!("http://127.0.0.1:{}", ports[2]));
    assert_eq!(at_third.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    assert!(
        found(&at_third, "kestrel", &id).await,
        "the writer's search through another server missed the saved resource"
    );
    // Through the front, round-robin: every server finds it for the writer.
    let mut answered_by = std::collections::BTreeSet::new();
    for _ in 0..3 {
        let r = editor
            .get(&format!("/en/api/v1/resources?q={}", "kestrel"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body.contains(&id),
            "the writer's search through {} missed the saved resource",
            upstream(&r)
        );
        answered_by.insert(upstream(&r));
    }
    assert_eq!(
        answered_by.len(),
        3,
        "round-robin over three: {answered_by:?}"
    );
    // 2. Twenty wrong passwords from one client, spread over the three servers, meet the
    //    limit of one server (five a minute per account and client).
    let guesser = Client::new(&public);
    let (mut wrong, mut limited) = (0, 0);
    let mut guessed_on = std::collections::BTreeSet::new();
    let t0 = Instant::now();
    for i in 0..20 {
        let r = guesser
            .signin(ZMINA_ADMIN, &format!("not the password {i}"))
            .await;
        guessed_on.insert(upstream(&r));
        match r.status {
            401 => wrong += 1,
            429 => {
                assert!(
                    r.headers.contains_key("retry-after"),
                    "429 without Retry-After"
                );
                limited += 1
            }
            s => panic!("guess {i}: {s} {}", r.body),
        }
    }
    // One more may pass for every 12 s the guesses took (the quota refills), on a slow machine.
    let refilled = t0.elapsed().as_secs() as usize / 12;
    println!(
        "scale: 20 guesses over {:?}: {wrong} checked, {limited} refused ({:?})",
        guessed_on,
        t0.elapsed()
    );
    assert!(
        guessed_on.len() >= 2,
        "the guesses reached one server only: {guessed_on:?}"
    );
    assert!(
        wrong <= 5 + refilled,
        "{wrong} of 20 guesses were checked: the servers did not share the limit"
    );
    assert_eq!(wrong + limited, 20);

    // Each server's health check: the database answers, the limits are shared, the index of
    // the following servers is not behind.
    for (i, c) in direct.iter().enumerate() {
        let r = c.get("/healthz").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let h: serde_json::Value = serde_json::from_str(&r.body).expect("health JSON");
        assert_eq!(h["database"]["kind"], "postgres", "{}", r.body);
        assert_eq!(h["rate_limits"], "database", "{}", r.body);
        if i < 2 {
            assert_eq!(h["search_index"]["behind"], 0, "{}", r.body);
        }
    }

    // 3. The review reminders, scheduled on all three (two seconds after each start), ran
    //    once: one run recorded, one mail to the owner's admin.
    let deadline = Instant::now() + Duration::from_secs(120);
    let runs = loop {
        if let Some(r) = spona_store::jobs::runs(&app.db, "review-reminders")
            .await
            .expect("runs")
        {
            break r;
        }
        assert!(Instant::now() < deadline, "the review reminders never ran");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Every server has looked by now (each looks two seconds after its start, then every 15 s).
    tokio::time::sleep(Duration::from_secs(3)).await;
    let again = spona_store::jobs::runs(&app.db, "review-reminders")
        .await
        .expect("runs")
        .expect("run");
    assert_eq!(again, runs);
    assert_eq!(runs.0, 1, "review reminders ran {} times", runs.0);
    let mails: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_queue WHERE recipient = $1 AND list_id = 'notices'",
    )
    .bind(ASTRA_ADMIN)
    .fetch_one(pool)
    .await
    .expect("mails");
    assert_eq!(
        mails - notices_before,
        1,
        "the reminder was mailed {} times",
        mails - notices_before
    );

    // 4. kill -9 of one server while resources are being saved through the front: every
    //    save acknowledged (303) is in the database and found through the others.
    let mut acknowledged = Vec::new();
    let mut failed = 0;
    for i in 0..24 {
        if i == 8 {
            let mut victim = servers[1].take().expect("server");
            victim.0.kill().expect("kill -9");
            let _ = victim.0.wait();
        }
        let title = format!("Kill test note {i} wagtail");
        let r = editor
            .post(
                "/en/resources/new",
                &[
                    &super::resources::FORM_DEFAULTS[..],
                    &[("title", &title), ("body", "Saved while a server died.")],
                ]
                .concat(),
            )
            .await;
        if r.status == 303 {
            let id = r.location().rsplit('/').next().expect("id").to_owned();
            acknowledged.push((title, id));
        } else {
            failed += 1;
        }
    }
    println!(
        "scale: {} saves acknowledged, {failed} refused while one of three servers died",
        acknowledged.len()
    );
    assert!(acknowledged.len() >= 20, "{failed} saves failed");
    for (title, id) in &acknowledged {
        let r = spona_store::resources::get(&app.db, id).await;
        assert!(
            r.is_ok(),
            "acknowledged {title} ({id}) is not in the database"
        );
    }
    for alive in [0, 2] {
        let c = Client::new(&format!("http://127.0.0.1:{}", ports[alive]));
        assert_eq!(c.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
        let mut bodies = String::new();
        for page in 1..=2 {
            let r = c
                .get(&format!("/en/api/v1/resources?q=wagtail&page={page}"))
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            bodies.push_str(&r.body);
        }
        for (title, id) in &acknowledged {
            assert!(
                bodies.contains(id.as_str()),
                "server {alive} does not find {title}"
            );
        }
    }
    drop(servers);
}

/// The title of a fixture resource owned by ASTRA.
async fn fixture_title(db: &spona_store::Db) -> String {
    spona_store::resources::changed_since(db, 0, 1000)
        .await
        .expect("resources")
        .into_iter()
        .find(|r| r.owner_slug == "astra")
        .and_then(|r| r.variants.first().map(|v| v.title.clone()))
        .expect("an ASTRA resource")
}
