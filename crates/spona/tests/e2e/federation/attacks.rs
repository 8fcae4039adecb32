//! The inbox refuses, each for its stated reason and storing nothing: a packet from an
//! unknown deployment, with a bad signature, a body that does not match its digest, an old
//! signature, a repeated id, a packet too far ahead of its conversation, addressed to an organisation that
//! does not exchange with the sender, encrypted to another key, truncated.

use spona_federation::packet::Draft;
use spona_federation::{DeploymentKey, Envelope, httpsig};
use spona_store::federation::packets;

use super::{add_partner, link, org_id};
use crate::harness::*;

/// Prishtina (`b`) knows Belgrade (`a`) as a partner, ZMINA exchanging with ASTRA.
pub(super) struct Setup {
    pub a: TestApp,
    pub b: TestApp,
    pub key: std::sync::Arc<spona_app::federation::FedKeys>,
    pub astra: String,
    pub zmina: String,
}

pub(super) async fn setup() -> Setup {
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let a_on_b = add_partner(&b, &a).await;
    link(&b, &a_on_b, "zmina", &a, "astra").await;
    // Prishtina's organisations get their identities when its key document is served.
    assert_eq!(
        b.client().get("/.well-known/spona-federation").await.status,
        200
    );
    let key = a.state().federation.keys(&a.db).await.expect("keys");
    let astra = org_id(&a, "astra").await;
    let zmina = org_id(&b, "zmina").await;
    Setup {
        a,
        b,
        key,
        astra,
        zmina,
    }
}

async fn recipient(app: &TestApp, slug: &str) -> String {
    let id = org_id(app, slug).await;
    spona_store::federation::org_keys(&app.db)
        .await
        .expect("keys")
        .into_iter()
        .find(|k| k.org_id == id)
        .expect("recipient")
        .recipient
}

impl Setup {
    pub(super) async fn packet(
        &self,
        id: &str,
        seq: i64,
        to_org: &str,
        recipient: &str,
    ) -> Vec<u8> {
        let env = Envelope::seal(
            &self.key.signing,
            Draft {
                id,
                from_org: &self.astra,
                to_org,
                conversation: "notes:attack",
                seq,
                kind: "note",
                created: spona_store::now(),
            },
            recipient,
            br#"{"kind":"note","data":{"text":"hi"}}"#,
        )
        .expect("seal");
        serde_json::to_vec(&env).expect("json")
    }

    pub(super) async fn good(&self, id: &str, seq: i64) -> Vec<u8> {
        self.packet(id, seq, &self.zmina, &recipient(&self.b, "zmina").await)
            .await
    }

    fn authority(&self) -> String {
        self.b.base.trim_start_matches("http://").to_owned()
    }

    /// Posts `body` with `headers`; the status and the refusal's reason.
    pub(super) async fn post(
        &self,
        body: Vec<u8>,
        headers: &httpsig::SignedHeaders,
    ) -> (u16, String) {
        let r = reqwest::Client::new()
            .post(format!("{}/federation/inbox", self.b.base))
            .header("content-type", "application/json")
            .header("content-digest", &headers.content_digest)
            .header("signature-input", &headers.signature_input)
            .header("signature", &headers.signature)
            .body(body)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        let json: serde_json::Value = r.json().await.expect("json answer");
        (
            status,
            json["reason"].as_str().unwrap_or_default().to_owned(),
        )
    }

    fn sign_with(&self, key: &DeploymentKey, body: &[u8], created: i64) -> httpsig::SignedHeaders {
        httpsig::sign(
            key,
            "POST",
            &self.authority(),
            "/federation/inbox",
            "application/json",
            body,
            created,
        )
    }

    pub(super) fn sign(&self, body: &[u8]) -> httpsig::SignedHeaders {
        self.sign_with(&self.key.signing, body, spona_store::now())
    }

