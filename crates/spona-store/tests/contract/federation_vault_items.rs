//! Vault items received from partners (migration 0155): one case per partner, organisation
//! here, sending organisation and sending case, made once; an item once per case and sending
//! item; this side's custody chain in order; the federated referrals' ids.

use spona_store::federation::vault_items::{
    self as store, FedVaultCase, FedVaultCustody, FedVaultItem,
};

use super::federation::partner;
use super::*;

pub(crate) fn case(id: &str, local: &str, sender_case: &str) -> FedVaultCase {
    FedVaultCase {
        id: id.into(),
        partner_id: "p1".into(),
        local_org: local.into(),
        remote_org: "remote-org".into(),
        sender_case: sender_case.into(),
        created_at: 100,
    }
}

pub(crate) fn item(id: &str, case_id: &str, sender_item: &str) -> FedVaultItem {
    FedVaultItem {
        id: id.into(),
        case_id: case_id.into(),
        packet_id: format!("packet-{id}"),
        sender_item: sender_item.into(),
        kind: "file".into(),
        sha256: "ab".repeat(32),
        size: 12,
        media_type: "application/pdf".into(),
        name_sealed: "sealed-name".into(),
        handover_sealed: "sealed-handover".into(),
        ciphertext: "YWdl".into(),
        sender_key: "key-1".into(),
        received_at: 200,
    }
}

fn entry(case_id: &str, seq: i64) -> FedVaultCustody {
    FedVaultCustody {
        case_id: case_id.into(),
        seq,
        at_ms: 1_000 + seq,
        actor: "partner:p1".into(),
        action: "received".into(),
        reason: format!("item {seq}"),
        item_sha256: (seq > 0).then(|| "cd".repeat(32)),
        prev_hash: "0".repeat(64),
        hash: format!("{seq:064}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn received_cases_items_and_their_custody_are_kept_once_and_in_order() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        partner(&db, "p1", "https://prishtina.example", "key-1").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let mut tx = db.begin().await.expect("begin");
        let made = store::case_for_in(&mut tx, &case("c1", &zmina, "their-case"))
            .await
            .expect("case");
        assert_eq!(made.id, "c1", "{kind:?}");
        // The same four again: the case made first, not a new one.
        let again = store::case_for_in(&mut tx, &case("c2", &zmina, "their-case"))
            .await
            .expect("case");
        assert_eq!(again.id, "c1", "{kind:?}");
        let other = store::case_for_in(&mut tx, &case("c3", &zmina, "another-case"))
            .await
            .expect("case");
        assert_eq!(other.id, "c3", "{kind:?}");
        assert!(!store::has_item_in(&mut tx, "c1", "i-1").await.expect("has"));
        store::insert_item_in(&mut tx, &item("r1", "c1", "i-1"))
            .await
            .expect("item");
        assert!(store::has_item_in(&mut tx, "c1", "i-1").await.expect("has"));
        assert!(!store::has_item_in(&mut tx, "c3", "i-1").await.expect("has"));
        for seq in [0, 1] {
            store::add_custody_in(&mut tx, &entry("c1", seq))
                .await
                .expect("custody");
        }
        assert_eq!(
            store::last_custody_in(&mut tx, "c1")
                .await
                .expect("last")
                .map(|e| e.seq),
            Some(1),
            "{kind:?}"
        );
        tx.commit().await.expect("commit");

        // The same sending item twice in one case, or a number taken twice: refused.
        let mut tx = db.begin().await.expect("begin");
        assert!(
            store::insert_item_in(&mut tx, &item("r2", "c1", "i-1"))
                .await
                .is_err(),
            "{kind:?}"
        );
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        assert!(
            store::add_custody_in(&mut tx, &entry("c1", 1))
                .await
                .is_err(),
            "{kind:?}"
        );
        drop(tx);

        let cases = store::cases(&db).await.expect("cases");
        assert_eq!(
            cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            vec!["c1", "c3"],
            "{kind:?}"
        );
        assert_eq!(
            store::cases_of_orgs(&db, std::slice::from_ref(&zmina))
                .await
                .expect("of orgs")
                .len(),
            2
        );
        assert!(
            store::cases_of_orgs(&db, &["nobody".into()])
                .await
                .expect("of orgs")
                .is_empty()
        );
        let items = store::items(&db, "c1").await.expect("items");
        assert_eq!(items, vec![item("r1", "c1", "i-1")], "{kind:?}");
        assert_eq!(
            store::item(&db, "r1").await.expect("item"),
            Some(item("r1", "c1", "i-1"))
        );
        assert_eq!(store::item(&db, "r9").await.expect("item"), None);
        let chain = store::custody(&db, "c1").await.expect("custody");
        assert_eq!(chain, vec![entry("c1", 0), entry("c1", 1)], "{kind:?}");
        assert!(store::custody(&db, "c3").await.expect("custody").is_empty());
        assert!(
            store::all_referral_ids(&db)
                .await
                .expect("referrals")
                .is_empty()
        );
    }
}
