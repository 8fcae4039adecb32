//! The federation's outbox and inbox (migration 0120): a conversation's packets numbered
//! and sent in order, one at a time; retries, delivery, acceptance and giving up; packets
//! received once per number, newest first in the log.

use spona_store::federation::packets::{self, Incoming, Outgoing};

use super::federation::partner;
use super::*;

fn outgoing(partner_id: &str, conversation: &str, seq: i64, at: i64) -> Outgoing {
    Outgoing {
        id: format!("out-{conversation}-{seq}"),
        partner_id: partner_id.into(),
        from_org: "local".into(),
        to_org: "remote".into(),
        conversation: conversation.into(),
        seq,
        kind: "referral".into(),
        envelope: "{}".into(),
        state: "delivered".into(),
        attempts: 9,
        next_at: at,
        expires_at: at + 86_400,
        created_at: at,
        delivered_at: Some(1),
        last_error: Some("ignored".into()),
        claimed_by: None,
    }
}

/// The packets due at `now`, as a sender sees them: claimed by a sender of its own whose
/// claim has already run out, so that the next look finds them again.
async fn due(db: &Db, now: i64, limit: i64) -> spona_store::Result<Vec<Outgoing>> {
    packets::claim_due(db, &spona_store::new_id(), now, -1, limit).await
}

async fn queue(db: &Db, o: &Outgoing) -> spona_store::Result<()> {
    let mut tx = db.begin().await.expect("begin");
    let result = packets::queue_in(&mut tx, o).await;
    crate::commit_or_roll_back(tx, result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_sends_each_conversation_in_order() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            packets::next_seq_in(&mut tx, "p1", "c1")
                .await
                .expect("seq"),
            1
        );
        drop(tx);
        for o in [
            outgoing("p1", "c1", 1, 100),
            outgoing("p1", "c1", 2, 100),
            outgoing("p1", "c2", 1, 150),
        ] {
            queue(&db, &o).await.expect("queue");
        }
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            packets::next_seq_in(&mut tx, "p1", "c1")
                .await
                .expect("seq"),
            3,
            "{kind}"
        );
        drop(tx);
        let r = queue(
            &db,
            &Outgoing {
                id: "another".into(),
                ..outgoing("p1", "c1", 2, 100)
            },
        )
        .await;
        assert!(
            matches!(r, Err(StoreError::Conflict(_))),
            "{kind}: a number once: {r:?}"
        );

        let first = packets::outgoing(&db, "out-c1-1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                first.state.as_str(),
                first.attempts,
                first.delivered_at,
                first.last_error.clone()
            ),
            ("queued", 0, None, None),
            "{kind}: queued fresh, whatever the row said"
        );
        let due_ids = |list: Vec<Outgoing>| list.into_iter().map(|o| o.id).collect::<Vec<_>>();
        assert_eq!(
            due_ids(due(&db, 200, 10).await.expect("due")),
            ["out-c1-1", "out-c2-1"],
            "{kind}: the first queued packet of each conversation"
        );
        assert_eq!(
            due_ids(due(&db, 120, 10).await.expect("due")),
            ["out-c1-1"],
            "{kind}: not before its time"
        );
        assert_eq!(due(&db, 200, 1).await.expect("due").len(), 1, "{kind}");

        // A failed attempt waits; delivered, the next of the conversation is due.
        packets::retry(&db, "out-c1-1", 500, "timeout")
            .await
            .expect("retry");
        let o = packets::outgoing(&db, "out-c1-1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (o.attempts, o.next_at, o.last_error.as_deref()),
            (1, 500, Some("timeout")),
            "{kind}"
        );
        assert_eq!(
            due_ids(due(&db, 200, 10).await.expect("due")),
            ["out-c2-1"],
            "{kind}: the conversation waits for its first packet"
        );
        packets::delivered(&db, "out-c1-1", 600, "receipt")
            .await
            .expect("delivered");
        let o = packets::outgoing(&db, "out-c1-1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                o.state.as_str(),
                o.attempts,
                o.delivered_at,
                o.last_error.clone()
            ),
            ("delivered", 2, Some(600), None),
            "{kind}"
        );
        assert_eq!(
            due_ids(due(&db, 200, 10).await.expect("due")),
            ["out-c1-2", "out-c2-1"],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            packets::accepted_in(&mut tx, "p1", "out-c1-1")
                .await
                .expect("ack")
        );
        assert!(
            !packets::accepted_in(&mut tx, "p2", "out-c1-2")
                .await
                .expect("ack"),
            "{kind}: only the partner it was sent to acknowledges it"
        );
        tx.commit().await.expect("commit");

        // Giving up on a packet gives up on the rest of its conversation.
        queue(&db, &outgoing("p1", "c2", 2, 150))
            .await
            .expect("queue");
        let c2 = packets::outgoing(&db, "out-c2-1")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            packets::failed(&db, &c2, "gone").await.expect("failed"),
            2,
            "{kind}"
        );
        let states: Vec<(String, String)> = packets::outbox(&db, 10)
            .await
            .expect("outbox")
            .into_iter()
            .map(|o| (o.id, o.state))
            .collect();
        assert_eq!(states.len(), 4, "{kind}");
        assert!(
            states.contains(&("out-c2-2".into(), "failed".into()))
                && states.contains(&("out-c1-1".into(), "accepted".into())),
            "{kind}: {states:?}"
        );
        assert_eq!(states[0].0, "out-c2-2", "{kind}: newest first");
        assert_eq!(
            due_ids(due(&db, 200, 10).await.expect("due")),
            ["out-c1-2"],
            "{kind}"
        );
    }
}

