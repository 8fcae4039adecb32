//! Withdrawal of consent to vault items handed over to partners (migration 0170): a
//! hand-over is marked withdrawn once; a received item is withdrawn once and found by the
//! sending item and case.

use spona_store::federation::vault_items as items;
use spona_store::federation::vault_withdrawals::{self as store, Sent};

use super::federation::partner;
use super::federation_vault_items::{case, item};
use super::*;

fn sent(packet: &str, item_id: &str) -> Sent {
    Sent {
        packet_id: packet.into(),
        case_id: "their-case".into(),
        item_id: item_id.into(),
        partner_id: "p1".into(),
        from_org: "astra".into(),
        to_org: "zmina".into(),
        sent_at: 100,
        withdrawal_packet: None,
        withdrawal_unsent: None,
        withdrawn_at: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_overs_and_received_items_are_withdrawn_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        partner(&db, "p1", "https://prishtina.example", "key-1").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let mut tx = db.begin().await.expect("begin");
        store::record_sent_in(&mut tx, &sent("pk-1", "i-1"))
            .await
            .expect("sent");
        store::record_sent_in(&mut tx, &sent("pk-2", "i-2"))
            .await
            .expect("sent");
        tx.commit().await.expect("commit");
        assert_eq!(store::not_withdrawn(&db, "i-1").await.expect("db").len(), 1);

        let mut tx = db.begin().await.expect("begin");
        let n = store::mark_withdrawn_in(&mut tx, "pk-1", Some("w-1"), None, 200)
            .await
            .expect("mark");
        assert_eq!(n, 1, "{kind:?}");
        let again = store::mark_withdrawn_in(&mut tx, "pk-1", Some("w-2"), None, 300)
            .await
            .expect("mark");
        assert_eq!(again, 0, "a withdrawal is sent once ({kind:?})");
        tx.commit().await.expect("commit");
        assert!(
            store::not_withdrawn(&db, "i-1")
                .await
                .expect("db")
                .is_empty()
        );
        let all = store::of_item(&db, "i-1").await.expect("db");
        assert_eq!(all[0].withdrawal_packet.as_deref(), Some("w-1"), "{kind:?}");
        assert_eq!(all[0].withdrawn_at, Some(200));
        assert_eq!(store::not_withdrawn(&db, "i-2").await.expect("db").len(), 1);

        // Receiving side.
        let mut tx = db.begin().await.expect("begin");
        let mut c = case("c1", &zmina, "their-case");
        c.remote_org = "astra".into();
        items::case_for_in(&mut tx, &c).await.expect("case");
        items::insert_item_in(&mut tx, &item("r1", "c1", "i-1"))
            .await
            .expect("item");
        let found = store::received_item_in(&mut tx, "p1", &zmina, "astra", "their-case", "i-1")
            .await
            .expect("find");
        assert_eq!(
            found.map(|(id, case, _)| (id, case)),
            Some(("r1".into(), "c1".into())),
            "{kind:?}"
        );
        assert!(
            store::received_item_in(&mut tx, "p1", &zmina, "astra", "other-case", "i-1")
                .await
                .expect("find")
                .is_none()
        );
        assert!(
            store::withdraw_received_in(&mut tx, "r1", "w-1", 400)
                .await
                .expect("w")
        );
        assert!(
            !store::withdraw_received_in(&mut tx, "r1", "w-9", 500)
                .await
                .expect("w")
        );
        tx.commit().await.expect("commit");
        assert_eq!(store::withdrawn_at(&db, "r1").await.expect("db"), Some(400));
        assert_eq!(
            store::withdrawn_in_case(&db, "c1").await.expect("db"),
            vec![("r1".to_owned(), 400)],
            "{kind:?}"
        );
    }
}
