//! Why a proposal was made (`matching_proposals.explanation`): the solver's reasons and a
//! pinned pair read back as written; a stored explanation that is not what Spona writes is
//! an error, never an empty explanation.

use spona_store::matching::{self, Explanation, Reason};

use super::raw::exec;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasons_read_back_as_written_and_corrupt_ones_fail() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let atina = org(&db, "atina", "Atina").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let coordinator = user(&db, "coord@example.org").await;
        let (_, round, ids) = exchange_round(
            &db,
            &coordinator,
            "2",
            &[
                (astra.as_str(), Side::A),
                (atina.as_str(), Side::A),
                (zmina.as_str(), Side::B),
            ],
        )
        .await;
        let (a1, a2, b) = (ids[0].clone(), ids[1].clone(), ids[2].clone());

        let scored = Reason::Scored(Explanation {
            score: 0,
            a_gives: vec!["safe-houses".into()],
            b_gives: vec![],
            shared_themes: vec!["peacebuilding".into()],
            shared_languages: vec!["en".into(), "uk".into()],
            needs_interpretation: false,
            worked_together: true,
        });
        let new = [
            (a1.clone().into(), b.clone().into(), 7, scored.clone()),
            (a2.clone().into(), b.clone().into(), 3, Reason::Pinned),
        ];
        matching::replace_proposals(&db, &round, &new, RoundStatus::Published)
            .await
            .expect("proposals");
        let got = matching::proposals(&db, &round).await.expect("proposals");
        let reasons: Vec<(String, i64, Reason)> = got
            .iter()
            .map(|p| (text(&p.a_id), p.score, p.explanation.clone()))
            .collect();
        assert_eq!(
            reasons,
            [
                (a1.clone(), 7, scored.clone()),
                (a2.clone(), 3, Reason::Pinned)
            ],
            "{kind}: best first, each as written"
        );
        assert!(got[1].explanation.pinned(), "{kind}");
        assert_eq!(
            got[0]
                .explanation
                .explanation()
                .map(|e| e.shared_languages.len()),
            Some(2),
            "{kind}"
        );

        // What Spona never writes does not read.
        for corrupt in [
            "not json",
            "[1, 2]",
            "{\"pinned\": \"yes\"}",
            "{\"themes\": 5}",
        ] {
            exec(
                &db,
                format!(
                    "UPDATE matching_proposals SET explanation = '{corrupt}' WHERE a_id = '{a2}'"
                ),
            )
            .await;
            let r = matching::proposals(&db, &round).await;
            assert!(
                matches!(r, Err(StoreError::Database(_))),
                "{kind}: {corrupt} gives {r:?}"
            );
        }
    }
}
