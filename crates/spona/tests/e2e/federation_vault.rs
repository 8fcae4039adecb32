//! Vault items across deployments (issue 20, item 5), two servers in this process (each its
//! own database): ASTRA's lead on Belgrade (`a`) gives a file, with the person's consent
//! naming ZMINA on Prishtina (`b`), through the item page's share form; it arrives in a case
//! of ZMINA's, still encrypted to ZMINA's age key (opened here with `age -d`), and
//! `spona custody verify` on Prishtina checks the sender's chain up to the hand-over and its
//! own after, and reports a corrupted received item. Without consent naming the partner's
//! organisation, or once the organisations no longer exchange, the share is refused and
//! nothing leaves. A packet whose chain was tampered with, or whose bytes are encrypted to
//! another key, is refused on arrival and nothing is stored. A broken federated referral
//! chain is reported by `custody verify`.

use std::process::Command;

use sha2::Digest;
use spona_federation::handover::{self, Handover, HandoverDraft};
use spona_federation::packet::Draft;
use spona_federation::{DeploymentKey, Envelope, OrgIdentity, httpsig};
use spona_store::federation::packets;
use spona_store::federation::vault_items as received;

use crate::federation::{Pair, eventually, org_id, pair};
use crate::harness::*;
use crate::once::{count, exec};
use crate::vault::{data, upload};

pub(crate) const REASON: &str = "for the court in Prishtina";

