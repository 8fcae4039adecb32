//! The in-process client (harness/inproc.rs) answers as the server does over a socket: the
//! same statuses, pages and cookies, so page and form tests can skip the connection.

use crate::harness::{ASTRA_ADMIN, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_process_requests_answer_as_the_socket_does() {
    let app = TestApp::start().await;
    let (socket, local) = (app.client(), app.client_in_process());
    for path in [
        "/en/",
        "/en/orgs",
        "/en/orgs/astra",
        "/api/v1/orgs?q=astra",
        "/en/nowhere",
    ] {
        let (a, b) = (socket.get(path).await, local.get(path).await);
        assert_eq!(a.status, b.status, "{path}");
        assert_eq!(
            a.headers.get("content-type"),
            b.headers.get("content-type"),
            "{path}"
        );
        if path.starts_with("/api/") {
            assert_eq!(a.json(), b.json(), "{path}");
        }
    }
    // No locale: the same redirect.
    assert_eq!(
        socket.get("/orgs").await.location(),
        local.get("/orgs").await.location()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_process_clients_keep_their_session_and_post_forms() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let page = admin.get("/en/orgs/astra/edit").await;
    assert_eq!(page.status, 200, "signed in, in process");
    // A form with its CSRF token and one-time key, then the change is visible.
    let r = admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", "inproc@example.org"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.mail_count(), 1);
    // Without the session's token the same form is refused.
    let stranger = app.client_in_process();
    let refused = stranger
        .post_raw("/en/orgs/astra/invite", &[("email", "x@example.org")])
        .await;
    assert!(matches!(refused.status, 400 | 403), "{}", refused.status);
    // Signing out drops the cookie: the edit page asks to sign in again.
    let out = admin.post("/en/signout", &[]).await;
    assert_eq!(out.status, 303);
    assert_ne!(admin.get("/en/orgs/astra/edit").await.status, 200);
}