    async fn nothing_stored(&self) {
        assert_eq!(packets::inbox_count(&self.b.db).await.expect("db"), 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_packet_is_stored_with_a_receipt() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let (status, reason) = s.post(body.clone(), &s.sign(&body)).await;
    assert_eq!((status, reason.as_str()), (200, ""));
    assert_eq!(packets::inbox_count(&s.b.db).await.expect("db"), 1);
    drop(s.a);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_packet_from_an_unknown_deployment_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let stranger = DeploymentKey::generate();
    let (status, reason) = s
        .post(
            body.clone(),
            &s.sign_with(&stranger, &body, spona_store::now()),
        )
        .await;
    assert_eq!(status, 403);
    assert!(reason.contains("unknown deployment"), "{reason}");
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_signature_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let mut h = s.sign(&body);
    // Another signature of the same length, by the same key, over other bytes.
    let other = s.sign(b"{}");
    h.signature = other.signature;
    let (status, reason) = s.post(body, &h).await;
    assert_eq!(status, 401);
    assert!(reason.contains("signature does not hold"), "{reason}");
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_does_not_match_its_digest_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let h = s.sign(&body);
    let mut changed = body.clone();
    let at = changed.iter().position(|b| *b == b'1').expect("a digit");
    changed[at] = b'2';
    let (status, reason) = s.post(changed, &h).await;
    assert_eq!(status, 400);
    assert!(reason.contains("Content-Digest does not match"), "{reason}");
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_signature_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let h = s.sign_with(&s.key.signing, &body, spona_store::now() - 600);
    let (status, reason) = s.post(body, &h).await;
    assert_eq!(status, 401);
    assert!(reason.contains("more than 300 s from now"), "{reason}");
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_packet_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    let h = s.sign(&body);
    assert_eq!(s.post(body.clone(), &h).await.0, 200);
    let (status, reason) = s.post(body, &h).await;
    assert_eq!(status, 409);
    assert!(reason.contains("received already"), "{reason}");
    assert_eq!(packets::inbox_count(&s.b.db).await.expect("db"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_packet_too_far_ahead_of_its_conversation_is_refused() {
    let s = setup().await;
    let far = spona_domain::federation::HOLD_AHEAD + 1;
    let ahead = s.good(&spona_store::new_id(), far).await;
    let (status, reason) = s.post(ahead.clone(), &s.sign(&ahead)).await;
    assert_eq!(status, 409);
    assert!(reason.contains("out of order"), "{reason}");
    s.nothing_stored().await;
    // Within the bound it is held (federation/order.rs).
    let near = s.good(&spona_store::new_id(), far - 1).await;
    assert_eq!(s.post(near.clone(), &s.sign(&near)).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misaddressed_packet_is_refused() {
    let s = setup().await;
    // ATINA on Prishtina's side does not exchange with ASTRA.
    let atina = org_id(&s.b, "atina").await;
    let body = s
        .packet(
            &spona_store::new_id(),
            1,
            &atina,
            &recipient(&s.b, "atina").await,
        )
        .await;
    let (status, reason) = s.post(body.clone(), &s.sign(&body)).await;
    assert_eq!(status, 403);
    assert!(reason.contains("misaddressed"), "{reason}");
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_packet_encrypted_to_another_key_is_refused() {
    let s = setup().await;
    let other = spona_federation::OrgIdentity::generate().recipient();
    let body = s.packet(&spona_store::new_id(), 1, &s.zmina, &other).await;
    let (status, reason) = s.post(body.clone(), &s.sign(&body)).await;
    assert_eq!(status, 422);
    assert!(
        reason.contains("does not open with the addressee's key"),
        "{reason}"
    );
    s.nothing_stored().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_packet_is_refused() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 1).await;
    // Cut in transit: the digest no longer matches.
    let h = s.sign(&body);
    let (status, reason) = s.post(body[..body.len() / 2].to_vec(), &h).await;
    assert_eq!(status, 400);
    assert!(reason.contains("Content-Digest"), "{reason}");
    // Cut before signing (a broken sender): not a packet.
    let cut = body[..body.len() - 20].to_vec();
    let (status, reason) = s.post(cut.clone(), &s.sign(&cut)).await;
    assert_eq!(status, 400);
    assert!(reason.contains("truncated"), "{reason}");
    // The body cut inside a packet the sender signed: it does not open.
    let mut env: Envelope = serde_json::from_slice(&body).expect("envelope");
    env.body.truncate(env.body.len() - 12);
    let resigned = serde_json::to_vec(&env).expect("json");
    let (status, _) = s.post(resigned.clone(), &s.sign(&resigned)).await;
    assert_eq!(status, 401, "the packet's own signature covers its body");
    s.nothing_stored().await;
}
