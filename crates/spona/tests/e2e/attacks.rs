//! The penetration test's findings (issue 14), each reproduced as an attack that must fail.

use std::time::{Duration, Instant};

use crate::harness::*;

/// Item 2: a stolen session cannot guess the current password without limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_current_passwords_are_limited() {
    let app = TestApp::start().await;
    let c = app.signed_in(ATINA_ADMIN).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r = c
            .post(
                "/en/account/password",
                &[
                    ("current", "not the password!"),
                    ("password", "Another long passphrase 42"),
                    ("password2", "Another long passphrase 42"),
                ],
            )
            .await;
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..4], &[422; 4], "{statuses:?}");
    assert_eq!(statuses[6], 429, "{statuses:?}");
    let r = c
        .post("/en/account/totp/disable", &[("current", PASSWORD)])
        .await;
    assert_eq!(r.status, 429, "the same limit covers every password check");
}

/// Item 2 and 12: many password checks at once (unknown accounts, from many addresses)
/// run off the async workers under a server-wide ceiling; the server keeps answering.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_password_checks_leave_the_server_responsive() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let c = app.client();
        tasks.push(tokio::spawn(async move {
            c.post_with(
                "/en/signin",
                &[
                    ("email", &format!("nobody{i}@example.org")),
                    ("password", "guess guess guess"),
                ],
                ("x-forwarded-for", &format!("198.51.100.{i}")),
            )
            .await
            .status
        }));
    }
    let probe = app.client();
    let mut slowest = Duration::ZERO;
    tokio::time::sleep(Duration::from_millis(200)).await;
    while tasks.iter().any(|t| !t.is_finished()) {
        let t = Instant::now();
        assert_eq!(probe.get("/healthz").await.status, 200);
        slowest = slowest.max(t.elapsed());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for t in tasks {
        let status = t.await.expect("task");
        assert!(status == 401 || status == 429, "{status}");
    }
    assert!(
        slowest < Duration::from_millis(750),
        "/healthz took {slowest:?} while passwords were checked"
    );
}

/// Item 12: an IPv6 client is counted by its /64, not by each of its addresses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_clients_are_limited_by_their_64() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let c = app.client();
    let mut last = 0;
    for i in 1..=7 {
        let r = c
            .post_with(
                "/en/reset",
                &[("email", "x@example.org")],
                ("x-forwarded-for", &format!("2001:db8:7:7::{i:x}")),
            )
            .await;
        last = r.status;
    }
    assert_eq!(
        last, 429,
        "rotating through one /64 does not escape the limit"
    );
    let r = c
        .post_with(
            "/en/reset",
            &[("email", "x@example.org")],
            ("x-forwarded-for", "2001:db8:7:8::1"),
        )
        .await;
    assert_ne!(r.status, 429, "another /64 is another client");
}

async fn connect(app: &TestApp) -> tokio::net::TcpStream {
    tokio::net::TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads until the server closes the connection (or `within` passes: `None`).
async fn read_until_closed(s: &mut tokio::net::TcpStream, within: Duration) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|_| String::from_utf8_lossy(&got).into_owned())
}

