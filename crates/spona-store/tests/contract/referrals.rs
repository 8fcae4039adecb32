//! Referrals (migrations 0110, 0111): case workers, a referral's row as written, its status
//! moves, notes, the custody chain and its signed head, hotline intakes linked once, and
//! the table's checks; a stored status this version does not know is an error.

use spona_domain::referral::Status;
use spona_store::idempotency::Once;
use spona_store::referrals::{self, Intake, Note, Referral, heads};
use spona_vault::{CustodyEntry, NewEntry, append};

use super::raw::exec_unchecked;
use super::*;

fn referral(from: &str, to: &str, by: &str, urgent: bool, at: i64) -> Referral {
    Referral {
        id: spona_store::new_id(),
        from_org: from.into(),
        to_org: to.into(),
        service_id: "svc-1".into(),
        service_kind: "shelter".into(),
        from_country: "RS".into(),
        to_country: "BA".into(),
        referred_by: Some(by.into()),
        urgent,
        status: Status::Sent,
        age_band: "25-34".into(),
        gender: "female".into(),
        person_sealed: "sealed-person".into(),
        reason_sealed: "sealed-reason".into(),
        consent_how: "verbal".into(),
        consent_until: Some(4_000_000_000),
        consent_sealed: Some("sealed-consent".into()),
        override_sealed: None,
        outcome: None,
        answered_at: None,
        withdrawn_at: None,
        reminded_at: None,
        intake_id: None,
        created_at: at,
        updated_at: at,
    }
}

async fn insert(db: &Db, r: &Referral) -> spona_store::Result<()> {
    let mut tx = db.begin().await.expect("begin");
    let result = referrals::insert_in(&mut tx, r).await;
    crate::commit_or_roll_back(tx, result).await
}

