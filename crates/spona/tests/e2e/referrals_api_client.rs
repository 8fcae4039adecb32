//! The referral API's POSTs from a JSON client, as Schemathesis's case-worker run makes them
//! (`tests/api/schemathesis.sh`): the session cookie and the `X-CSRF-Token` header alone — no
//! `spona_csrf` cookie, which only a browser keeps — are enough; a wrong token is refused.

use crate::harness::*;
use crate::referrals::{ATINA_WORKER, world};
use crate::referrals_api::new_referral;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_client_posts_with_the_session_cookie_and_the_csrf_header_alone() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let user = spona_store::users::find_by_email(&app.db, ATINA_WORKER)
        .await
        .expect("user")
        .expect("the case worker");
    let session = spona_store::sessions::create(&app.db, user.id.as_str(), false)
        .await
        .expect("session");
    let token = spona_web::http::csrf::session_csrf(&session);
    let http = reqwest::Client::new();
    let post = |csrf: String| {
        http.post(format!("{}/api/v1/referrals", app.base))
            .header("cookie", format!("spona_session={session}"))
            .header("x-csrf-token", csrf)
            .header("content-type", "application/json")
            .body(new_referral(&w, "Json Fictitious").to_string())
            .send()
    };
    let wrong = post("0".repeat(64)).await.expect("post");
    assert_eq!(wrong.status(), 403);
    let r = post(token).await.expect("post");
    let status = r.status();
    let body = r.text().await.expect("body");
    assert_eq!(status, 201, "{body}");
}
