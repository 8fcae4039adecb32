//! Packets refused after they were stored or sent (migration 0158, lane fedrest): a held
//! packet refused when its turn comes keeps its place with its reason; a savepoint undoes one
//! held packet's effects and keeps the rest of the transaction; a packet the partner
//! refused for good is failed alone; the packets of a conversation that failed; and whom a
//! partner's referral is announced to.

use spona_store::federation::packets::{self, Incoming, Outgoing};
use spona_store::federation::{arrivals, refusals};

use super::federation::partner;
use super::*;

fn held(id: &str, seq: i64, to_org: &str) -> Incoming {
    Incoming {
        id: id.into(),
        partner_id: "p1".into(),
        from_org: "remote".into(),
        to_org: to_org.into(),
        conversation: "c1".into(),
        seq,
        kind: "referral-note".into(),
        envelope: "{}".into(),
        body_sealed: "sealed".into(),
        receipt: "receipt".into(),
        received_at: 10,
        state: "held".into(),
    }
}

fn outgoing(id: &str, conversation: &str, seq: i64) -> Outgoing {
    Outgoing {
        id: id.into(),
        partner_id: "p1".into(),
        from_org: "local".into(),
        to_org: "remote".into(),
        conversation: conversation.into(),
        seq,
        kind: "referral-note".into(),
        envelope: "{}".into(),
        state: "queued".into(),
        attempts: 0,
        next_at: 1,
        expires_at: 1_000_000,
        created_at: 1,
        delivered_at: None,
        last_error: None,
        claimed_by: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_packet_refused_keeps_its_place_with_its_reason() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        let mut tx = db.begin().await.expect("begin");
        packets::store_in(&mut tx, &held("h2", 2, &astra))
            .await
            .expect("store");
        packets::store_in(&mut tx, &held("h3", 3, &astra))
            .await
            .expect("store");
        // Its turn: refused, with the reason; it now counts for the conversation's order.
        assert!(
            refusals::refuse_held_in(&mut tx, "h2", "no such referral")
                .await
                .expect("refuse")
        );
        assert!(
            !refusals::refuse_held_in(&mut tx, "h2", "again")
                .await
                .expect("refuse"),
            "{kind}: only a held packet"
        );
        packets::store_in(
            &mut tx,
            &Incoming {
                state: "accepted".into(),
                ..held("h1", 1, &astra)
            },
        )
        .await
        .expect("store");
        assert_eq!(
            packets::last_seq_in(&mut tx, "p1", "c1")
                .await
                .expect("seq"),
            2,
            "{kind}"
        );
        tx.commit().await.expect("commit");
        let reasons = refusals::refused_reasons(
            &db,
            &[
                "h1".to_owned(),
                "h2".to_owned(),
                "h3".to_owned(),
                "none".to_owned(),
            ],
        )
        .await
        .expect("reasons");
        assert_eq!(reasons.len(), 1, "{kind}");
        assert_eq!(reasons["h2"], "no such referral", "{kind}");
        assert!(
            refusals::refused_reasons(&db, &[])
                .await
                .expect("none")
                .is_empty()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_savepoint_undoes_one_step_and_keeps_the_transaction() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        let mut tx = db.begin().await.expect("begin");
        packets::store_in(&mut tx, &held("kept", 1, &astra))
            .await
            .expect("store");
        refusals::savepoint_in(&mut tx, "contract_step")
            .await
            .expect("savepoint");
        packets::store_in(&mut tx, &held("undone", 2, &astra))
            .await
            .expect("store");
        // A failed statement inside (PostgreSQL aborts the transaction until rolled back).
        let repeated = packets::store_in(&mut tx, &held("undone", 2, &astra)).await;
        assert!(repeated.is_err(), "{kind}");
        refusals::rollback_to_in(&mut tx, "contract_step")
            .await
            .expect("rollback to");
        refusals::savepoint_in(&mut tx, "contract_step")
            .await
            .expect("savepoint");
        packets::store_in(&mut tx, &held("released", 3, &astra))
            .await
            .expect("store");
        refusals::release_in(&mut tx, "contract_step")
            .await
            .expect("release");
        tx.commit().await.expect("commit");
        let ids: Vec<String> = packets::inbox(&db, 10)
            .await
            .expect("inbox")
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert!(ids.contains(&"kept".to_owned()), "{kind}: {ids:?}");
        assert!(ids.contains(&"released".to_owned()), "{kind}: {ids:?}");
        assert!(!ids.contains(&"undone".to_owned()), "{kind}: {ids:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_packet_refused_by_the_partner_fails_alone() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        let mut tx = db.begin().await.expect("begin");
        for o in [
            outgoing("o1", "referral:r1", 1),
            outgoing("o2", "referral:r1", 2),
            outgoing("o3", "referral:r1", 3),
            outgoing("x1", "referral:r2", 1),
        ] {
            packets::queue_in(&mut tx, &o).await.expect("queue");
        }
        tx.commit().await.expect("commit");
        packets::delivered(&db, "o2", 5, "receipt")
            .await
            .expect("delivered");
        let mut tx = db.begin().await.expect("begin");
        let n = refusals::failed_by_partner_in(&mut tx, "p1", "o2", "refused: no such referral")
            .await
            .expect("fail");
        assert_eq!(n, 1, "{kind}");
        // Another partner's packet, or one accepted already: untouched.
        assert_eq!(
            refusals::failed_by_partner_in(&mut tx, "p2", "o1", "x")
                .await
                .expect("fail"),
            0,
            "{kind}"
        );
        tx.commit().await.expect("commit");
        let state = |id: &'static str| {
            let db = db.clone();
            async move {
                packets::outgoing(&db, id)
                    .await
                    .expect("db")
                    .expect("packet")
            }
        };
        assert_eq!(state("o2").await.state, "failed", "{kind}");
        assert_eq!(
            state("o2").await.last_error.as_deref(),
            Some("refused: no such referral")
        );
        assert_eq!(state("o1").await.state, "queued", "{kind}");
        assert_eq!(
            state("o3").await.state,
            "queued",
            "{kind}: the partner went on"
        );
        let failed = refusals::failed_in_conversation(&db, "p1", "referral:r1")
            .await
            .expect("failed");
        assert_eq!(
            failed,
            vec![(
                "o2".to_owned(),
                "referral-note".to_owned(),
                "refused: no such referral".to_owned()
            )],
            "{kind}"
        );
        assert!(
            refusals::failed_in_conversation(&db, "p1", "referral:r2")
                .await
                .expect("failed")
                .is_empty()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_is_announced_to_the_admins_and_case_workers() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let other = org(&db, "other", "Other").await;
        let admin = user(&db, "admin@pvpt.example").await;
        let worker = user(&db, "worker@pvpt.example").await;
        let both = user(&db, "both@pvpt.example").await;
        let member = user(&db, "member@pvpt.example").await;
        let elsewhere = user(&db, "admin@other.example").await;
        let gone = user(&db, "gone@pvpt.example").await;
        for (u, o, role) in [
            (&admin, &pvpt, OrgRole::Admin),
            (&worker, &pvpt, OrgRole::Member),
            (&both, &pvpt, OrgRole::Admin),
            (&member, &pvpt, OrgRole::Member),
            (&elsewhere, &other, OrgRole::Admin),
            (&gone, &pvpt, OrgRole::Admin),
        ] {
            spona_store::users::set_membership(&db, u, o, role)
                .await
                .expect("membership");
        }
        let mut tx = db.begin().await.expect("begin");
        for w in [&worker, &both] {
            spona_store::referrals::set_worker_in(&mut tx, &pvpt, w, false, None)
                .await
                .expect("worker");
        }
        tx.commit().await.expect("commit");
        spona_store::users::set_disabled(&db, &gone, true)
            .await
            .expect("disabled");
        let mut tx = db.begin().await.expect("begin");
        let to = arrivals::addresses_in(&mut tx, &pvpt)
            .await
            .expect("addresses");
        assert_eq!(
            to,
            vec![
                "admin@pvpt.example".to_owned(),
                "both@pvpt.example".to_owned(),
                "worker@pvpt.example".to_owned()
            ],
            "{kind}"
        );
        assert_eq!(
            arrivals::languages_in(&mut tx, &pvpt)
                .await
                .expect("languages"),
            vec!["sr".to_owned()],
            "{kind}"
        );
    }
}
