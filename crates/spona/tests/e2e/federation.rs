//! Federation end to end (issue 20): two servers in this test process (each its own
//! database: SQLite files, or two PostgreSQL schemas), paired through the admin pages;
//! notes there and back, each acknowledged; a partner's key change held until confirmed;
//! a partner that was down receiving everything once, in order. The inbox's refusals are
//! in `federation/attacks.rs`.

mod attacks;
mod bench;
mod delivery;
mod interop;
mod netns_bench;
mod order;
mod processes;
mod referrals;
mod senders;
mod serve_tls;

use std::time::Duration;

use spona_app::actor::Actor;
use spona_store::federation::packets;

use crate::harness::*;

pub async fn org_id(app: &TestApp, slug: &str) -> String {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

pub async fn actor(app: &TestApp, email: &str) -> Actor {
    let user = spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("user");
    let ms = spona_store::users::memberships(&app.db, user.id.as_str())
        .await
        .expect("memberships");
    Actor::signed_in(user, ms)
}

pub async fn fingerprint(app: &TestApp) -> String {
    app.state()
        .federation
        .keys(&app.db)
        .await
        .expect("keys")
        .fingerprint()
}

/// `from` adds `to` as a partner through its page; the partner's id there.
pub async fn add_partner(from: &TestApp, to: &TestApp) -> String {
    let admin = from.signed_in(ADMIN).await;
    let fp = fingerprint(to).await;
    let r = admin
        .post(
            "/en/admin/federation/partners",
            &[
                ("url", to.base.as_str()),
                ("fingerprint", &fp.to_lowercase()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let loc = r.location();
    let id = loc
        .trim_start_matches("/en/admin/federation/partners/")
        .split('?')
        .next()
        .expect("id")
        .to_owned();
    assert!(!id.is_empty(), "{loc}");
    id
}

/// `from`'s `local` organisation exchanges with `to`'s `remote` one.
pub async fn link(from: &TestApp, partner: &str, local: &str, to: &TestApp, remote: &str) {
    let admin = from.signed_in(ADMIN).await;
    let (l, r) = (org_id(from, local).await, org_id(to, remote).await);
    let reply = admin
        .post(
            &format!("/en/admin/federation/partners/{partner}/links"),
            &[
                ("local", l.as_str()),
                ("remote", r.as_str()),
                ("action", "add"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

/// Two servers, paired both ways, ASTRA (on `a`) exchanging with ZMINA (on `b`).
pub struct Pair {
    pub a: TestApp,
    pub b: TestApp,
    /// `b` as a partner of `a`, and `a` as a partner of `b`.
    pub b_on_a: String,
    pub a_on_b: String,
}

pub async fn pair() -> Pair {
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let b_on_a = add_partner(&a, &b).await;
    let a_on_b = add_partner(&b, &a).await;
    link(&a, &b_on_a, "astra", &b, "zmina").await;
    link(&b, &a_on_b, "zmina", &a, "astra").await;
    Pair {
        a,
        b,
        b_on_a,
        a_on_b,
    }
}

/// Waits (up to 30 s) until `check` holds.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..300 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

async fn state_of(app: &TestApp, id: &str) -> String {
    packets::outgoing(&app.db, id)
        .await
        .expect("db")
        .expect("packet")
        .state
}

async fn send_note(
    from: &TestApp,
    partner: &str,
    org: &str,
    to: &TestApp,
    remote: &str,
    text: &str,
) -> String {
    let admin = actor(from, ADMIN).await;
    spona_app::federation::outbox::send_note(
        &admin,
        &from.db,
        &from.state().federation,
        partner,
        &org_id(from, org).await,
        &org_id(to, remote).await,
        Some(text),
    )
    .await
    .expect("queued")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_document_is_signed_and_names_every_organisation() {
    let app = TestApp::start().await;
    let r = app.client().get("/.well-known/spona-federation").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let doc: spona_federation::SignedDocument = serde_json::from_str(&r.body).expect("document");
    let key = doc.verify().expect("signature");
    assert_eq!(spona_federation::fingerprint(&key), fingerprint(&app).await);
    assert_eq!(doc.document.inbox, format!("{}/federation/inbox", app.base));
    let slugs: Vec<&str> = doc
        .document
        .organisations
        .iter()
        .map(|o| o.slug.as_str())
        .collect();
    for slug in ["astra", "zmina", "atina"] {
        assert!(slugs.contains(&slug), "{slug} in {slugs:?}");
    }
    // The identities are sealed at rest: no secret key in the database.
    let rows = spona_store::federation::org_keys(&app.db)
        .await
        .expect("keys");
    assert!(!rows.is_empty());
    for r in rows {
        assert!(spona_vault::is_sealed(&r.identity_sealed), "sealed");
        assert!(!r.identity_sealed.contains("AGE-SECRET-KEY"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_fingerprint_adds_nothing_and_the_right_one_pairs() {
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let admin = a.signed_in(ADMIN).await;
    let wrong = fingerprint(&a).await;
    let r = admin
        .post(
            "/en/admin/federation/partners",
            &[("url", b.base.as_str()), ("fingerprint", wrong.as_str())],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("The fingerprint does not match"),
        "{}",
        r.body
    );
    assert!(
        spona_store::federation::partners(&a.db)
            .await
            .expect("db")
            .is_empty()
    );
    // An address without a document.
    let r = admin
        .post(
            "/en/admin/federation/partners",
            &[
                ("url", "http://127.0.0.1:9"),
                ("fingerprint", wrong.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let id = add_partner(&a, &b).await;
    let page = admin
        .get(&format!("/en/admin/federation/partners/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&fingerprint(&b).await));
    assert!(
        page.body.contains("ZMINA") || page.body.contains("Zmina"),
        "{}",
        page.body
    );
    // Added once only.
    let again = admin
        .post(
            "/en/admin/federation/partners",
            &[
                ("url", b.base.as_str()),
                ("fingerprint", fingerprint(&b).await.as_str()),
            ],
        )
        .await;
    assert_eq!(again.status, 409);
    let audit = spona_store::audit::count(&a.db, Some("federation.partner_added"))
        .await
        .expect("audit");
    assert_eq!(audit, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_goes_there_and_back_and_each_is_acknowledged() {
    let p = pair().await;
    // Through the page on Belgrade's side.
    let admin = p.a.signed_in(ADMIN).await;
    let astra = org_id(&p.a, "astra").await;
    let zmina = org_id(&p.b, "zmina").await;
    let r = admin
        .post(
            &format!("/en/admin/federation/partners/{}/notes", p.b_on_a),
            &[
                ("from", astra.as_str()),
                ("to", zmina.as_str()),
                ("text", "Hello from Belgrade"),
                ("action", "note"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sent = packets::outbox(&p.a.db, 10).await.expect("db");
    assert_eq!(sent.len(), 1);
    let id = sent[0].id.clone();
    eventually("the note accepted", || async {
        state_of(&p.a, &id).await == "accepted"
    })
    .await;
    let received = packets::inbox(&p.b.db, 10).await.expect("db");
    assert_eq!(received.len(), 1);
    let keys = p.b.state().federation.keys(&p.b.db).await.expect("keys");
    let body = spona_app::federation::inbox::opened_body(&keys, &received[0]).expect("open");
    assert!(body.contains("Hello from Belgrade"), "{body}");
    assert!(!received[0].body_sealed.contains("Hello"), "sealed at rest");
    // And back.
    let back = send_note(
        &p.b,
        &p.a_on_b,
        "zmina",
        &p.a,
        "astra",
        "Hello from Prishtina",
    )
    .await;
    eventually("the answer accepted", || async {
        state_of(&p.b, &back).await == "accepted"
    })
    .await;
    // The packet log shows both, with their states and never their text.
    let log = admin.get("/en/admin/federation/packets").await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("accepted"), "{}", log.body);
    assert!(!log.body.contains("Hello from"), "no bodies in the log");
    // Only what the two organisations exchange: ZMINA cannot write to ATINA here.
    let zmina_admin = actor(&p.b, ADMIN).await;
    let refused = spona_app::federation::outbox::send_note(
        &zmina_admin,
        &p.b.db,
        &p.b.state().federation,
        &p.a_on_b,
        &org_id(&p.b, "zmina").await,
        &org_id(&p.a, "atina").await,
        Some("not linked"),
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(spona_app::Error::Refused("fed-err-not-linked"))
        ),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_that_was_down_receives_each_packet_once_in_order() {
    let mut p = pair().await;
    p.b.stop().await;
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(
            send_note(
                &p.a,
                &p.b_on_a,
                "astra",
                &p.b,
                "zmina",
                &format!("note {n}"),
            )
            .await,
        );
    }
    // They wait: the first tried and failing, the others behind it.
    eventually("a failed attempt", || async {
        packets::outgoing(&p.a.db, &ids[0])
            .await
            .expect("db")
            .is_some_and(|o| o.attempts > 0 && o.last_error.is_some())
    })
    .await;
    for id in &ids {
        assert_eq!(state_of(&p.a, id).await, "queued");
    }
    p.b.restart().await;
    for id in &ids {
        eventually("delivery", || async {
            matches!(state_of(&p.a, id).await.as_str(), "delivered" | "accepted")
        })
        .await;
    }
    let mut received = packets::inbox(&p.b.db, 10).await.expect("db");
    received.sort_by_key(|r| r.seq);
    assert_eq!(received.len(), 3, "each exactly once");
    let keys = p.b.state().federation.keys(&p.b.db).await.expect("keys");
    for (n, r) in received.iter().enumerate() {
        assert_eq!(r.seq, n as i64 + 1);
        assert_eq!(r.id, ids[n]);
        let body = spona_app::federation::inbox::opened_body(&keys, r).expect("open");
        assert!(body.contains(&format!("note {}", n + 1)), "{body}");
    }
    // Received in order: the later never before the earlier.
    assert!(
        received
            .windows(2)
            .all(|w| w[0].received_at <= w[1].received_at)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_key_holds_the_partner_until_an_admin_confirms_it() {
    let mut p = pair().await;
    let old = fingerprint(&p.b).await;
    // Prishtina loses its signing key and makes a new one.
    p.b.stop().await;
    std::fs::remove_file(
        p.b.dir
            .path()
            .join("federation")
            .join("deployment-ed25519.key"),
    )
    .expect("remove key");
    p.b.restart().await;
    let new = fingerprint(&p.b).await;
    assert_ne!(old, new);
    let admin = p.a.signed_in(ADMIN).await;
    let r = admin
        .post(
            &format!("/en/admin/federation/partners/{}/refresh", p.b_on_a),
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location().contains("done=changed"));
    let partner = spona_store::federation::partner(&p.a.db, &p.b_on_a)
        .await
        .expect("db")
        .expect("partner");
    assert_eq!(partner.status, "key-changed");
    // Its packets are refused meanwhile, and nothing goes to it.
    let from_b = send_note(&p.b, &p.a_on_b, "zmina", &p.a, "astra", "with the new key").await;
    eventually("a refusal", || async {
        packets::outgoing(&p.b.db, &from_b)
            .await
            .expect("db")
            .and_then(|o| o.last_error)
            .is_some_and(|e| e.contains("not confirmed") || e.contains("changed"))
    })
    .await;
    assert_eq!(packets::inbox_count(&p.a.db).await.expect("db"), 0);
    let to_b = spona_app::federation::outbox::send_note(
        &actor(&p.a, ADMIN).await,
        &p.a.db,
        &p.a.state().federation,
        &p.b_on_a,
        &org_id(&p.a, "astra").await,
        &org_id(&p.b, "zmina").await,
        Some("held"),
    )
    .await;
    assert!(matches!(
        to_b,
        Err(spona_app::Error::Conflict("fed-err-partner-held"))
    ));
    // The old fingerprint does not confirm it; the new one does.
    let path = format!("/en/admin/federation/partners/{}/confirm", p.b_on_a);
    let r = admin.post(&path, &[("fingerprint", old.as_str())]).await;
    assert_eq!(r.status, 422);
    let r = admin.post(&path, &[("fingerprint", new.as_str())]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    eventually("the held packet delivered", || async {
        matches!(
            state_of(&p.b, &from_b).await.as_str(),
            "delivered" | "accepted"
        )
    })
    .await;
    for action in ["federation.key_changed", "federation.key_confirmed"] {
        assert_eq!(
            spona_store::audit::count(&p.a.db, Some(action))
                .await
                .expect("audit"),
            1,
            "{action}"
        );
    }
}