fn incoming(conversation: &str, seq: i64, to_org: &str, at: i64) -> Incoming {
    Incoming {
        id: format!("in-{conversation}-{seq}"),
        partner_id: "p1".into(),
        from_org: "remote".into(),
        to_org: to_org.into(),
        conversation: conversation.into(),
        seq,
        kind: "referral".into(),
        envelope: "{\"signed\":true}".into(),
        body_sealed: "sealed-body".into(),
        receipt: "receipt".into(),
        received_at: at,
        state: "accepted".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_keeps_each_packet_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        partner(&db, "p1", "https://kyiv.example", "key-1").await;
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            packets::last_seq_in(&mut tx, "p1", "c1")
                .await
                .expect("seq"),
            0
        );
        packets::store_in(&mut tx, &incoming("c1", 1, &astra, 10))
            .await
            .expect("store");
        packets::store_in(&mut tx, &incoming("c1", 2, &astra, 20))
            .await
            .expect("store");
        assert_eq!(
            packets::last_seq_in(&mut tx, "p1", "c1")
                .await
                .expect("seq"),
            2,
            "{kind}"
        );
        assert_eq!(
            packets::last_seq_in(&mut tx, "p1", "c2")
                .await
                .expect("seq"),
            0,
            "{kind}"
        );
        let got = packets::incoming_in(&mut tx, "in-c1-2")
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                got.envelope.as_str(),
                got.body_sealed.as_str(),
                got.received_at
            ),
            ("{\"signed\":true}", "sealed-body", 20),
            "{kind}"
        );
        tx.commit().await.expect("commit");

        // The same number again, under another id: refused, the first kept.
        let mut tx = db.begin().await.expect("begin");
        let again = Incoming {
            id: "in-replayed".into(),
            ..incoming("c1", 2, &astra, 30)
        };
        let r = packets::store_in(&mut tx, &again).await;
        assert!(matches!(r, Err(StoreError::Conflict(_))), "{kind}: {r:?}");
        drop(tx);
        // For an organisation that is not here: refused.
        let mut tx = db.begin().await.expect("begin");
        let r = packets::store_in(&mut tx, &incoming("c3", 1, "no-such-org", 40)).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        drop(tx);

        assert_eq!(packets::inbox_count(&db).await.expect("count"), 2, "{kind}");
        let log: Vec<String> = packets::inbox(&db, 10)
            .await
            .expect("inbox")
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(log, ["in-c1-2", "in-c1-1"], "{kind}: newest first");
        assert_eq!(
            packets::inbox(&db, 1).await.expect("inbox").len(),
            1,
            "{kind}"
        );
    }
}
