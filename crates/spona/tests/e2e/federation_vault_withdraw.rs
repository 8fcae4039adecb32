//! Withdrawal of consent to a vault item handed over to a partner's organisation (lane fed,
//! issue 20), two servers in this process (each its own database): ASTRA's lead on Belgrade
//! (`a`) shares two files with ZMINA on Prishtina (`b`). While Prishtina is stopped, the
//! person withdraws consent to the first: a `vault-withdrawn` packet is queued (once, even
//! when consent changes again), Belgrade's chain records `withdrawal-sent`, and after
//! Prishtina restarts the packet arrives: the item is listed as withdrawn there, its
//! download refused with a clear message (and logged), and both chains verify with
//! `spona custody verify`. Consent narrowed so that it no longer names ZMINA withdraws the
//! second the same way. Removing the withdrawal mark there is reported by `custody verify`.

use spona_store::federation::packets;
use spona_store::federation::vault_items as received;
use spona_store::federation::vault_withdrawals as withdrawals;

use crate::federation::{eventually, pair};
use crate::federation_vault::{
    case_with_file, consent_to, received_items, share, verify, zmina_target,
};
use crate::harness::*;
use crate::once::exec;
use crate::vault::{data, upload};

async fn of_kind(app: &TestApp, kind: &str) -> Vec<packets::Outgoing> {
    packets::outbox(&app.db, 200)
        .await
        .expect("db")
        .into_iter()
        .filter(|o| o.kind == kind)
        .collect()
}

async fn accepted(app: &TestApp, id: &str) {
    eventually("the packet accepted", || async {
        packets::outgoing(&app.db, id)
            .await
            .expect("db")
            .is_some_and(|o| o.state == "accepted")
    })
    .await;
}

async fn actions(app: &TestApp, case: &str) -> Vec<String> {
    spona_store::vault::custody(&app.db, case, app.vault())
        .await
        .expect("custody")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawal_travels_once_even_to_a_partner_that_was_down() {
    let mut p = pair().await;
    let lead = p.a.signed_in(ASTRA_ADMIN).await;
    let (case, first, _) = case_with_file(&lead).await;
    let target = zmina_target(&p).await;
    consent_to(&lead, &case, &first, &target).await;
    let second = upload(
        &lead,
        &case,
        "notes.pdf",
        &data(30_000, 9),
        &[("documentation", "on"), ("share_with", target.as_str())],
    )
    .await;
    for item in [&first, &second] {
        let r = share(&lead, &case, item, &target).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    for o in of_kind(&p.a, "vault-item").await {
        accepted(&p.a, &o.id).await;
    }
    assert_eq!(received_items(&p.b).await.len(), 2);

    // Prishtina is down; the person withdraws consent to the first item.
    p.b.stop().await;
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{first}/consent"),
            &[("action", "withdraw"), ("reason", "the person called")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let queued = of_kind(&p.a, "vault-withdrawn").await;
    assert_eq!(queued.len(), 1);
    let w1 = queued[0].id.clone();
    assert_eq!(queued[0].conversation, format!("vault:{case}"));
    let chain = actions(&p.a, &case).await;
    assert_eq!(
        chain[chain.len() - 2..],
        ["consent".to_owned(), "withdrawal-sent".to_owned()]
    );
    let sent = withdrawals::of_item(&p.a.db, &first).await.expect("db");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].withdrawal_packet.as_deref(), Some(w1.as_str()));
    assert_eq!(p.a.audit_count("federation.vault_withdrawal_sent").await, 1);
    // Its first attempt fails; it waits.
    eventually("a failed attempt", || async {
        packets::outgoing(&p.a.db, &w1)
            .await
            .expect("db")
            .is_some_and(|o| o.attempts > 0 && o.last_error.is_some())
    })
    .await;
    // Consent changed again (withdrawn again): no second withdrawal.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{first}/consent"),
            &[("action", "withdraw"), ("reason", "confirmed in writing")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(of_kind(&p.a, "vault-withdrawn").await.len(), 1);
    assert_eq!(
        packets::outgoing(&p.a.db, &w1)
            .await
            .expect("db")
            .expect("packet")
            .state,
        "queued"
    );

    // Prishtina restarts: the withdrawal arrives once.
    p.b.restart().await;
    accepted(&p.a, &w1).await;
    let inbox: Vec<_> = packets::inbox(&p.b.db, 50)
        .await
        .expect("db")
        .into_iter()
        .filter(|i| i.kind == "vault-withdrawn")
        .collect();
    assert_eq!(inbox.len(), 1, "exactly once");
    assert_eq!(p.b.audit_count("federation.vault_item_withdrawn").await, 1);
    let items = received_items(&p.b).await;
    let got = items
        .iter()
        .find(|i| i.sender_item == first)
        .expect("first");
    let other = items
        .iter()
        .find(|i| i.sender_item == second)
        .expect("second");
    assert!(
        withdrawals::withdrawn_at(&p.b.db, &got.id)
            .await
            .expect("db")
            .is_some()
    );
    assert!(
        withdrawals::withdrawn_at(&p.b.db, &other.id)
            .await
            .expect("db")
            .is_none()
    );
    let rcase = got.case_id.clone();
    let here = |app: &TestApp| {
        let (db, case) = (app.db.clone(), rcase.clone());
        async move {
            received::custody(&db, &case)
                .await
                .expect("custody")
                .into_iter()
                .map(|e| e.action)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(here(&p.b).await, ["received", "received", "withdrawn"]);

    // ZMINA's admin sees it listed as withdrawn, without a download link; a download is
    // refused with the reason, and the refusal is in the chain there.
    let zadmin = p.b.signed_in(ZMINA_ADMIN).await;
    let list = zadmin.get("/en/vault/received").await;
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("data-state=\"withdrawn\""),
        "{}",
        list.body
    );
    let download = format!("/en/vault/received/{}/download", got.id);
    assert!(!list.body.contains(&download), "{}", list.body);
    assert!(
        list.body
            .contains(&format!("/en/vault/received/{}/download", other.id))
    );
    let r = zadmin.get(&download).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("withdrew consent"), "{}", r.body);
    let (status, _, _) = zadmin
        .bytes(&format!("/en/vault/received/{}/download", other.id))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        here(&p.b).await,
        ["received", "received", "withdrawn", "blocked", "downloaded"]
    );

    // Consent narrowed: documentation only, ZMINA no longer named → the second withdrawn.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{second}/consent"),
            &[
                ("documentation", "on"),
                ("reason", "only for our records now"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let queued = of_kind(&p.a, "vault-withdrawn").await;
    assert_eq!(queued.len(), 2);
    for o in &queued {
        accepted(&p.a, &o.id).await;
    }
    assert!(
        withdrawals::withdrawn_at(&p.b.db, &other.id)
            .await
            .expect("db")
            .is_some()
    );
    assert_eq!(p.b.audit_count("federation.vault_item_withdrawn").await, 2);

    // Both sides' custody verifies.
    let (ok, out) = verify(&p.a).await;
    assert!(ok, "{out}");
    let (ok, out) = verify(&p.b).await;
    assert!(ok, "{out}");
    assert!(out.contains("received case"), "{out}");

    // The mark removed there (to use the item again) shows against the chain.
    exec(
        &p.b,
        &format!(
            "DELETE FROM federation_vault_withdrawn WHERE item_id = '{}'",
            got.id
        ),
    )
    .await;
    let (ok, out) = verify(&p.b).await;
    assert!(!ok, "{out}");
    assert!(out.contains("not marked withdrawn"), "{out}");
}