/// Item 3: a connection that trickles its headers, or sends nothing, is closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed() {
    use tokio::io::AsyncWriteExt;
    let app = TestApp::start_with(|c| c.connections.header_timeout = Duration::from_secs(1)).await;
    let mut idle = connect(&app).await;
    let mut slow = connect(&app).await;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let trickle = tokio::spawn(async move {
        for b in b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter() {
            if slow.write_all(&[*b]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slow
    });
    let started = Instant::now();
    assert!(
        read_until_closed(&mut idle, Duration::from_secs(5))
            .await
            .is_some(),
        "an idle connection stays open"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    let mut slow = trickle.await.expect("trickle");
    assert!(
        read_until_closed(&mut slow, Duration::from_secs(3))
            .await
            .is_some(),
        "trickled headers keep the connection"
    );
    // A kept-alive connection is closed after the same wait for its next request.
    let mut kept = connect(&app).await;
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let answer = read_until_closed(&mut kept, Duration::from_secs(5))
        .await
        .expect("closed after the idle wait");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(app.client().get("/healthz").await.status, 200);
}

/// Item 3: past the caps a connection gets a short 503 and is closed; the server itself
/// keeps answering once connections are released.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_caps_get_503() {
    let app = TestApp::start_with(|c| {
        c.connections.header_timeout = Duration::from_secs(30);
        c.connections.max_per_client = 4;
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connect(&app).await);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut over = connect(&app).await;
    let answer = read_until_closed(&mut over, Duration::from_secs(3))
        .await
        .expect("answered and closed");
    assert!(
        answer.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{answer}"
    );
    assert!(answer.contains("retry-after: 10"), "{answer}");
    assert!(answer.contains("Spona is busy"), "{answer}");
    assert!(answer.contains("Спона је тренутно заузета"), "{answer}");
    held.clear();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(app.client().get("/healthz").await.status, 200);

    let app = TestApp::start_with(|c| {
        c.connections.header_timeout = Duration::from_secs(30);
        c.connections.max_total = 3;
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect(&app).await);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut over = connect(&app).await;
    let answer = read_until_closed(&mut over, Duration::from_secs(3))
        .await
        .expect("answered and closed");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    held.clear();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(app.client().get("/healthz").await.status, 200);
}

/// Item 16: the database files the binary creates are its owner's alone.
#[test]
fn database_files_are_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spona"))
        .arg("--data-dir")
        .arg(&data)
        .arg("migrate")
        .env_remove("SPONA_DATABASE_URL")
        .env("SPONA_LOG", "warn")
        .output()
        .expect("run spona");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(&data).expect("data dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("spona.db") {
            let mode = entry.metadata().expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{name} is {mode:o}");
            checked += 1;
        }
    }
    assert!(checked >= 1, "no database file in {}", data.display());
}

/// Item 15: a `next` with CR, LF or NUL is refused (4xx), not a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_with_control_characters_is_refused() {
    let app = TestApp::start().await;
    for next in ["/orgs\r\nSet-Cookie: x=1", "/orgs\n", "/orgs\0"] {
        let r = app
            .client()
            .post(
                "/en/signin",
                &[
                    ("email", ASTRA_ADMIN),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status, 400, "{next:?}: {}", r.body);
    }
    let r = app
        .client()
        .post(
            "/en/signin",
            &[
                ("email", ASTRA_ADMIN),
                ("password", PASSWORD),
                ("next", "/orgs"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
}

/// Item 17: a filter code that is only white space (NEL) is refused, not taken as "any".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn white_space_filter_codes_are_refused() {
    let app = TestApp::start().await;
    let c = app.client();
    for q in ["theme=%C2%85", "country=%20", "network=%09"] {
        assert_eq!(c.get(&format!("/api/v1/orgs?{q}")).await.status, 400, "{q}");
        assert_eq!(c.get(&format!("/en/orgs?{q}")).await.status, 400, "{q}");
    }
    assert_eq!(c.get("/api/v1/orgs?theme=").await.status, 200);
}

/// Item 11: an `Origin` that merely ends like ours is not ours.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn origins_must_match_exactly() {
    let app = TestApp::start().await;
    let c = app.signed_in(ASTRA_ADMIN).await;
    let port = app.base.rsplit(':').next().expect("port").to_owned();
    for origin in [
        format!("http://0.0.1:{port}"),
        format!("http://1:{port}"),
        "http://".to_owned(),
        format!("https://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{port}.evil.example"),
    ] {
        let r = c
            .post_with(
                "/en/orgs/astra/edit",
                &[("name", "Changed By Origin"), ("country", "RS")],
                ("origin", &origin),
            )
            .await;
        assert_eq!(r.status, 403, "{origin}");
    }
    let r = c
        .post_with(
            "/en/orgs/astra/edit",
            &[("name", "ASTRA Same Origin"), ("country", "RS")],
            ("origin", &app.base),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

/// Item 11: a token of the attacker's choosing, with a matching planted cookie, does not
/// pass for a signed-in person; the upload form's token travels in its body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csrf_tokens_are_bound_to_the_session() {
    let app = TestApp::start().await;
    let user = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("user");
    let session = spona_store::sessions::create(&app.db, &user.id, false)
        .await
        .expect("session");
    let planted = "ab".repeat(32);
    let http = http()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let post = |token: String| {
        let http = http.clone();
        let url = format!("{}/en/orgs/astra/edit", app.base);
        let cookie = format!("spona_session={session}; spona_csrf={planted}");
        async move {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("csrf", token.as_str()),
                    ("name", "Planted Token"),
                    ("country", "RS"),
                ])
                .finish();
            http.post(url)
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        }
    };
    assert_eq!(post(planted.clone()).await, 403, "a planted cookie's value");
    assert_eq!(
        post(spona_web::http::csrf::session_csrf(&session)).await,
        303,
        "the session's own token"
    );
    // Upload forms carry the token in their body, not the URL.
    let page = app.signed_in(ASTRA_ADMIN).await.get("/en/orgs/astra").await;
    assert!(!page.body.contains("?csrf="), "a token in a form's URL");
    assert!(!page.body.contains("&amp;csrf="), "a token in a form's URL");
}

/// Item 5: a password reset answers known and unknown addresses alike, in content and time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_answers_do_not_tell_known_addresses() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let c = app.client();
    c.csrf().await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    let mut answers = std::collections::HashSet::new();
    for i in 0..24 {
        let (email, times) = if i % 2 == 0 {
            (
                [ASTRA_ADMIN, ASTRA_MEMBER, ZMINA_ADMIN, ATINA_ADMIN][i / 2 % 4].to_owned(),
                &mut known,
            )
        } else {
            (format!("nobody{i}@example.org"), &mut unknown)
        };
        let t = Instant::now();
        let r = c
            .post_with(
                "/en/reset",
                &[("email", &email)],
                ("x-forwarded-for", &format!("192.0.2.{i}")),
            )
            .await;
        times.push(t.elapsed());
        assert_eq!(r.status, 303);
        answers.insert((r.location(), r.body));
    }
    assert_eq!(answers.len(), 1, "one answer for all: {answers:?}");
    known.sort();
    unknown.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    assert!(
        known[0] <= unknown[unknown.len() - 1],
        "every known address answered slower than every unknown one: {known:?} {unknown:?}"
    );
    assert!(
        median(&known) < median(&unknown) * 2 + Duration::from_millis(3),
        "known {:?} unknown {:?}",
        median(&known),
        median(&unknown)
    );
    // The mail still goes out, to known addresses only (each at most three times an hour).
    assert!(app.mail_count() >= 4);
}