/// A case on Belgrade led by ASTRA's admin with one file (consent: documentation only); (case,
/// item, bytes).
pub(crate) async fn case_with_file(lead: &Client) -> (String, String, Vec<u8>) {
    let r = lead
        .post("/en/vault/new", &[("title", "Cross-border case")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let case = r.location().rsplit('/').next().expect("id").to_owned();
    let bytes = data(40_000, 7);
    let item = upload(lead, &case, "photo.jpg", &bytes, &[("documentation", "on")]).await;
    (case, item, bytes)
}

pub(crate) async fn zmina_target(p: &Pair) -> String {
    format!("fed:{}:{}", p.b_on_a, org_id(&p.b, "zmina").await)
}

pub(crate) async fn consent_to(lead: &Client, case: &str, item: &str, target: &str) {
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/consent"),
            &[
                ("documentation", "on"),
                ("share_with", target),
                ("reason", "asked at follow-up"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

pub(crate) async fn share(lead: &Client, case: &str, item: &str, target: &str) -> Reply {
    lead.post(
        &format!("/en/vault/cases/{case}/items/{item}/share"),
        &[("org", target), ("reason", REASON)],
    )
    .await
}

async fn vault_packets(app: &TestApp) -> Vec<packets::Outgoing> {
    packets::outbox(&app.db, 100)
        .await
        .expect("db")
        .into_iter()
        .filter(|o| o.kind == "vault-item")
        .collect()
}

pub(crate) async fn received_items(app: &TestApp) -> Vec<received::FedVaultItem> {
    let mut out = Vec::new();
    for c in received::cases(&app.db).await.expect("db") {
        out.extend(received::items(&app.db, &c.id).await.expect("db"));
    }
    out
}

pub(crate) async fn identity(app: &TestApp, slug: &str) -> OrgIdentity {
    let keys = app.state().federation.keys(&app.db).await.expect("keys");
    let mut tx = app.db.begin().await.expect("tx");
    spona_app::federation::keys::org_identity_in(&mut tx, &keys, &org_id(app, slug).await)
        .await
        .expect("identity")
        .expect("zmina has one")
}

pub(crate) async fn verify(app: &TestApp) -> (bool, String) {
    let url = app.cli_database_url().await;
    app.run_cli(&url, &["custody", "verify"], &[])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vault_item_travels_to_a_partners_organisation_and_verifies_there() {
    let p = pair().await;
    let lead = p.a.signed_in(ASTRA_ADMIN).await;
    let (case, item, bytes) = case_with_file(&lead).await;
    let target = zmina_target(&p).await;

    // Consent names nobody yet: the page offers no organisation, and a share is refused
    // (and logged), nothing queued.
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("names no organisation"), "{}", page.body);
    // The consent form offers ZMINA on Prishtina, unticked.
    let offered = format!("name=\"share_with\" value=\"{target}\">");
    assert!(page.body.contains(&offered), "{}", page.body);
    let r = share(&lead, &case, &item, &target).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("did not consent to sharing"), "{}", r.body);
    assert!(vault_packets(&p.a).await.is_empty());

    // With consent naming ZMINA there: the share form offers it (nothing chosen) and sends.
    consent_to(&lead, &case, &item, &target).await;
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert!(
        page.body.contains(&format!("<option value=\"{target}\">")),
        "{}",
        page.body
    );
    assert!(page.body.contains("<option value=\"\" selected>"));
    let r = share(&lead, &case, &item, &target).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sent = vault_packets(&p.a).await;
    assert_eq!(sent.len(), 1);
    let packet = sent[0].id.clone();
    eventually("the item packet accepted", || async {
        packets::outgoing(&p.a.db, &packet)
            .await
            .expect("db")
            .is_some_and(|o| o.state == "accepted")
    })
    .await;
    assert_eq!(p.a.audit_count("federation.vault_item_sent").await, 1);
    assert_eq!(p.b.audit_count("federation.vault_item_received").await, 1);

    // Arrived in a case of ZMINA's, for ASTRA's case, still encrypted to ZMINA.
    let cases = received::cases(&p.b.db).await.expect("db");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].local_org, org_id(&p.b, "zmina").await);
    assert_eq!(cases[0].remote_org, org_id(&p.a, "astra").await);
    assert_eq!(cases[0].sender_case, case);
    let items = received_items(&p.b).await;
    assert_eq!(items.len(), 1);
    let got = &items[0];
    assert_eq!(got.sender_item, item);
    assert_eq!(got.sha256, hex::encode(sha2::Sha256::digest(&bytes)));
    let ct = handover::ciphertext(&got.ciphertext).expect("base64");
    assert!(!ct.windows(64).any(|w| w == &bytes[..64]), "not in clear");
    // `age -d` with ZMINA's identity opens it.
    let zmina = identity(&p.b, "zmina").await;
    let (ct_file, key_file) = (
        p.b.dir.path().join("item.age"),
        p.b.dir.path().join("zmina.txt"),
    );
    std::fs::write(&ct_file, &ct).expect("write");
    std::fs::write(&key_file, zmina.secret()).expect("write");
    let out = Command::new("age")
        .args(["-d", "-i"])
        .arg(&key_file)
        .arg(&ct_file)
        .output()
        .expect("age");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, bytes);
    // Another organisation's identity does not.
    assert!(handover::open_with(&OrgIdentity::generate(), &ct).is_err());

    // ZMINA's admin finds it from the vault's page and downloads it; the download is
    // recorded in the chain there. ASTRA's admin on Prishtina does not see it.
    let zadmin = p.b.signed_in(ZMINA_ADMIN).await;
    assert!(
        zadmin
            .get("/en/vault")
            .await
            .body
            .contains("/en/vault/received\"")
    );
    let list = zadmin.get("/en/vault/received").await;
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("photo.jpg") && list.body.contains(&got.sha256),
        "{}",
        list.body
    );
    let download = format!("/en/vault/received/{}/download", got.id);
    let (status, fetched, headers) = zadmin.bytes(&download).await;
    assert_eq!(status, 200);
    assert_eq!(fetched, bytes);
    assert_eq!(headers["x-content-sha256"], got.sha256.as_str());
    let astra_there = p.b.signed_in(ASTRA_ADMIN).await;
    assert_eq!(astra_there.get(&download).await.status, 404);
    let list = astra_there.get("/en/vault/received").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains("photo.jpg"));
    let actions: Vec<String> = received::custody(&p.b.db, &cases[0].id)
        .await
        .expect("custody")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["received", "downloaded"]);

    // Belgrade's chain records the hand-over; its packet log shows the item packet.
    let chain = spona_store::vault::custody(&p.a.db, &case, p.a.vault())
        .await
        .expect("custody");
    let last = chain.last().expect("entries");
    assert_eq!(last.action, "share");
    assert!(last.reason.contains(&target) && last.reason.contains(REASON));
    let log =
        p.a.signed_in(ADMIN)
            .await
            .get("/en/admin/federation/packets")
            .await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("vault-item"), "{}", log.body);

    // Prishtina's custody verify checks the sender's chain and its own.
    let (ok, out) = verify(&p.b).await;
    assert!(ok, "{out}");
    assert!(out.contains("received case"), "{out}");
    // Belgrade's too (its case with the share entry).
    let (ok, out) = verify(&p.a).await;
    assert!(ok, "{out}");

    // A received item whose bytes were replaced (still encrypted to ZMINA) is reported.
    let other = handover::seal_for(&zmina.recipient(), &data(40_000, 8)).expect("seal");
    exec(
        &p.b,
        &format!(
            "UPDATE federation_vault_items SET ciphertext = '{other}' WHERE id = '{}'",
            got.id
        ),
    )
    .await;
    let (ok, out) = verify(&p.b).await;
    assert!(!ok, "{out}");
    assert!(out.contains("SHA-256 differs"), "{out}");
    // Restored, it verifies again; then this side's chain edited where it is stored.
    exec(
        &p.b,
        &format!(
            "UPDATE federation_vault_items SET ciphertext = '{}' WHERE id = '{}'",
            got.ciphertext, got.id
        ),
    )
    .await;
    assert!(verify(&p.b).await.0);
    exec(
        &p.b,
        "UPDATE federation_vault_custody SET reason = reason || ' (edited)' WHERE seq = 0",
    )
    .await;
    let (ok, out) = verify(&p.b).await;
    assert!(!ok, "{out}");
    assert!(out.contains("custody here: entry 0"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_share_to_an_organisation_no_longer_linked_is_refused() {
    let p = pair().await;
    let lead = p.a.signed_in(ASTRA_ADMIN).await;
    let (case, item, _) = case_with_file(&lead).await;
    let target = zmina_target(&p).await;
    consent_to(&lead, &case, &item, &target).await;
    // (An item larger than a packet carries travels in chunks: `federation_vault_chunks`.)
    // Belgrade's admin removes the link: ASTRA no longer exchanges with ZMINA.
    let admin = p.a.signed_in(ADMIN).await;
    let r = admin
        .post(
            &format!("/en/admin/federation/partners/{}/links", p.b_on_a),
            &[
                ("local", org_id(&p.a, "astra").await.as_str()),
                ("remote", org_id(&p.b, "zmina").await.as_str()),
                ("action", "remove"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = share(&lead, &case, &item, &target).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(
        r.body.contains("exchanges with this organisation"),
        "{}",
        r.body
    );
    assert!(vault_packets(&p.a).await.is_empty());
    // A made-up partner organisation is not one consent can name.
    let r = share(&lead, &case, &item, &format!("fed:{}:nobody", p.b_on_a)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(vault_packets(&p.a).await.is_empty());
    assert_eq!(p.a.audit_count("federation.vault_item_sent").await, 0);
}

/// A `vault-item` packet from Belgrade's deployment key, built here: a chain of one case
/// with the item's creation and hand-over, signed by a vault key of its own; `tamper` edits
/// the handover before it is sealed, `recipient` is whom the bytes are encrypted to.
async fn crafted(
    p: &Pair,
    conversation: &str,
    recipient: &str,
    tamper: impl FnOnce(&mut Handover),
) -> Vec<u8> {
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let bytes = b"a scanned statement".to_vec();
    let sha = hex::encode(sha2::Sha256::digest(&bytes));
    let mut chain: Vec<spona_vault::CustodyEntry> = Vec::new();
    for (action, reason) in [
        ("create", "item it-1 created"),
        ("share", "item it-1 with zmina"),
    ] {
        chain.push(spona_vault::append(
            chain.last(),
            spona_vault::NewEntry {
                case_id: "case-x".into(),
                at_ms: 1,
                actor: "u".into(),
                action: action.into(),
                reason: reason.into(),
                item_sha256: Some(sha.clone()),
            },
        ));
    }
    let mut h = Handover::build(
        HandoverDraft {
            item_id: "it-1",
            case_id: "case-x",
            kind: "file",
            sha256: &sha,
            size: bytes.len() as u64,
            media_type: "application/pdf",
            name: "statement.pdf",
            chain: &chain,
            vault: &DeploymentKey::generate(),
        },
        &keys.signing,
    )
    .expect("handover");
    tamper(&mut h);
    let body = serde_json::json!({
        "kind": "vault-item",
        "data": { "handover": h, "ciphertext": handover::seal_for(recipient, &bytes).expect("seal") },
    });
    let env = Envelope::seal(
        &keys.signing,
        Draft {
            id: &spona_store::new_id(),
            from_org: &org_id(&p.a, "astra").await,
            to_org: &org_id(&p.b, "zmina").await,
            conversation,
            seq: 1,
            kind: "vault-item",
            created: spona_store::now(),
        },
        recipient,
        &serde_json::to_vec(&body).expect("json"),
    )
    .expect("seal");
    serde_json::to_vec(&env).expect("json")
}

async fn post(p: &Pair, body: Vec<u8>) -> (u16, String) {
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let h = httpsig::sign(
        &keys.signing,
        "POST",
        p.b.base.trim_start_matches("http://"),
        "/federation/inbox",
        "application/json",
        &body,
        spona_store::now(),
    );
    let r = reqwest::Client::new()
        .post(format!("{}/federation/inbox", p.b.base))
        .header("content-type", "application/json")
        .header("content-digest", &h.content_digest)
        .header("signature-input", &h.signature_input)
        .header("signature", &h.signature)
        .body(body)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    let json: serde_json::Value = r.json().await.expect("json");
    (
        status,
        json["reason"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_chain_or_a_wrong_key_is_refused_on_arrival_and_nothing_is_stored() {
    let p = pair().await;
    let zmina = identity(&p.b, "zmina").await.recipient();
    // The untampered packet, built the same way, is accepted: what follows fails for the
    // tampering alone.
    let (status, reason) = post(&p, crafted(&p, "vault:control", &zmina, |_| {}).await).await;
    assert_eq!((status, reason.as_str()), (200, ""));
    assert_eq!(count_items(&p.b.db).await, 1);
    let inbox = packets::inbox_count(&p.b.db).await.expect("db");

    // An entry of the sender's chain edited.
    let body = crafted(&p, "vault:t1", &zmina, |h| {
        h.entries[0].reason = "item it-1 created (edited)".into();
    })
    .await;
    let (status, reason) = post(&p, body).await;
    assert_eq!(status, 422, "{reason}");
    assert!(reason.contains("custody does not verify"), "{reason}");
    // The hand-over entry dropped from the links (the chain ends before it).
    let body = crafted(&p, "vault:t2", &zmina, |h| {
        h.links.pop();
    })
    .await;
    let (status, reason) = post(&p, body).await;
    assert_eq!(status, 422, "{reason}");
    // The SHA-256 claimed for other bytes.
    let body = crafted(&p, "vault:t3", &zmina, |h| {
        h.sha256 = "00".repeat(32);
    })
    .await;
    let (status, reason) = post(&p, body).await;
    assert_eq!(status, 422, "{reason}");
    // The bytes encrypted to another organisation's key.
    let stranger = OrgIdentity::generate().recipient();
    let body = crafted_bytes_to(&p, "vault:t4", &zmina, &stranger).await;
    let (status, reason) = post(&p, body).await;
    assert_eq!(status, 422, "{reason}");
    assert!(
        reason.contains("does not open with the addressee's key"),
        "{reason}"
    );

    assert_eq!(count_items(&p.b.db).await, 1, "nothing more stored");
    assert_eq!(packets::inbox_count(&p.b.db).await.expect("db"), inbox);
    assert_eq!(
        count(&p.b, "SELECT COUNT(*) FROM federation_vault_custody").await,
        1
    );
}

async fn count_items(db: &spona_store::Db) -> usize {
    let mut n = 0;
    for c in received::cases(db).await.expect("db") {
        n += received::items(db, &c.id).await.expect("db").len();
    }
    n
}

/// As [`crafted`], but the envelope to ZMINA carries bytes encrypted to `bytes_to`.
async fn crafted_bytes_to(p: &Pair, conversation: &str, zmina: &str, bytes_to: &str) -> Vec<u8> {
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let env: Envelope =
        serde_json::from_slice(&crafted(p, conversation, zmina, |_| {}).await).expect("env");
    let plain = env.open(&identity(&p.b, "zmina").await).expect("open");
    let mut body: serde_json::Value = serde_json::from_slice(&plain).expect("json");
    body["data"]["ciphertext"] = serde_json::Value::String(
        handover::seal_for(bytes_to, b"a scanned statement").expect("seal"),
    );
    let env = Envelope::seal(
        &keys.signing,
        Draft {
            id: &spona_store::new_id(),
            from_org: &env.from_org,
            to_org: &env.to_org,
            conversation,
            seq: 1,
            kind: "vault-item",
            created: spona_store::now(),
        },
        zmina,
        &serde_json::to_vec(&body).expect("json"),
    )
    .expect("seal");
    serde_json::to_vec(&env).expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custody_verify_reports_a_broken_federated_referral_chain() {
    use spona_store::federation::referrals::{self as fedref, CustodyRow, FedReferral};
    let p = pair().await;
    let id = spona_store::new_id();
    let astra = org_id(&p.a, "astra").await;
    let mut tx = p.a.db.begin().await.expect("tx");
    fedref::insert_in(
        &mut tx,
        &FedReferral {
            id: id.clone(),
            direction: "out".into(),
            partner_id: p.b_on_a.clone(),
            sender_ref: id.clone(),
            local_org: astra,
            remote_org: org_id(&p.b, "zmina").await,
            service_id: "svc".into(),
            service_name: "Safe house".into(),
            status: "sent".into(),
            urgent: false,
            person_sealed: None,
            reason_sealed: None,
            consent_sealed: None,
            consent_until: spona_store::now() + 86_400,
            outcome: None,
            referred_by: None,
            created_at: spona_store::now(),
            updated_at: spona_store::now(),
            withdrawn_at: None,
        },
    )
    .await
    .expect("referral");
    let mut prev: Option<spona_vault::CustodyEntry> = None;
    for action in ["create", "sent", "answer:accept"] {
        let e = spona_vault::append(
            prev.as_ref(),
            spona_vault::NewEntry {
                case_id: format!("fed-referral:{id}"),
                at_ms: 1,
                actor: "u".into(),
                action: action.into(),
                reason: String::new(),
                item_sha256: None,
            },
        );
        fedref::add_custody_in(
            &mut tx,
            &CustodyRow {
                referral_id: id.clone(),
                seq: e.seq as i64,
                at_ms: e.at_ms,
                actor: e.actor.clone(),
                action: e.action.clone(),
                reason: e.reason.clone(),
                prev_hash: e.prev_hash.clone(),
                hash: e.hash.clone(),
            },
        )
        .await
        .expect("custody");
        prev = Some(e);
    }
    tx.commit().await.expect("commit");
    let (ok, out) = verify(&p.a).await;
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!(
            "federated referral {id}: 3 custody entries intact"
        )),
        "{out}"
    );
    // An answer rewritten where it is stored.
    exec(
        &p.a,
        &format!(
            "UPDATE federation_referral_custody SET action = 'answer:decline' \
             WHERE referral_id = '{id}' AND seq = 2"
        ),
    )
    .await;
    let (ok, out) = verify(&p.a).await;
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "federated referral {id}: custody: entry 2 (answer:decline) was altered"
        )),
        "{out}"
    );
    // An entry removed.
    exec(
        &p.a,
        &format!("DELETE FROM federation_referral_custody WHERE referral_id = '{id}' AND seq = 1"),
    )
    .await;
    let (ok, out) = verify(&p.a).await;
    assert!(!ok, "{out}");
    assert!(out.contains("numbered 2"), "{out}");
}