fn entry(id: &str, prev: Option<&CustodyEntry>, action: &str, at_ms: i64) -> CustodyEntry {
    append(
        prev,
        NewEntry {
            case_id: format!("referral:{id}"),
            at_ms,
            actor: "worker".into(),
            action: action.into(),
            reason: String::new(),
            item_sha256: None,
        },
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_are_named_once_per_organisation() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let mut tx = db.begin().await.expect("begin");
        referrals::set_worker_in(&mut tx, &atina, &ana, false, Some(&bo))
            .await
            .expect("worker");
        // Named again: the permission changes, the worker is not doubled.
        referrals::set_worker_in(&mut tx, &atina, &ana, true, Some(&bo))
            .await
            .expect("again");
        referrals::set_worker_in(&mut tx, &atina, &bo, false, None)
            .await
            .expect("worker");
        referrals::set_worker_in(&mut tx, &pvpt, &ana, false, None)
            .await
            .expect("worker");
        tx.commit().await.expect("commit");

        let at_atina = referrals::workers(&db, &atina).await.expect("workers");
        let who: Vec<(&str, bool)> = at_atina
            .iter()
            .map(|w| (w.email.as_str(), w.may_override))
            .collect();
        assert_eq!(
            who,
            [("ana@example.org", true), ("bo@example.org", false)],
            "{kind}: by name, the permission changed"
        );
        let roles = referrals::worker_roles(&db, &ana).await.expect("roles");
        let mut orgs: Vec<String> = roles.iter().map(|w| w.org_id.clone()).collect();
        let mut want = vec![atina.clone(), pvpt.clone()];
        orgs.sort();
        want.sort();
        assert_eq!(orgs, want, "{kind}");
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            referrals::worker_roles_in(&mut tx, &ana)
                .await
                .expect("roles"),
            roles,
            "{kind}: the same inside a transaction"
        );
        let addresses = referrals::worker_addresses_in(&mut tx, &atina)
            .await
            .expect("addresses");
        assert_eq!(addresses.len(), 2, "{kind}");
        assert!(
            referrals::remove_worker_in(&mut tx, &atina, &bo)
                .await
                .expect("remove"),
            "{kind}"
        );
        assert!(
            !referrals::remove_worker_in(&mut tx, &atina, &bo)
                .await
                .expect("remove"),
            "{kind}: a second removal finds none"
        );
        tx.commit().await.expect("commit");
        assert_eq!(
            referrals::workers(&db, &atina)
                .await
                .expect("workers")
                .len(),
            1,
            "{kind}"
        );
        // A disabled account gets no mail.
        spona_store::users::set_disabled(&db, &ana, true)
            .await
            .expect("disable");
        let mut tx = db.begin().await.expect("begin");
        let addresses = referrals::worker_addresses_in(&mut tx, &atina)
            .await
            .expect("addresses");
        assert!(addresses.is_empty(), "{kind}: {addresses:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referrals_round_trip_with_notes_and_status() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let first = referral(&atina, &pvpt, &ana, true, 1_000);
        let second = referral(&pvpt, &zmina, &ana, false, 2_000);
        insert(&db, &first).await.expect("insert");
        insert(&db, &second).await.expect("insert");

        let got = referrals::get(&db, &first.id)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                got.from_org.as_str(),
                got.to_org.as_str(),
                got.service_kind.as_str(),
                got.urgent,
                got.status,
                got.person_sealed.as_str(),
                got.consent_sealed.as_deref(),
                got.consent_until,
                got.created_at,
                got.updated_at
            ),
            (
                atina.as_str(),
                pvpt.as_str(),
                "shelter",
                true,
                Status::Sent,
                "sealed-person",
                Some("sealed-consent"),
                Some(4_000_000_000),
                1_000,
                1_000
            ),
            "{kind}"
        );
        assert!(got.answered_at.is_none() && got.outcome.is_none(), "{kind}");
        assert!(
            referrals::get(&db, "nope").await.expect("get").is_none(),
            "{kind}"
        );
        let of_pvpt: Vec<String> = referrals::for_org(&db, &pvpt)
            .await
            .expect("for org")
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(
            of_pvpt,
            [second.id.clone(), first.id.clone()],
            "{kind}: sent and received, newest first"
        );
        let all: Vec<String> = referrals::all(&db)
            .await
            .expect("all")
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(all, [first.id.clone(), second.id.clone()], "{kind}");

        // Urgent and unanswered: due once; claimed once.
        let due = referrals::due_urgent(&db, 1_500).await.expect("due");
        assert_eq!(due.len(), 1, "{kind}");
        assert!(
            referrals::due_urgent(&db, 999)
                .await
                .expect("due")
                .is_empty(),
            "{kind}: not before it was sent"
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            referrals::claim_reminder_in(&mut tx, &first.id)
                .await
                .expect("claim"),
            "{kind}"
        );
        assert!(
            !referrals::claim_reminder_in(&mut tx, &first.id)
                .await
                .expect("claim"),
            "{kind}: claimed once"
        );
        tx.commit().await.expect("commit");
        assert!(
            referrals::due_urgent(&db, 1_500)
                .await
                .expect("due")
                .is_empty(),
            "{kind}: reminded"
        );

        // Answered: the first answer's time is kept through later moves.
        let mut tx = db.begin().await.expect("begin");
        let locked = referrals::lock_in(&mut tx, &first.id)
            .await
            .expect("lock")
            .expect("found");
        assert_eq!(locked.id, first.id, "{kind}");
        assert!(
            referrals::lock_in(&mut tx, "nope")
                .await
                .expect("lock")
                .is_none(),
            "{kind}"
        );
        referrals::set_status_in(&mut tx, &first.id, Status::Accepted, None, true)
            .await
            .expect("accept");
        tx.commit().await.expect("commit");
        let accepted = referrals::get(&db, &first.id)
            .await
            .expect("get")
            .expect("found");
        let answered = accepted.answered_at.expect("answered");
        assert_eq!(accepted.status, Status::Accepted, "{kind}");
        let mut tx = db.begin().await.expect("begin");
        referrals::set_status_in(&mut tx, &first.id, Status::Closed, Some("housed"), true)
            .await
            .expect("close");
        tx.commit().await.expect("commit");
        let closed = referrals::get(&db, &first.id)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (closed.status, closed.outcome.as_deref(), closed.answered_at),
            (Status::Closed, Some("housed"), Some(answered)),
            "{kind}"
        );
        assert!(closed.withdrawn_at.is_none(), "{kind}");

        // Notes, in the order written; withdrawing consent marks them all.
        for (i, (side, note_kind, shared)) in [("to", "accept", true), ("from", "reply", false)]
            .into_iter()
            .enumerate()
        {
            let mut tx = db.begin().await.expect("begin");
            referrals::add_note_in(
                &mut tx,
                &Note {
                    id: spona_store::new_id(),
                    referral_id: first.id.clone(),
                    side: side.into(),
                    kind: note_kind.into(),
                    shared,
                    author: Some(ana.clone()),
                    body_sealed: format!("sealed-{i}"),
                    withdrawn: true,
                    created_at: 3_000 + i as i64,
                },
            )
            .await
            .expect("note");
            tx.commit().await.expect("commit");
        }
        let notes = referrals::notes(&db, &first.id).await.expect("notes");
        let seen: Vec<(&str, &str, bool, bool)> = notes
            .iter()
            .map(|n| (n.side.as_str(), n.kind.as_str(), n.shared, n.withdrawn))
            .collect();
        assert_eq!(
            seen,
            [
                ("to", "accept", true, false),
                ("from", "reply", false, false)
            ],
            "{kind}: a new note is never written withdrawn"
        );
        let mut tx = db.begin().await.expect("begin");
        referrals::withdraw_notes_in(&mut tx, &first.id)
            .await
            .expect("withdraw notes");
        referrals::set_status_in(&mut tx, &first.id, Status::Withdrawn, None, false)
            .await
            .expect("withdraw");
        tx.commit().await.expect("commit");
        let notes = referrals::notes(&db, &first.id).await.expect("notes");
        assert!(notes.iter().all(|n| n.withdrawn), "{kind}");
        let w = referrals::get(&db, &first.id)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(w.status, Status::Withdrawn, "{kind}");
        assert!(w.withdrawn_at.is_some(), "{kind}");
        assert!(
            referrals::notes(&db, &second.id)
                .await
                .expect("notes")
                .is_empty(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custody_chains_and_signed_heads() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let ana = user(&db, "ana@example.org").await;
        let r = referral(&atina, &pvpt, &ana, false, 1_000);
        let other = referral(&pvpt, &atina, &ana, false, 1_001);
        insert(&db, &r).await.expect("insert");
        insert(&db, &other).await.expect("insert");

        let mut written = Vec::new();
        for (i, action) in ["create", "view", "answer"].into_iter().enumerate() {
            let mut tx = db.begin().await.expect("begin");
            let last = referrals::custody_last_in(&mut tx, &r.id)
                .await
                .expect("last");
            assert_eq!(last.as_ref(), written.last(), "{kind}");
            let e = entry(&r.id, last.as_ref(), action, 10 + i as i64);
            referrals::custody_insert_in(&mut tx, &r.id, &e)
                .await
                .expect("append");
            heads::set_head_in(&mut tx, &r.id, e.seq, &e.hash, &format!("sig-{i}"))
                .await
                .expect("head");
            tx.commit().await.expect("commit");
            written.push(e);
        }
        assert_eq!(
            referrals::custody(&db, &r.id).await.expect("chain"),
            written,
            "{kind}: read back as written, in order"
        );
        // A seq taken twice is refused.
        let mut tx = db.begin().await.expect("begin");
        let dup = entry(&r.id, Some(&written[0]), "view", 99);
        let e = referrals::custody_insert_in(&mut tx, &r.id, &dup).await;
        assert!(matches!(e, Err(StoreError::Database(_))), "{kind}: {e:?}");
        drop(tx);

        let head = heads::head(&db, &r.id)
            .await
            .expect("head")
            .expect("signed");
        assert_eq!(
            (head.seq, head.hash.as_str(), head.signature.as_str()),
            (2, written[2].hash.as_str(), "sig-2"),
            "{kind}: the last head replaced the ones before"
        );
        assert!(
            heads::head(&db, &other.id).await.expect("head").is_none(),
            "{kind}"
        );
        assert_eq!(
            heads::all_heads(&db).await.expect("heads"),
            [head],
            "{kind}"
        );
        let chains = heads::all_chains(&db).await.expect("chains");
        let mut want = vec![
            (r.id.clone(), "sent".to_owned(), written.clone()),
            (other.id.clone(), "sent".to_owned(), Vec::new()),
        ];
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            chains, want,
            "{kind}: every referral, with or without a chain"
        );
        let mut tx = db.begin().await.expect("begin");
        let mut ids = vec![r.id.clone(), other.id.clone()];
        ids.sort();
        assert_eq!(
            heads::lock_all_in(&mut tx).await.expect("lock all"),
            ids,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intakes_become_one_referral_and_forms_post_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let ana = user(&db, "ana@example.org").await;
        let intake = |id: &str, at: i64| Intake {
            id: id.into(),
            org_id: atina.clone(),
            taken_by: Some(ana.clone()),
            channel: "call".into(),
            in_danger: "unknown".into(),
            safe_to_talk: "yes".into(),
            sealed: "sealed-words".into(),
            referral_id: Some("ignored".into()),
            created_at: at,
        };
        let (a, b) = (spona_store::new_id(), spona_store::new_id());
        let mut tx = db.begin().await.expect("begin");
        referrals::insert_intake_in(&mut tx, &intake(&a, 1_000))
            .await
            .expect("intake");
        referrals::insert_intake_in(&mut tx, &intake(&b, 2_000))
            .await
            .expect("intake");
        tx.commit().await.expect("commit");
        let got = referrals::intake(&db, &a)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(
            (
                got.channel.as_str(),
                got.in_danger.as_str(),
                got.sealed.as_str(),
                got.referral_id.clone()
            ),
            ("call", "unknown", "sealed-words", None),
            "{kind}: a new intake is no referral yet"
        );
        let listed: Vec<String> = referrals::intakes(&db, &atina)
            .await
            .expect("intakes")
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(listed, [b.clone(), a.clone()], "{kind}: newest first");
        assert!(
            referrals::intakes(&db, &pvpt)
                .await
                .expect("intakes")
                .is_empty(),
            "{kind}"
        );

        let r = referral(&atina, &pvpt, &ana, false, 3_000);
        let once = Once {
            key: "form-1".into(),
            user_id: Some(ana.clone()),
            location: "/referrals/{id}".into(),
        };
        let mut tx = db.begin().await.expect("begin");
        referrals::claim_once_in(&mut tx, &once, &r.id)
            .await
            .expect("claim");
        referrals::insert_in(&mut tx, &r).await.expect("insert");
        assert!(
            referrals::link_intake_in(&mut tx, &a, &r.id)
                .await
                .expect("link"),
            "{kind}"
        );
        assert!(
            !referrals::link_intake_in(&mut tx, &a, "another")
                .await
                .expect("link"),
            "{kind}: an intake becomes one referral"
        );
        tx.commit().await.expect("commit");
        let linked = referrals::intake(&db, &a)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(linked.referral_id.as_deref(), Some(r.id.as_str()), "{kind}");

        let mut tx = db.begin().await.expect("begin");
        let again = referrals::claim_once_in(&mut tx, &once, "second").await;
        assert!(
            matches!(&again, Err(StoreError::Replay(l)) if *l == format!("/referrals/{}", r.id)),
            "{kind}: {again:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referrals_refuse_what_their_table_forbids() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let ana = user(&db, "ana@example.org").await;
        // To itself; an override without its reason; a reason without the override.
        let to_itself = referral(&atina, &atina, &ana, false, 1_000);
        let mut no_reason = referral(&atina, &pvpt, &ana, false, 1_000);
        no_reason.consent_how = "override".into();
        let mut stray = referral(&atina, &pvpt, &ana, false, 1_000);
        stray.override_sealed = Some("sealed".into());
        let mut nowhere = referral(&atina, "no-such-org", &ana, false, 1_000);
        nowhere.consent_how = "signed".into();
        for r in [to_itself, no_reason, stray, nowhere] {
            let e = insert(&db, &r).await;
            assert!(matches!(e, Err(StoreError::Database(_))), "{kind}: {e:?}");
        }
        assert!(referrals::all(&db).await.expect("all").is_empty(), "{kind}");

        // A status another version wrote is an error, not a default.
        let r = referral(&atina, &pvpt, &ana, false, 1_000);
        insert(&db, &r).await.expect("insert");
        exec_unchecked(
            &db,
            "referrals",
            "status",
            &format!(
                "UPDATE referrals SET status = 'parked' WHERE id = '{}'",
                r.id
            ),
        )
        .await;
        let e = referrals::get(&db, &r.id).await;
        assert!(matches!(e, Err(StoreError::Database(_))), "{kind}: {e:?}");
        let e = referrals::for_org(&db, &atina).await;
        assert!(matches!(e, Err(StoreError::Database(_))), "{kind}: {e:?}");
    }
}
