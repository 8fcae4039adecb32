//! Vault items too large for one packet travel in chunks (issue 20, item 5;
//! `spona_app::federation::vault_chunks`): a 3 MiB file shared from Belgrade while Prishtina
//! is down waits as `vault-chunk` packets and its `vault-item`, arrives once each when
//! Prishtina is back, downloads byte-identical and verifies there; a stored chunk altered
//! afterwards is reported by `custody verify`. A chunk altered on the way (with its own
//! SHA-256 recomputed, so that it is staged) or missing makes the item refused: nothing is
//! kept, and the sender's packet says why.

use base64::Engine;
use sha2::Digest;
use spona_federation::chunks::{CHUNK_BYTES, Chunk};
use spona_federation::packet::Draft;
use spona_federation::{Envelope, OrgIdentity};
use spona_store::federation::packets::{self, Outgoing};
use spona_store::federation::vault_chunks;

use crate::federation::{Pair, eventually, pair};
use crate::federation_vault::{identity, received_items, share, verify, zmina_target};
use crate::harness::*;
use crate::once::{count, exec};
use crate::vault::{data, upload};

/// A case on Belgrade with one file of `len` bytes whose consent names ZMINA on Prishtina;
/// (case, item, bytes).
async fn case_with_large_file(
    p: &Pair,
    lead: &Client,
    len: usize,
    seed: u8,
) -> (String, String, Vec<u8>) {
    let r = lead
        .post("/en/vault/new", &[("title", "Large evidence")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let case = r.location().rsplit('/').next().expect("id").to_owned();
    let bytes = data(len, seed);
    let target = zmina_target(p).await;
    let item = upload(
        lead,
        &case,
        "recording.wav",
        &bytes,
        &[("documentation", "on"), ("share_with", target.as_str())],
    )
    .await;
    (case, item, bytes)
}

/// Belgrade's packets of the case's conversation, in order.
async fn conversation(app: &TestApp, case: &str) -> Vec<Outgoing> {
    let mut out: Vec<Outgoing> = packets::outbox(&app.db, 1000)
        .await
        .expect("db")
        .into_iter()
        .filter(|o| o.conversation == format!("vault:{case}"))
        .collect();
    out.sort_by_key(|o| o.seq);
    out
}

async fn state(app: &TestApp, id: &str) -> Outgoing {
    packets::outgoing(&app.db, id)
        .await
        .expect("db")
        .expect("packet")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_item_waits_in_chunks_arrives_once_and_verifies() {
    let mut p = pair().await;
    let lead = p.a.signed_in(ASTRA_ADMIN).await;
    let (case, item, bytes) = case_with_large_file(&p, &lead, 3 * 1024 * 1024, 11).await;
    let target = zmina_target(&p).await;

    // Prishtina is down: the share is recorded and its packets wait.
    p.b.stop().await;
    let r = share(&lead, &case, &item, &target).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sent = conversation(&p.a, &case).await;
    let kinds: Vec<&str> = sent.iter().map(|o| o.kind.as_str()).collect();
    // 3 MiB and age's overhead in 320 KiB chunks: ten, then the item.
    assert_eq!(kinds.len(), 11, "{kinds:?}");
    assert!(kinds[..10].iter().all(|k| *k == "vault-chunk"), "{kinds:?}");
    assert_eq!(kinds[10], "vault-item");
    // Each chunk's envelope fits the inbox's 1 MiB with room.
    assert!(sent.iter().all(|o| o.envelope.len() < 700 * 1024));
    eventually("a failed attempt", || async {
        state(&p.a, &sent[0].id).await.attempts > 0
    })
    .await;
    for o in &sent {
        assert_eq!(state(&p.a, &o.id).await.state, "queued");
    }

    p.b.restart().await;
    eventually("the item accepted", || async {
        state(&p.a, &sent[10].id).await.state == "accepted"
    })
    .await;
    for o in &sent[..10] {
        assert_eq!(state(&p.a, &o.id).await.state, "delivered", "{}", o.id);
    }
    // Each packet once on Prishtina; its chunks bound to the item, none left staged.
    let inbox = packets::inbox(&p.b.db, 100).await.expect("db");
    for o in &sent {
        assert_eq!(
            inbox.iter().filter(|i| i.id == o.id).count(),
            1,
            "{} {}",
            o.kind,
            o.seq
        );
    }
    let items = received_items(&p.b).await;
    assert_eq!(items.len(), 1);
    let got = &items[0];
    assert_eq!(got.sender_item, item);
    assert_eq!(got.size as usize, bytes.len());
    assert_eq!(got.sha256, hex::encode(sha2::Sha256::digest(&bytes)));
    assert!(got.ciphertext.is_empty(), "the bytes are in the chunks");
    assert_eq!(
        vault_chunks::item_count(&p.b.db, &got.id)
            .await
            .expect("db"),
        10
    );
    assert_eq!(vault_chunks::count_all(&p.b.db).await.expect("db"), 10);
    assert_eq!(p.b.audit_count("federation.vault_item_received").await, 1);

    // ZMINA's admin downloads it: byte-identical.
    let zadmin = p.b.signed_in(ZMINA_ADMIN).await;
    let download = format!("/en/vault/received/{}/download", got.id);
    let (status, fetched, headers) = zadmin.bytes(&download).await;
    assert_eq!(status, 200);
    assert_eq!(fetched.len(), bytes.len());
    assert!(fetched == bytes, "byte-identical");
    assert_eq!(headers["x-content-sha256"], got.sha256.as_str());
    assert_eq!(headers["content-length"], bytes.len().to_string().as_str());

    // `custody verify` on both sides.
    let (ok, out) = verify(&p.b).await;
    assert!(ok, "{out}");
    assert!(out.contains("received case"), "{out}");
    assert!(verify(&p.a).await.0);

    // A stored chunk replaced by another one's bytes (and its SHA-256): reported.
    exec(
        &p.b,
        &format!(
            "UPDATE federation_vault_chunks SET bytes = (SELECT bytes FROM \
             federation_vault_chunks WHERE item_id = '{0}' AND idx = 3), sha256 = (SELECT \
             sha256 FROM federation_vault_chunks WHERE item_id = '{0}' AND idx = 3) \
             WHERE item_id = '{0}' AND idx = 4",
            got.id
        ),
    )
    .await;
    let (ok, out) = verify(&p.b).await;
    assert!(!ok, "{out}");
    assert!(out.contains("do not open"), "{out}");
    // And one deleted.
    exec(
        &p.b,
        &format!(
            "DELETE FROM federation_vault_chunks WHERE item_id = '{}' AND idx = 2",
            got.id
        ),
    )
    .await;
    let (ok, out) = verify(&p.b).await;
    assert!(!ok, "{out}");
    assert!(out.contains("chunk 2 is missing"), "{out}");
}

/// Replaces Belgrade's queued packet `o` (same id, number and conversation, signed with
/// Belgrade's key) with one of `kind` carrying `data`.
async fn replace(p: &Pair, o: &Outgoing, kind: &str, data: serde_json::Value, to: &str) {
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let old: Envelope = serde_json::from_str(&o.envelope).expect("envelope");
    let body = serde_json::json!({ "kind": kind, "data": data });
    let env = Envelope::seal(
        &keys.signing,
        Draft {
            id: &old.id,
            from_org: &old.from_org,
            to_org: &old.to_org,
            conversation: &old.conversation,
            seq: old.seq,
            kind,
            created: old.created,
        },
        to,
        &serde_json::to_vec(&body).expect("json"),
    )
    .expect("seal");
    let json = serde_json::to_string(&env).expect("json");
    exec(
        &p.a,
        &format!(
            "UPDATE federation_outbox SET envelope = '{json}', kind = '{kind}' WHERE id = '{}'",
            o.id
        ),
    )
    .await;
}

/// The chunk a queued `vault-chunk` packet carries (opened with ZMINA's identity).
fn chunk_of(o: &Outgoing, zmina: &OrgIdentity) -> Chunk {
    let env: Envelope = serde_json::from_str(&o.envelope).expect("envelope");
    let body: serde_json::Value =
        serde_json::from_slice(&env.open(zmina).expect("open")).expect("json");
    serde_json::from_value(body["data"].clone()).expect("chunk")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_altered_or_missing_chunk_refuses_the_item_keeps_nothing_and_says_why() {
    let mut p = pair().await;
    let zmina = identity(&p.b, "zmina").await;
    let lead = p.a.signed_in(ASTRA_ADMIN).await;
    let target = zmina_target(&p).await;
    // Two cases (a refused packet fails the ones behind it in its conversation), each with
    // a 700 KiB file: three chunks.
    let (case1, item1, _) = case_with_large_file(&p, &lead, 700 * 1024, 21).await;
    let (case2, item2, _) = case_with_large_file(&p, &lead, 700 * 1024, 22).await;
    p.b.stop().await;
    for (case, item) in [(&case1, &item1), (&case2, &item2)] {
        let r = share(&lead, case, item, &target).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let (sent1, sent2) = (
        conversation(&p.a, &case1).await,
        conversation(&p.a, &case2).await,
    );
    assert_eq!(sent1.len(), 4);
    assert_eq!(sent2.len(), 4);

    // Case 1: chunk 1's bytes altered on the way, its own SHA-256 recomputed (it is staged;
    // the whole ciphertext's SHA-256 no longer holds).
    let c = chunk_of(&sent1[1], &zmina);
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(&c.bytes)
        .expect("b64");
    assert_eq!(bytes.len(), CHUNK_BYTES);
    bytes[1000] ^= 0x55;
    let altered = Chunk::new(&c.transfer, c.index, c.count, &bytes);
    replace(
        &p,
        &sent1[1],
        "vault-chunk",
        serde_json::json!(altered),
        &zmina.recipient(),
    )
    .await;
    // Case 2: chunk 1 never sent (a ping in its place keeps the numbering).
    replace(
        &p,
        &sent2[1],
        "ping",
        serde_json::json!({}),
        &zmina.recipient(),
    )
    .await;

    p.b.restart().await;
    for sent in [&sent1, &sent2] {
        eventually("the item refused", || async {
            state(&p.a, &sent[3].id).await.state == "failed"
        })
        .await;
    }
    let why1 = state(&p.a, &sent1[3].id)
        .await
        .last_error
        .unwrap_or_default();
    assert!(
        why1.contains("422") && why1.contains("does not match the SHA-256"),
        "{why1}"
    );
    let why2 = state(&p.a, &sent2[3].id)
        .await
        .last_error
        .unwrap_or_default();
    assert!(
        why2.contains("422") && why2.contains("2 of 3 arrived"),
        "{why2}"
    );
    // The sender's packet log shows why.
    let log =
        p.a.signed_in(ADMIN)
            .await
            .get("/en/admin/federation/packets")
            .await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("2 of 3 arrived"), "{}", log.body);

    // Nothing kept on Prishtina: no item, no chunk, no custody entry.
    assert!(received_items(&p.b).await.is_empty());
    assert_eq!(vault_chunks::count_all(&p.b.db).await.expect("db"), 0);
    assert_eq!(
        count(&p.b, "SELECT COUNT(*) FROM federation_vault_custody").await,
        0
    );
    assert_eq!(p.b.audit_count("federation.vault_item_received").await, 0);
}
