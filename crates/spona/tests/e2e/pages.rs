//! Locales, headers, error pages, the API document.

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_locale_renders_with_its_language() {
    let app = TestApp::start().await;
    let c = app.client();
    for (tag, word) in [
        ("en", "Directory"),
        ("sr-Latn", "Imenik"),
        ("sr-Cyrl", "Именик"),
        ("uk", "Каталог"),
    ] {
        let r = c.get(&format!("/{tag}/orgs")).await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains(&format!("<html lang=\"{tag}\">")), "{tag}");
        assert!(
            r.body.contains(word) || r.body.contains(&word.to_lowercase()),
            "{tag} lacks {word}"
        );
    }
    // Without a prefix, Accept-Language decides; Serbian defaults to Cyrillic.
    let r = c.get_with("/", ("accept-language", "uk-UA,uk;q=0.9")).await;
    assert!(r.body.contains("<html lang=\"uk\">"));
    let r = app
        .client()
        .get_with("/", ("accept-language", "sr-RS"))
        .await;
    assert!(r.body.contains("<html lang=\"sr-Cyrl\">"));
    let r = app.client().get_with("/", ("accept-language", "de")).await;
    assert!(r.body.contains("<html lang=\"en\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_pages_api_and_errors() {
    let app = TestApp::start().await;
    let c = app.client();
    for path in [
        "/en/",
        "/en/orgs",
        "/api/v1/orgs",
        "/en/nowhere",
        "/api/v1/orgs/nope",
    ] {
        let r = c.get(path).await;
        let h = |n: &str| {
            r.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = h("content-security-policy");
        for part in [
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "default-src 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("referrer-policy"), "same-origin", "{path}");
    }
    let signed = app.signed_in(ASTRA_MEMBER).await;
    let r = signed.get("/en/orgs").await;
    assert_eq!(
        r.headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(";");
    assert!(cookie.is_empty() || cookie.contains("HttpOnly"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_things_are_404_in_the_readers_language() {
    let app = TestApp::start().await;
    let c = app.client();
    let r = c.get("/uk/orgs/no-such-org").await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<html lang=\"uk\">"));
    assert!(r.body.contains("Сторінку не знайдено") || r.body.contains("не знайдено"));
    let r = c.get("/api/v1/orgs/no-such-org").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "not_found");
    let r = c.get("/api/v1/networks/none").await;
    assert_eq!(r.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_every_json_route() {
    let app = TestApp::start().await;
    let doc = app.client().get("/api/v1/openapi.json").await.json();
    let paths = doc["paths"].as_object().expect("paths");
    for route in &app.routes.0 {
        if route.path.starts_with("/api/") && route.path != "/api/v1/openapi.json" {
            let op = route.method.as_str().to_lowercase();
            assert!(
                paths.get(route.path).and_then(|p| p.get(&op)).is_some(),
                "{} {} missing from the OpenAPI document",
                route.method,
                route.path
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_answers() {
    let app = TestApp::start().await;
    let r = app.client().get("/healthz").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains(r#""status":"ok""#), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_for_people_at_risk_offer_a_quick_exit() {
    let app = TestApp::start().await;
    let c = app.client();
    // ASTRA works against trafficking: its page may be read by or for a victim.
    let astra = c.get("/sr-Cyrl/orgs/astra").await;
    let exit = astra
        .body
        .find("class=\"quick-exit\"")
        .expect("quick exit on a sensitive page");
    assert!(
        exit < astra.body.find("class=\"skip\"").expect("skip link"),
        "it comes first, before everything else"
    );
    assert!(astra.body.contains("href=\"/leave\""));
    assert!(astra.body.contains("Брзо напусти ову страницу"));
    let zmina = c.get("/en/orgs/zmina").await;
    assert!(!zmina.body.contains("quick-exit"));
    let leave = c.get("/leave").await;
    assert_eq!(leave.status, 303);
    assert_eq!(leave.location(), "https://www.wikipedia.org/");
    assert_eq!(
        leave
            .headers
            .get("clear-site-data")
            .and_then(|v| v.to_str().ok()),
        Some("\"cache\"")
    );
}

/// A create form sent twice with the same one-time key (a retry after a dropped connection,
/// a double click) creates one thing, and the retry gets the first answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retried_create_forms_create_once() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let key = spona_store::new_token();
    let fields = [
        ("name", "Roma Women's Network"),
        ("country", "RS"),
        ("once", key.as_str()),
    ];
    let first = admin.post("/en/orgs/new", &fields).await;
    let again = admin.post("/en/orgs/new", &fields).await;
    assert_eq!((first.status, again.status), (303, 303));
    assert_eq!(first.location(), again.location());
    let found = app.client().get("/api/v1/orgs?q=roma").await.json();
    assert_eq!(found["total"], 1, "created once");
    assert_eq!(app.audit_count("org.created").await, 1);
    // Without a key the form is refused rather than risking a duplicate.
    let none = admin
        .post_raw(
            "/en/orgs/new",
            &[
                ("csrf", &admin.csrf().await),
                ("name", "Other"),
                ("country", "RS"),
            ],
        )
        .await;
    assert_eq!(none.status, 400);

    // Invitations: one token, one message, however often the post is repeated.
    let org_admin = app.signed_in(ASTRA_ADMIN).await;
    let key = spona_store::new_token();
    let fields = [
        ("email", "twice@example.org"),
        ("role", "member"),
        ("once", key.as_str()),
    ];
    assert_eq!(
        org_admin
            .post("/en/orgs/astra/invite", &fields)
            .await
            .status,
        303
    );
    let mails = app.mail_count();
    let retry = org_admin.post("/en/orgs/astra/invite", &fields).await;
    assert_eq!(retry.status, 303);
    assert_eq!(retry.location(), "/en/orgs/astra/people?done=invited");
    assert_eq!(app.mail_count(), mails);
    // Someone else cannot replay another user's key, even where they may invite: the key
    // is not theirs, so nothing is sent and they are not led to ASTRA's people.
    let other = app.signed_in(ZMINA_ADMIN).await;
    let stolen = other.post("/en/orgs/zmina/invite", &fields).await;
    assert_eq!(stolen.status, 409, "{}", stolen.body);
    assert_eq!(app.mail_count(), mails);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_onion_address_is_announced_when_configured() {
    let plain = TestApp::start().await;
    assert!(
        plain
            .client()
            .get("/en/")
            .await
            .headers
            .get("onion-location")
            .is_none()
    );
    let onion = "http://spona2lhpydx5gqhrwmffn2gd6ibkh2qnkffp7tblcgj35xkxxbrqd.onion";
    let app = TestApp::start_with(|c| c.onion_location = Some(onion.into())).await;
    let r = app.client().get("/en/orgs").await;
    assert_eq!(
        r.headers
            .get("onion-location")
            .and_then(|v| v.to_str().ok()),
        Some(onion)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_and_assets_cached_for_good() {
    let app = TestApp::start().await;
    let http = crate::harness::http().build().expect("client");
    let r = http
        .get(format!("{}/en/orgs", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    let page = app.client().get("/en/").await.body;
    let start = page.find("href=\"/static/style.").expect("stylesheet") + 6;
    let css = &page[start..start + page[start..].find('"').expect("quote")];
    assert!(
        css.len() > "/static/style..css".len() + 8,
        "content-hashed name: {css}"
    );
    let (status, _, headers) = app.client().bytes(css).await;
    assert_eq!(status, 200);
    let cache = headers
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        cache.contains("immutable") && cache.contains("max-age=31536000"),
        "{cache}"
    );
    assert!(!page.contains("<script"), "no JavaScript at all");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from another origin"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_in_another_language_declares_it() {
    let app = TestApp::start().await;
    // Atina's description exists only in Serbian Cyrillic: an English page marks it.
    let page = app.client().get("/en/orgs/atina").await.body;
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("lang=\"sr-Cyrl\">Заштита жртава"), "{page}");
    // In Serbian Latin it is transliterated and needs no marking.
    let page = app.client().get("/sr-Latn/orgs/atina").await.body;
    assert!(page.contains("Zaštita žrtava i njihovo osnaživanje."));
}
