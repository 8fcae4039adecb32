//! Security properties beyond the matrix: mass assignment, credential lifecycle, headers on
//! every page, trusted proxies, cross-site posts.

use crate::authz_matrix::MATRIX;
use crate::harness::*;

/// No form lets a user set fields the form does not offer: role, organisation, slug, owner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_ignore_fields_they_do_not_offer() {
    let app = TestApp::start().await;
    let member = app.signed_in(ASTRA_MEMBER).await;
    let me = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("user");
    // Account forms with role and organisation fields smuggled in.
    let extra = [
        ("platform_role", "admin"),
        ("role", "admin"),
        ("org_id", "zmina"),
        ("user_id", "x"),
        ("disabled", "false"),
    ];
    let mut fields = vec![
        ("current", PASSWORD),
        ("password", "Yet another long passphrase"),
        ("password2", "Yet another long passphrase"),
    ];
    fields.extend_from_slice(&extra);
    assert_eq!(
        member.post("/en/account/password", &fields).await.status,
        303
    );
    let after = spona_store::users::get(&app.db, &me.id)
        .await
        .expect("user");
    assert_eq!(after.platform_role, "user");
    let orgs = spona_store::users::memberships(&app.db, &me.id)
        .await
        .expect("db");
    assert_eq!(orgs.len(), 1);
    assert_eq!(
        (orgs[0].org_slug.as_str(), orgs[0].role.as_str()),
        ("astra", "member")
    );

    // An organisation admin's edit cannot move the slug, the id, networks or members.
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let r = admin
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", "ASTRA"),
                ("country", "RS"),
                ("slug", "hijacked"),
                ("id", "x"),
                ("network", "bridge"),
                ("networks", "bridge"),
                ("coordinator_org_id", "x"),
                ("members", "x"),
                ("owner", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(app.client().get("/api/v1/orgs/astra").await.status, 200);
    assert_eq!(app.client().get("/api/v1/orgs/hijacked").await.status, 404);
    assert_eq!(
        app.client().get("/api/v1/networks/bridge").await.json()["members"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    // Invitations: the role is one of two, and accepting cannot change it or the organisation.
    let bad_role = admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", "a@example.org"), ("role", "owner")],
        )
        .await;
    assert_eq!(bad_role.status, 422);
    admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", "newbie@example.org"), ("role", "member")],
        )
        .await;
    let path = link_path(&app.last_mail());
    let guest = app.client();
    let r = guest
        .post(
            &path,
            &[
                ("display_name", "Newbie"),
                ("password", "Linden tree by the Danube"),
                ("password2", "Linden tree by the Danube"),
                ("role", "admin"),
                ("org_role", "admin"),
                ("org_id", "zmina"),
                ("platform_role", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let newbie = spona_store::users::find_by_email(&app.db, "newbie@example.org")
        .await
        .expect("db")
        .expect("user");
    assert_eq!(newbie.platform_role, "user");
    let orgs = spona_store::users::memberships(&app.db, &newbie.id)
        .await
        .expect("db");
    assert_eq!(
        orgs.iter()
            .map(|m| (m.org_slug.as_str(), m.role.as_str()))
            .collect::<Vec<_>>(),
        [("astra", "member")]
    );

    // A member cannot promote themself, nor can an organisation admin make anyone a platform admin.
    let r = member
        .post(
            &format!("/en/orgs/astra/people/{}/role", me.id),
            &[("role", "admin")],
        )
        .await;
    assert!(r.status == 403 || r.status == 303, "{}", r.status);
    let orgs = spona_store::users::memberships(&app.db, &me.id)
        .await
        .expect("db");
    assert_eq!(orgs[0].role, "member");
    let r = admin
        .post(
            &format!("/en/admin/users/{}/role", me.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        spona_store::users::get(&app.db, &me.id)
            .await
            .expect("user")
            .platform_role,
        "user"
    );
}

/// Password change, second-factor change and disabling void outstanding reset links.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credential_changes_void_outstanding_links() {
    let app = TestApp::start().await;
    let anon = app.client();
    let ask_reset = || async {
        anon.post("/en/reset", &[("email", ASTRA_MEMBER)]).await;
        link_path(&app.last_mail())
    };

    let link = ask_reset().await;
    let (created, expires) =
        spona_store::tokens::reset_times(&app.db, link.rsplit('/').next().expect("token"))
            .await
            .expect("db")
            .expect("token");
    assert!(
        expires - created <= 3600,
        "reset links live at most an hour"
    );
    let member = app.signed_in(ASTRA_MEMBER).await;
    let r = member
        .post(
            "/en/account/password",
            &[
                ("current", PASSWORD),
                ("password", "Another long passphrase 1"),
                ("password2", "Another long passphrase 1"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        anon.get(&link).await.status,
        400,
        "password change voids the link"
    );

    let link = ask_reset().await;
    let member = app
        .signed_in_with(ASTRA_MEMBER, "Another long passphrase 1")
        .await;
    let setup = member.get("/en/account/totp").await;
    let secret = setup.hidden("secret");
    let code =
        spona_web::auth::totp_code_at(&secret, u64::try_from(spona_store::now()).expect("now"))
            .expect("code");
    let r = member
        .post(
            "/en/account/totp",
            &[
                ("secret", &secret),
                ("code", &code),
                ("current", "Another long passphrase 1"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        anon.get(&link).await.status,
        400,
        "a second-factor change voids the link"
    );

    let link = ask_reset().await;
    let admin = app.signed_in(ADMIN).await;
    let me = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("user");
    assert_eq!(
        admin
            .post(&format!("/en/admin/users/{}/disable", me.id), &[])
            .await
            .status,
        303
    );
    assert_eq!(
        anon.get(&link).await.status,
        400,
        "disabling voids the link"
    );
    // A disabled account gets no new link either.
    let before = app.mail_count();
    anon.post("/en/reset", &[("email", ASTRA_MEMBER)]).await;
    assert_eq!(app.mail_count(), before);
}

/// Every GET route, in every locale, anonymous and signed in: the security headers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_get_route_sends_the_security_headers() {
    let app = TestApp::start().await;
    let anon = app.client();
    let member = app.signed_in(ASTRA_ADMIN).await;
    let member_id = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string();
    let css = {
        let home = anon.get("/en/").await.body;
        let start = home.find("/static/").expect("css") + "/static/".len();
        home[start..start + home[start..].find('"').expect("quote")].to_owned()
    };
    let mut checked = 0;
    for row in MATRIX.iter().filter(|r| r.method == "GET") {
        let mut path = row.path.to_owned();
        for object in row.object {
            let value = match *object {
                "@member" => member_id.clone(),
                "@token" => "0".repeat(64),
                "@css" => css.clone(),
                "@round" => spona_store::matching::rounds(&app.db).await.expect("db")[0]
                    .id
                    .to_string(),
                "@nothing.png" => format!("{}.png", "0".repeat(64)),
                o => o.to_owned(),
            };
            let open = path.find('{').expect("{");
            let close = path[open..].find('}').expect("}") + open;
            path.replace_range(open..=close, &value);
        }
        for locale in ["en", "sr-Latn", "sr-Cyrl", "uk"] {
            let url = if path.starts_with("/api/") || path.starts_with("/static/") {
                path.clone()
            } else {
                format!("/{locale}{path}")
            };
            for (who, c) in [("anon", &anon), ("signed in", &member)] {
                let r = c.get(&url).await;
                let h = |n: &str| {
                    r.headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                let csp = h("content-security-policy");
                let ctx = format!("{url} ({who}, HTTP {})", r.status);
                for part in [
                    "default-src 'none'",
                    "object-src 'none'",
                    "base-uri 'none'",
                    "frame-ancestors 'none'",
                ] {
                    assert!(csp.contains(part), "{ctx}: CSP {csp}");
                }
                assert!(
                    !csp.contains("script-src") && !csp.contains("unsafe-inline"),
                    "{ctx}: no scripts at all"
                );
                assert_eq!(h("x-content-type-options"), "nosniff", "{ctx}");
                assert!(!h("referrer-policy").is_empty(), "{ctx}");
                assert!(
                    h("strict-transport-security").is_empty(),
                    "{ctx}: no HSTS over plain HTTP"
                );
                let is_page = h("content-type").starts_with("text/html")
                    || h("content-type").starts_with("application/json");
                if who == "signed in" && is_page {
                    assert_eq!(h("cache-control"), "no-store", "{ctx}");
                }
                if url.starts_with("/static/") && r.status == 200 {
                    assert!(
                        h("cache-control").contains("immutable"),
                        "{ctx}: assets stay cacheable"
                    );
                }
                for cookie in r.headers.get_all("set-cookie") {
                    let cookie = cookie.to_str().unwrap_or_default();
                    assert!(
                        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
                        "{ctx}: {cookie}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "{checked}");
}

/// Over TLS (a public https:// address): HSTS, Secure cookies with the __Host- prefix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_deployments_get_hsts_and_host_cookies() {
    let app = TestApp::start_with(|c| c.https = true).await;
    let r = app.client().get("/en/signin").await;
    assert!(r.headers.get("strict-transport-security").is_some());
    let cookie = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("__Host-spona_csrf=")
            && cookie.contains("Secure")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
    // The session cookie too: signing in (the browser would send the __Host- CSRF cookie).
    let csrf = "ab".repeat(32);
    let raw = crate::harness::http()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            ("email", ASTRA_MEMBER),
            ("password", PASSWORD),
        ])
        .finish();
    let r = raw
        .post(format!("{}/en/signin", app.base))
        .header("cookie", format!("__Host-spona_csrf={csrf}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status().as_u16(), 303);
    let session = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-spona_session="))
        .expect("a __Host- session cookie")
        .to_owned();
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attr), "{session}");
    }
    assert!(!session.contains("Domain="), "{session}");
}

/// `X-Forwarded-For` is believed only from a configured proxy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_is_trusted_only_from_configured_proxies() {
    let untrusted = TestApp::start().await;
    let c = untrusted.client();
    let mut last = 0;
    for i in 0..7 {
        let r = c
            .post_with(
                "/en/reset",
                &[("email", "x@example.org")],
                ("x-forwarded-for", &format!("203.0.113.{i}")),
            )
            .await;
        last = r.status;
    }
    assert_eq!(last, 429, "spoofed addresses do not escape the limit");

    let trusted =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let c = trusted.client();
    for i in 0..7 {
        let r = c
            .post_with(
                "/en/reset",
                &[("email", "x@example.org")],
                ("x-forwarded-for", &format!("203.0.113.{i}")),
            )
            .await;
        assert_eq!(
            r.status, 303,
            "behind a trusted proxy each client has its own limit"
        );
    }
}

/// A form posted from another site is refused even with a valid token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused() {
    let app = TestApp::start().await;
    let c = app.signed_in(ASTRA_ADMIN).await;
    let r = c
        .post_with(
            "/en/orgs/astra/edit",
            &[("name", "X Y"), ("country", "RS")],
            ("origin", "https://evil.example"),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = c
        .post_with(
            "/en/orgs/astra/edit",
            &[("name", "X Y"), ("country", "RS")],
            ("sec-fetch-site", "cross-site"),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        app.client().get("/api/v1/orgs/astra").await.json()["name"],
        "ASTRA – Anti Trafficking Action"
    );
}

/// Free-text search is limited per client; plain browsing by filters is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searching_too_fast_is_slowed_down() {
    let app = TestApp::start().await;
    let c = app.client();
    for _ in 0..310 {
        assert_eq!(c.get("/api/v1/orgs?country=RS").await.status, 200);
    }
    // The limit is 300 searches a minute (5 come back each second): the first 290 pass; then
    // searching on, as fast as the machine answers, runs into 429 — on a loaded machine a few
    // more searches pass first, as tokens come back while the requests run.
    let mut statuses = Vec::new();
    while statuses.len() < 2_000 && statuses.last() != Some(&429) {
        statuses.push(c.get("/api/v1/orgs?q=beograd").await.status);
    }
    assert!(
        statuses.len() > 290,
        "limited after {} searches",
        statuses.len()
    );
    assert!(statuses[..290].iter().all(|s| *s == 200));
    assert_eq!(statuses.last(), Some(&429), "never limited");
    // The HTML search shares the client's allowance: limited too, with a message.
    let mut page = c.get("/en/orgs?q=beograd").await;
    for _ in 0..50 {
        if page.status == 429 {
            break;
        }
        page = c.get("/en/orgs?q=beograd").await;
    }
    assert_eq!(page.status, 429);
    assert!(page.body.contains("Too many attempts"));
}

/// Whatever users type is shown as text, never as markup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_text_is_escaped_everywhere_it_is_shown() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let r = admin
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", evil),
                ("country", "RS"),
                ("city", "\"><b>x</b>"),
                ("text_lang", "en"),
                ("text_name", evil),
                ("text_description", evil),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    for path in [
        "/en/orgs/astra",
        "/en/orgs?q=script",
        "/en/orgs/astra/edit",
        "/en/networks/bridge",
    ] {
        let body = admin.get(path).await.body;
        assert!(
            !body.contains("<script>alert") && !body.contains("<img src=x"),
            "{path}"
        );
        assert!(!body.contains("\"><b>x</b>"), "{path}");
    }
    let shown = admin.get("/en/orgs/astra").await.body;
    let h1 = &shown[shown.find("<h1").expect("h1")..];
    assert!(
        h1.starts_with("<h1>&#60;script&#62;alert(1)&#60;"),
        "{}",
        &h1[..120.min(h1.len())]
    );
    // The JSON API returns the text as data.
    assert_eq!(
        app.client().get("/api/v1/orgs/astra").await.json()["name"],
        evil
    );
}

/// A session identifier that was replaced at sign-in, or ended at sign-out, opens nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replaced_and_ended_session_tokens_are_dead() {
    let app = TestApp::start().await;
    let c = app.client();
    let first = c.signin(ASTRA_MEMBER, PASSWORD).await;
    let cookie_of = |r: &Reply| -> String {
        r.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("spona_session="))
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_owned()
    };
    let old = cookie_of(&first);
    let second = c.signin(ASTRA_MEMBER, PASSWORD).await;
    let new = cookie_of(&second);
    assert_ne!(old, new);
    let raw = crate::harness::http()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let status = |cookie: String| {
        let raw = raw.clone();
        let url = format!("{}/en/account", app.base);
        async move {
            raw.get(url)
                .header("cookie", cookie)
                .send()
                .await
                .expect("get")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        status(old.clone()).await,
        303,
        "the replaced session is gone"
    );
    assert_eq!(status(new.clone()).await, 200);
    c.post("/en/signout", &[]).await;
    assert_eq!(status(new).await, 303, "the ended session is gone");
}

/// Signing in changes the CSRF token: one read before signing in is refused after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_rotates_the_csrf_token() {
    let app = TestApp::start().await;
    let c = app.client();
    let before = c.csrf().await;
    assert_eq!(c.signin(ASTRA_ADMIN, PASSWORD).await.status, 303);
    let after = c.csrf().await;
    assert_ne!(before, after);
    let stale = c
        .post_raw(
            "/en/orgs/astra/edit",
            &[
                ("csrf", before.as_str()),
                ("name", "Stale Token"),
                ("country", "RS"),
            ],
        )
        .await;
    assert_eq!(stale.status, 403);
    let fresh = c
        .post_raw(
            "/en/orgs/astra/edit",
            &[
                ("csrf", after.as_str()),
                ("name", "Fresh Token"),
                ("country", "RS"),
            ],
        )
        .await;
    assert_eq!(fresh.status, 303);
}
