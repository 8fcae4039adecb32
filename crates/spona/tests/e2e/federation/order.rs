//! Out-of-order packets are held, not refused (issue 20): packets 3, 1, 2 of one
//! conversation arrive in that order; 3 is stored `held` with its receipt, 1 is accepted,
//! 2 is accepted and lets 3 follow; each is acknowledged once, in the order 1, 2, 3. A
//! repeated held packet gets its receipt again; another packet under a held number is
//! refused. (Too far ahead: `attacks.rs`.)

use spona_federation::Envelope;
use spona_store::federation::packets;

use super::attacks::{Setup, setup};

/// The conversation's packets on the receiving side: `(seq, state)`, by number.
async fn received(s: &Setup) -> Vec<(i64, String)> {
    let mut v: Vec<_> = packets::inbox(&s.b.db, 100)
        .await
        .expect("db")
        .into_iter()
        .map(|i| (i.seq, i.state))
        .collect();
    v.sort();
    v
}

/// The packets the receiver acknowledged, in the order it queued the acknowledgements
/// (each `ack` is opened with ASTRA's identity on the sending side).
async fn acknowledged(s: &Setup) -> Vec<String> {
    let mut acks = packets::outbox(&s.b.db, 100).await.expect("db");
    acks.retain(|o| o.kind == "ack");
    acks.sort_by_key(|o| o.seq);
    let mut tx = s.a.db.begin().await.expect("tx");
    let identity = spona_app::federation::keys::org_identity_in(&mut tx, &s.key, &s.astra)
        .await
        .expect("db")
        .expect("ASTRA's identity");
    drop(tx);
    acks.iter()
        .map(|o| {
            let env: Envelope = serde_json::from_str(&o.envelope).expect("envelope");
            let body: serde_json::Value =
                serde_json::from_slice(&env.open(&identity).expect("opens")).expect("json");
            body["data"]["packet_id"].as_str().expect("id").to_owned()
        })
        .collect()
}

fn held(seqs: &[(i64, &str)]) -> Vec<(i64, String)> {
    seqs.iter().map(|(n, s)| (*n, (*s).to_owned())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packets_sent_three_one_two_are_held_then_accepted_in_order() {
    let s = setup().await;
    let ids: Vec<String> = (0..3).map(|_| spona_store::new_id()).collect();
    let mut bodies = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        bodies.push(s.good(id, n as i64 + 1).await);
    }
    let setup = &s;
    let send = |n: usize| {
        let body = bodies[n - 1].clone();
        let headers = setup.sign(&body);
        async move { setup.post(body, &headers).await }
    };

    // 3 first: held, with a receipt (200), nothing acknowledged.
    assert_eq!(send(3).await, (200, String::new()));
    assert_eq!(received(&s).await, held(&[(3, "held")]));
    assert!(acknowledged(&s).await.is_empty());
    // Sent again while held: its receipt again, stored once.
    assert_eq!(send(3).await.0, 409);
    assert_eq!(received(&s).await.len(), 1);
    // Another packet under the held number: refused.
    let other = s.good(&spona_store::new_id(), 3).await;
    let (status, reason) = s.post(other.clone(), &s.sign(&other)).await;
    assert_eq!(status, 409);
    assert!(reason.contains("already"), "{reason}");

    // 1: accepted; 3 still waits for 2.
    assert_eq!(send(1).await, (200, String::new()));
    assert_eq!(received(&s).await, held(&[(1, "accepted"), (3, "held")]));
    assert_eq!(acknowledged(&s).await, ids[..1]);

    // 2: accepted, and 3 after it.
    assert_eq!(send(2).await, (200, String::new()));
    assert_eq!(
        received(&s).await,
        held(&[(1, "accepted"), (2, "accepted"), (3, "accepted")])
    );
    assert_eq!(acknowledged(&s).await, ids);

    // The packet log names the states.
    let admin = s.b.signed_in(crate::harness::ADMIN).await;
    let log = admin.get("/en/admin/federation/packets").await;
    assert_eq!(log.status, 200);
    assert!(!log.body.contains("data-state=\"held\""), "{}", log.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_packet_shows_as_held_in_the_packet_log() {
    let s = setup().await;
    let body = s.good(&spona_store::new_id(), 2).await;
    assert_eq!(s.post(body.clone(), &s.sign(&body)).await.0, 200);
    let admin = s.b.signed_in(crate::harness::ADMIN).await;
    let log = admin.get("/en/admin/federation/packets").await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("data-state=\"held\""), "{}", log.body);
    assert!(log.body.contains("waiting for an earlier packet"));
}
