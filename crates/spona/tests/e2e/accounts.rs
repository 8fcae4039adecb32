//! Sign-in, CSRF, invitations, TOTP, password reset, rate limits, session revocation.

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signin_gives_a_new_session_and_failures_are_audited() {
    let app = TestApp::start().await;
    let c = app.client();
    let bad = c.signin(ASTRA_MEMBER, "wrong password here").await;
    assert_eq!(bad.status, 401);
    assert!(
        bad.body
            .contains("The e-mail address or password is wrong.")
    );
    let unknown = c.signin("nobody@example.org", "wrong password here").await;
    assert_eq!(unknown.status, 401);
    assert_eq!(app.audit_count("auth.signin_failed").await, 2);

    let ok = c.signin(ASTRA_MEMBER, PASSWORD).await;
    assert_eq!(ok.status, 303);
    let session_cookie = |r: &Reply| {
        r.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("spona_session="))
            .unwrap_or_default()
            .to_owned()
    };
    let cookie = session_cookie(&ok);
    assert!(
        cookie.starts_with("spona_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(c.get("/en/account").await.status, 200);
    // Signing in again replaces the session: a new identifier every time.
    let again = c.signin(ASTRA_MEMBER, PASSWORD).await;
    let cookie2 = session_cookie(&again);
    assert_ne!(cookie, cookie2);
    assert_eq!(app.audit_count("auth.signin").await, 2);

    let out = c.post("/en/signout", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(c.get("/en/account").await.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_a_valid_csrf_token_are_refused() {
    let app = TestApp::start().await;
    let c = app.client();
    // No cookie at all yet.
    let r = c
        .post_raw(
            "/en/signin",
            &[("email", ASTRA_MEMBER), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 403);
    // A cookie, but the wrong token.
    let _ = c.csrf().await;
    let r = c
        .post_raw(
            "/en/signin",
            &[
                ("csrf", "0".repeat(64).as_str()),
                ("email", ASTRA_MEMBER),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("nothing was changed"));
    assert!(app.audit_count("security.csrf_rejected").await >= 2);
    // A signed-in user's form post without the token changes nothing.
    let s = app.signed_in(ASTRA_ADMIN).await;
    let r = s
        .post_raw(
            "/en/orgs/astra/edit",
            &[("name", "Hijacked"), ("country", "RS")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        app.client().get("/api/v1/orgs/astra").await.json()["name"],
        "ASTRA – Anti Trafficking Action"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_org_admin_invites_and_the_invitee_joins() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let bad = admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", "not-an-address"), ("role", "member")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let r = admin
        .post(
            "/en/orgs/astra/invite",
            &[("email", "Vesna@Example.org"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/en/orgs/astra/people?done=invited");
    let page = admin.get(&r.location()).await;
    assert!(
        !page.body.contains("/invite/"),
        "the admin never sees the link"
    );
    assert!(page.body.contains("No mail server is configured"));
    // A reload or language switch of the form's address shows the people page.
    assert_eq!(admin.get("/uk/orgs/astra/invite").await.status, 200);
    let mail = app.last_mail();
    assert!(mail.starts_with("To: vesna@example.org"));
    let path = link_path(&mail);

    let guest = app.client();
    let form = guest.get(&path).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("ASTRA"));
    let weak = guest
        .post(
            &path,
            &[
                ("display_name", "Vesna"),
                ("password", "password1234"),
                ("password2", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(weak.body.contains("commonly used"));
    let ok = guest
        .post(
            &path,
            &[
                ("display_name", "Vesna"),
                ("password", "Linden tree by the Danube"),
                ("password2", "Linden tree by the Danube"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.location(), "/en/orgs/astra");
    assert_eq!(guest.get("/en/account").await.status, 200);
    // The link works once.
    assert_eq!(app.client().get(&path).await.status, 400);
    let people = admin.get("/en/orgs/astra/people").await;
    assert!(people.body.contains("vesna@example.org"));
    assert_eq!(app.audit_count("org.invite_accepted").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totp_second_factor_and_each_code_once() {
    let app = TestApp::start().await;
    let c = app.signed_in(ZMINA_ADMIN).await;
    let setup = c.get("/en/account/totp").await;
    let secret = setup.hidden("secret");
    let now = || u64::try_from(spona_store::now()).expect("now");
    let code = spona_web::auth::totp_code_at(&secret, now()).expect("code");
    let wrong = c
        .post(
            "/en/account/totp",
            &[
                ("secret", &secret),
                ("code", "123456"),
                ("current", PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let on = c
        .post(
            "/en/account/totp",
            &[("secret", &secret), ("code", &code), ("current", PASSWORD)],
        )
        .await;
    assert_eq!(on.status, 303, "{}", on.body);

    let fresh = app.client();
    let step1 = fresh.signin(ZMINA_ADMIN, PASSWORD).await;
    assert_eq!(step1.status, 303);
    assert!(step1.location().starts_with("/en/signin/totp"));
    // Password alone does not open the account.
    assert_eq!(fresh.get("/en/account").await.status, 303);
    // The code used to turn TOTP on is spent already; wait for the next step if needed.
    let mut next = spona_web::auth::totp_code_at(&secret, now()).expect("code");
    if next == code {
        let r = fresh.post("/en/signin/totp", &[("code", &next)]).await;
        assert_eq!(r.status, 401, "a code is accepted once");
        tokio::time::sleep(std::time::Duration::from_secs(30 - now() % 30 + 1)).await;
        next = spona_web::auth::totp_code_at(&secret, now()).expect("code");
    }
    let ok = fresh.post("/en/signin/totp", &[("code", &next)]).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(fresh.get("/en/account").await.status, 200);
    // The same code again, in another sign-in: refused.
    let other = app.client();
    other.signin(ZMINA_ADMIN, PASSWORD).await;
    let replay = other.post("/en/signin/totp", &[("code", &next)]).await;
    assert_eq!(replay.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_by_single_use_token_revokes_sessions() {
    let app = TestApp::start().await;
    let elsewhere = app.signed_in(ASTRA_MEMBER).await;
    let c = app.client();
    let unknown = c
        .post("/en/reset", &[("email", "nobody@example.org")])
        .await;
    let known = c.post("/en/reset", &[("email", ASTRA_MEMBER)]).await;
    assert_eq!(unknown.status, 303);
    assert_eq!(known.status, 303);
    assert_eq!(unknown.location(), "/en/reset?done=sent");
    assert_eq!(
        unknown.location(),
        known.location(),
        "same answer for unknown addresses"
    );
    let sent = c.get(&known.location()).await;
    assert_eq!(sent.status, 200);
    assert!(sent.body.contains("If an account"), "{}", sent.body);
    let path = link_path(&app.last_mail());
    let short = c
        .post(&path, &[("password", "short"), ("password2", "short")])
        .await;
    assert_eq!(short.status, 422);
    let ok = c
        .post(
            &path,
            &[
                ("password", "A brand new long passphrase"),
                ("password2", "A brand new long passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        c.post(
            &path,
            &[
                ("password", "Another long passphrase!"),
                ("password2", "Another long passphrase!")
            ]
        )
        .await
        .status,
        400
    );
    assert_eq!(
        elsewhere.get("/en/account").await.status,
        303,
        "old sessions end"
    );
    assert_eq!(
        app.client().signin(ASTRA_MEMBER, PASSWORD).await.status,
        401
    );
    assert_eq!(
        app.client()
            .signin(ASTRA_MEMBER, "A brand new long passphrase")
            .await
            .status,
        303
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failed_signins_slow_down() {
    let app = TestApp::start().await;
    let c = app.client();
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(c.signin(ATINA_ADMIN, "not the password!").await.status);
    }
    assert_eq!(&statuses[..5], &[401; 5]);
    assert_eq!(statuses[6], 429);
    let r = c.signin(ATINA_ADMIN, PASSWORD).await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key("retry-after"));
    assert!(r.body.contains("Too many attempts"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_everywhere_ends_every_session() {
    let app = TestApp::start().await;
    let a = app.signed_in(ATINA_ADMIN).await;
    let b = app.signed_in(ATINA_ADMIN).await;
    assert_eq!(b.get("/en/account").await.status, 200);
    assert_eq!(a.post("/en/signout/everywhere", &[]).await.status, 303);
    assert_eq!(a.get("/en/account").await.status, 303);
    assert_eq!(b.get("/en/account").await.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_stored_as_argon2id() {
    let app = TestApp::start().await;
    let user = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("user");
    assert!(
        user.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );
}
