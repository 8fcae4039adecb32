//! The quiz offline (issue 23, item 6; lane quiz23), over HTTP on SQLite and PostgreSQL:
//! the manifest and the service worker of a quiz, the policy that lets only the quiz's
//! pages (and the worker) run a script of Spona's own origin and no other page any, the
//! script budget (≤ 20 KB), and what the worker relies on when it sends a queued answer
//! again: a question answered already has no form to take a token from, and a second
//! POST of the same answer is a 409 that changes nothing. (The worker itself runs in
//! `tests/browser/quiz_offline.test.mjs`.)

use crate::harness::*;
use crate::quiz::create_campaign;

const SLUG: &str = "offline-quiz";

fn header(r: &Reply, name: &str) -> String {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

#[tokio::test]
async fn a_quiz_can_be_installed_and_only_its_pages_run_its_own_script() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create_campaign(&app, &coord, SLUG).await;
    let c = app.client_in_process();

    // The manifest: installable, its start page inside the worker's scope.
    let m = c
        .get(&format!("/sr-Cyrl/q/{SLUG}/manifest.webmanifest"))
        .await;
    assert_eq!(m.status, 200, "{}", m.body);
    assert_eq!(header(&m, "content-type"), "application/manifest+json");
    let json = m.json();
    assert_eq!(json["scope"], format!("/sr-Cyrl/q/{SLUG}/"));
    assert_eq!(json["start_url"], format!("/sr-Cyrl/q/{SLUG}/"));
    assert_eq!(json["name"], "Know the signs (ћир)");
    assert_eq!(json["display"], "standalone");
    let start = c.get(&format!("/sr-Cyrl/q/{SLUG}/")).await;
    assert_eq!(start.status, 200, "the start page answers");
    let icon = json["icons"][0]["src"].as_str().expect("icon").to_owned();
    assert_eq!(c.get(&icon).await.status, 200);

    // The worker and the page script: JavaScript, the quiz's policy; 20 KB at most together.
    let mut script_bytes = 0;
    for file in ["sw.js", "app.js"] {
        let r = c.get(&format!("/en/q/{SLUG}/{file}")).await;
        assert_eq!(r.status, 200, "{file}");
        assert!(
            header(&r, "content-type").starts_with("text/javascript"),
            "{file}"
        );
        assert_eq!(
            header(&r, "content-security-policy"),
            spona_web::http::security::CSP_OWN_SCRIPT
        );
        script_bytes += r.body.len();
    }
    assert!(script_bytes <= 20 * 1024, "{script_bytes} bytes of script");
    for file in ["sw.js", "manifest.webmanifest", "offline"] {
        assert_eq!(
            c.get(&format!("/en/q/no-such-quiz/{file}")).await.status,
            404,
            "{file}"
        );
    }

    // The quiz's pages link the manifest and the script and allow it; nothing inline.
    let landing = c.get(&format!("/en/q/{SLUG}")).await;
    assert!(landing.body.contains(&format!(
        "<script src=\"/en/q/{SLUG}/app.js\" defer></script>"
    )));
    assert!(
        landing
            .body
            .contains(&format!("href=\"/en/q/{SLUG}/manifest.webmanifest\""))
    );
    assert_eq!(
        landing.body.matches("<script").count(),
        1,
        "one script, no inline one"
    );
    let csp = header(&landing, "content-security-policy");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    let saved = c.get(&format!("/en/q/{SLUG}/offline?saved=1")).await;
    assert_eq!(saved.status, 200);
    assert!(saved.body.contains("Saved on this phone"));
    assert!(
        saved
            .body
            .contains(&format!("href=\"/en/q/{SLUG}/\" data-next"))
    );
    assert!(header(&saved, "content-security-policy").contains("script-src 'self'"));

    // Every other page: no script allowed, none linked (the coordinators' pages, the
    // public results, the directory).
    for (who, path) in [
        (&c, "/en/orgs".to_owned()),
        (&c, format!("/en/q/{SLUG}/results")),
        (&coord, format!("/en/quizzes/{id}")),
        (&coord, "/en/quizzes".to_owned()),
    ] {
        let r = who.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let csp = header(&r, "content-security-policy");
        assert!(!csp.contains("script-src"), "{path}: {csp}");
        assert!(!r.body.contains("<script"), "{path}");
    }
}

#[tokio::test]
async fn an_answer_sent_again_by_the_worker_counts_once() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    create_campaign(&app, &coord, SLUG).await;
    let c = app.client_in_process();
    let landing = c.get(&format!("/en/q/{SLUG}")).await;
    let r = c
        .post_raw(
            &format!("/en/q/{SLUG}/start"),
            &[("csrf", landing.hidden("csrf").as_str())],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let first = r.location();
    // The question's page carries the meta the worker keeps the session by.
    let page = c.get(&first).await;
    assert!(
        page.body.contains("<meta name=\"qz-total\" content=\"3\">"),
        "{}",
        page.body
    );
    let token_csrf = page.hidden("csrf");
    // The worker's resend: the same form body twice (an acknowledgement lost offline).
    let once = c
        .post_raw(&first, &[("csrf", token_csrf.as_str()), ("choice", "1")])
        .await;
    assert_eq!(once.status, 303, "{}", once.body);
    let again = c
        .post_raw(&first, &[("csrf", token_csrf.as_str()), ("choice", "0")])
        .await;
    assert_eq!(again.status, 409, "{}", again.body);
    // Answered: the page has no form, so the worker finds no token and sends nothing.
    let after = c.get(&first).await;
    assert_eq!(after.status, 200);
    assert!(!after.body.contains("name=\"csrf\""), "{}", after.body);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM quiz_responses").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM quiz_choices").await, 1);
}
