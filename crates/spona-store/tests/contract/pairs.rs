//! Proposals, answers and the pairs they start: what a side sees from its home page, the
//! pair's history (check-ins, the end, feedback), and the reads the next round uses.

use super::*;
use spona_domain::matching::{Answer, CheckIn};
use spona_store::{matching, pairs};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_starts_when_both_accept_and_keeps_its_history() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let coordinator = user(&db, "coord@example.org").await;
        let (spec, round, ids) = exchange_round(
            &db,
            &coordinator,
            "1",
            &[(astra.as_str(), Side::A), (zmina.as_str(), Side::B)],
        )
        .await;
        let (a, b) = (ids[0].clone(), ids[1].clone());
        let new = [(
            a.clone().into(),
            b.clone().into(),
            9,
            matching::Reason::Pinned,
        )];
        matching::replace_proposals(&db, &round, &new, RoundStatus::Published)
            .await
            .expect("proposals");
        let proposal = matching::proposals(&db, &round)
            .await
            .expect("proposals")
            .pop()
            .expect("one");
        assert_eq!(
            (text(&proposal.a_id), proposal.score),
            (a.clone(), 9),
            "{kind}"
        );
        assert!(
            matches!(pairs::of_round(&db, &round).await.as_deref(), Ok([])),
            "{kind}: no pair before any answer"
        );

        // As the home page reads it: Astra's side, Zmina the partner, typed on the way out.
        let mine = matching::proposals_of(&db, "nobody", std::slice::from_ref(&astra))
            .await
            .expect("mine");
        assert_eq!(mine.len(), 1, "{kind}");
        let p = &mine[0];
        assert_eq!(
            (text(&p.id), text(&p.round_id), p.side, text(p.programme)),
            (
                text(&proposal.id),
                round.clone(),
                Side::A,
                "peer_exchange".into()
            ),
            "{kind}"
        );
        assert_eq!(
            (p.my_org_id.as_deref(), p.partner_org_id.as_deref()),
            (Some(astra.as_str()), Some(zmina.as_str())),
            "{kind}"
        );
        assert_eq!(p.partner_name, "Zmina", "{kind}");
        assert_eq!(
            (p.my_answer(), p.their_answer()),
            (Answer::Pending, Answer::Pending)
        );
        let theirs = matching::proposals_of(&db, "nobody", std::slice::from_ref(&zmina))
            .await
            .expect("theirs");
        assert_eq!(theirs[0].side, Side::B, "{kind}");

        matching::answer(&db, &proposal, Side::A, true, &coordinator)
            .await
            .expect("a accepts");
        assert!(
            matches!(
                pairs::pair(&db, &round, &proposal.id).await,
                Err(StoreError::NotFound)
            ),
            "{kind}: one acceptance starts nothing"
        );
        matching::answer(&db, &proposal, Side::B, true, &coordinator)
            .await
            .expect("b accepts");
        let pair = pairs::pair(&db, &round, &proposal.id).await.expect("pair");
        assert_eq!(
            (text(&pair.round_id), text(&pair.a_id), text(&pair.b_id)),
            (round.clone(), a.clone(), b.clone()),
            "{kind}"
        );
        assert!(pair.is_active() && pair.ended_by_side.is_none(), "{kind}");
        assert_eq!(pairs::of_round(&db, &round).await.expect("pairs").len(), 1);
        let mine = matching::proposals_of(&db, "nobody", std::slice::from_ref(&astra))
            .await
            .expect("mine");
        assert!(
            mine[0].is_active_pair() && mine[0].last_check_in.is_none(),
            "{kind}"
        );
        assert_eq!(
            matching::agreed_partners(&db, &astra, "peer_exchange")
                .await
                .expect("partners")
                .into_iter()
                .map(|(_, slug, _)| slug)
                .collect::<Vec<_>>(),
            ["zmina"],
            "{kind}"
        );
        let contacts = matching::contacts(&db, &round).await.expect("contacts");
        assert_eq!(contacts.len(), 2, "{kind}");
        assert!(
            contacts.iter().all(|c| c
                .org_email
                .as_deref()
                .is_some_and(|e| e.starts_with("office@"))),
            "{kind}"
        );

        // History: check-ins newest first, a retried one-time key adds nothing.
        let once = spona_store::idempotency::Once {
            key: spona_store::new_token(),
            user_id: Some(coordinator.clone()),
            location: "/check-ins/{id}".into(),
        };
        let day = 20_000 * 86_400;
        let first = pairs::add_check_in(
            &db,
            &proposal.id,
            "a",
            &CheckIn {
                day,
                note: "Met.".into(),
            },
            &coordinator,
        )
        .await
        .expect("check-in");
        let later = CheckIn {
            day: day + 86_400,
            note: "Again.".into(),
        };
        pairs::add_check_in_once(&db, &proposal.id, "b", &later, &coordinator, Some(&once))
            .await
            .expect("check-in");
        let again =
            pairs::add_check_in_once(&db, &proposal.id, "b", &later, &coordinator, Some(&once))
                .await;
        assert!(
            matches!(again, Err(StoreError::Replay(_))),
            "{kind}: {again:?}"
        );
        let history = pairs::check_ins(&db, &proposal.id).await.expect("history");
        assert_eq!(
            history
                .iter()
                .map(|c| (c.side.as_str(), c.note.as_str(), c.author.as_str()))
                .collect::<Vec<_>>(),
            [
                ("b", "Again.", "coord@example.org"),
                ("a", "Met.", "coord@example.org")
            ],
            "{kind}"
        );
        assert_eq!(history[1].id, first, "{kind}");
        let mine = matching::proposals_of(&db, "nobody", std::slice::from_ref(&astra))
            .await
            .expect("mine");
        assert_eq!(mine[0].last_check_in, Some(day + 86_400), "{kind}");

        // The end, once; feedback once per side, only after the end.
        let mut tx = db.begin().await.expect("tx");
        assert!(
            !pairs::feedback_in(&mut tx, &proposal.id, "b", "early")
                .await
                .expect("feedback"),
            "{kind}: no feedback while active"
        );
        assert!(
            pairs::end_in(&mut tx, &proposal.id, "a", "Thanks.")
                .await
                .expect("end")
        );
        assert!(
            !pairs::end_in(&mut tx, &proposal.id, "b", "Twice?")
                .await
                .expect("end")
        );
        assert!(
            pairs::feedback_in(&mut tx, &proposal.id, "b", "Good.")
                .await
                .expect("fb")
        );
        assert!(
            !pairs::feedback_in(&mut tx, &proposal.id, "b", "More.")
                .await
                .expect("fb")
        );
        tx.commit().await.expect("commit");
        let pair = pairs::pair(&db, &round, &proposal.id).await.expect("pair");
        assert!(!pair.is_active(), "{kind}");
        assert_eq!(pair.ended_by_side.as_deref(), Some("a"), "{kind}");
        assert_eq!(
            (pair.feedback_of("a"), pair.feedback_of("b")),
            (Some("Thanks."), Some("Good.")),
            "{kind}"
        );

        // The next round sees them as earlier partners (by organisation).
        let next = matching::create_round(&db, &spec, None, &coordinator)
            .await
            .expect("next round");
        assert_eq!(
            matching::earlier_partners(&db, &next)
                .await
                .expect("earlier"),
            [(astra.clone(), zmina.clone())],
            "{kind}"
        );
        assert!(
            matching::earlier_partners(&db, &round)
                .await
                .expect("earlier")
                .is_empty(),
            "{kind}: a round's own pairs are not earlier ones"
        );
    }
}
