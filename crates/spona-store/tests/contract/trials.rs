//! Trial monitoring: a case with its charges and organisations reads back; hearings,
//! observations (with their checks and measures) and verdicts read back in order; a second
//! verdict for a defendant replaces the first; the findings' facts count what was written,
//! for all cases or some; a case number taken at a court is a conflict; the tables refuse
//! an adjourned hearing without a reason and a sentence out of range.

use spona_store::trials::{self, Case, Hearing, Observation, Scope, Verdict};

use super::*;

fn case(id: &str, number: &str, orgs: Vec<String>) -> Case {
    Case {
        id: id.into(),
        country: "RS".into(),
        court: "Higher Court in Belgrade".into(),
        case_number: number.into(),
        defendants: 2,
        victims: 1,
        indicted_on: "2024-03-01".into(),
        created_by: None,
        created_at: 100,
        updated_at: 100,
        charges: vec!["forced-labour".into(), "trafficking-human-beings".into()],
        orgs,
    }
}

fn hearing(id: &str, case_id: &str, at: i64, status: &str, reason: Option<&str>) -> Hearing {
    Hearing {
        id: id.into(),
        case_id: case_id.into(),
        at,
        at_local: "2024-04-02T09:30".into(),
        zone: "Europe/Belgrade".into(),
        status: status.into(),
        reason: reason.map(str::to_owned),
        note_sealed: Some("U1ZGMVNW-not-really-sealed".into()),
        created_by: None,
        created_at: 200,
    }
}

/// Runs one store write in its own transaction and commits it.
macro_rules! commit {
    ($db:expr, $tx:ident => $write:expr) => {{
        let mut owned = $db.begin().await.expect("begin");
        {
            let $tx = &mut owned;
            $write.await.expect("write");
        }
        owned.commit().await.expect("commit");
    }};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trials_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let atina = org(&db, "atina", "Atina").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let c1 = case("c1", "K 1/24", vec![astra.clone(), atina.clone()]);
        commit!(db, tx => trials::create_case_in(tx, &c1, None));
        let got = trials::case(&db, "c1").await.expect("read").expect("found");
        let mut want_orgs = vec![astra.clone(), atina.clone()];
        want_orgs.sort();
        assert_eq!(got.orgs, want_orgs, "{kind}");
        assert_eq!(
            got.charges,
            ["forced-labour", "trafficking-human-beings"],
            "{kind}"
        );
        assert_eq!((got.defendants, got.victims), (2, 1), "{kind}");
        assert!(
            trials::number_taken(&db, "RS", "Higher Court in Belgrade", "K 1/24")
                .await
                .expect("taken"),
            "{kind}"
        );

        // The same number at the same court is a conflict; nothing of it is left.
        let dup = case("c-dup", "K 1/24", vec![astra.clone()]);
        let mut tx = db.begin().await.expect("begin");
        let e = trials::create_case_in(&mut tx, &dup, None).await;
        assert!(matches!(e, Err(StoreError::Conflict(_))), "{kind}: {e:?}");
        drop(tx);
        assert!(
            trials::case(&db, "c-dup").await.expect("read").is_none(),
            "{kind}"
        );

        // Lists by organisation, in id order, after a given id.
        let c2 = case("c2", "K 2/24", vec![zmina.clone()]);
        commit!(db, tx => trials::create_case_in(tx, &c2, None));
        let of_astra = trials::cases_of(&db, std::slice::from_ref(&astra), "", 10)
            .await
            .expect("list");
        assert_eq!(
            of_astra.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["c1"],
            "{kind}"
        );
        let both = trials::cases_of(&db, &[atina.clone(), zmina.clone()], "", 10)
            .await
            .expect("list");
        assert_eq!(both.len(), 2, "{kind}");
        let after = trials::cases_of(&db, &[atina.clone(), zmina.clone()], "c1", 10)
            .await
            .expect("list");
        assert_eq!(
            after.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["c2"],
            "{kind}"
        );
        assert!(
            trials::cases_of(&db, &[], "", 10)
                .await
                .expect("none")
                .is_empty()
        );

        // Hearings in time order.
        let h2 = hearing("h2", "c1", 2_000, "held", None);
        let h1 = hearing("h1", "c1", 1_000, "adjourned", Some("health"));
        commit!(db, tx => trials::add_hearing_in(tx, &h2));
        commit!(db, tx => trials::add_hearing_in(tx, &h1));
        let hs = trials::hearings(&db, "c1").await.expect("hearings");
        assert_eq!(hs, [h1.clone(), h2.clone()], "{kind}");
        assert!(
            trials::hearing(&db, "c2", "h1")
                .await
                .expect("other case")
                .is_none(),
            "{kind}"
        );

        // An observation with its checks and measures.
        let o = Observation {
            id: "o1".into(),
            case_id: "c1".into(),
            hearing_id: "h2".into(),
            observer_id: Some(ana.clone()),
            observer_name: None,
            org_id: Some(astra.clone()),
            compensation: Some("claimed".into()),
            prosecution: Some("appropriate".into()),
            court: None,
            notes_sealed: None,
            created_by: Some(ana.clone()),
            created_at: 300,
            checks: vec![
                ("interpretation-provided".into(), "no".into()),
                ("public-hearing".into(), "yes".into()),
            ],
            measures: vec!["closed-session".into(), "video-link".into()],
        };
        commit!(db, tx => trials::add_observation_in(tx, &o));
        let os = trials::observations(&db, "c1").await.expect("observations");
        assert_eq!(os.len(), 1, "{kind}");
        assert_eq!(os[0].checks, o.checks, "{kind}");
        assert_eq!(os[0].measures, o.measures, "{kind}");
        assert_eq!(
            os[0].observer_name.as_deref(),
            Some("ana@example.org"),
            "{kind}"
        );

        // A second verdict for defendant 1 replaces the first.
        let v = |d: i64, outcome: &str, on: &str, m: Option<i64>| Verdict {
            case_id: "c1".into(),
            defendant: d,
            outcome: outcome.into(),
            decided_on: on.into(),
            sentence_months: m,
            is_final: false,
            recorded_by: None,
            recorded_at: 400,
        };
        let first = v(1, "convicted", "2025-01-10", Some(48));
        let again = v(1, "convicted-lesser", "2025-06-10", Some(24));
        let second = v(2, "acquitted", "2025-01-10", None);
        commit!(db, tx => trials::set_verdict_in(tx, &first));
        commit!(db, tx => trials::set_verdict_in(tx, &second));
        commit!(db, tx => trials::set_verdict_in(tx, &again));
        assert_eq!(
            trials::verdicts(&db, "c1").await.expect("verdicts"),
            [again.clone(), second.clone()],
            "{kind}"
        );
        let touched = trials::case(&db, "c1").await.expect("read").expect("found");
        assert_eq!(touched.updated_at, 400, "{kind}");

        // The findings' facts, for all cases and for some.
        let facts = trials::facts(&db, Scope::All).await.expect("facts");
        assert_eq!(
            facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["c1", "c2"],
            "{kind}"
        );
        let f1 = &facts[0];
        assert_eq!(
            f1.hearings,
            [
                ("adjourned".to_owned(), Some("health".to_owned())),
                ("held".to_owned(), None)
            ],
            "{kind}"
        );
        assert_eq!(f1.verdicts.len(), 2, "{kind}");
        assert_eq!(f1.observations.len(), 1, "{kind}");
        assert_eq!(
            f1.observations[0].0,
            ["closed-session", "video-link"],
            "{kind}"
        );
        assert_eq!(f1.observations[0].1.len(), 2, "{kind}");
        assert!(
            facts[1].hearings.is_empty() && facts[1].observations.is_empty(),
            "{kind}"
        );
        let some = trials::facts(&db, Scope::Ids(&["c2".to_owned()]))
            .await
            .expect("some");
        assert_eq!(some.len(), 1, "{kind}");
        assert_eq!(some[0].id, "c2", "{kind}");
        assert!(
            trials::facts(&db, Scope::Ids(&[]))
                .await
                .expect("none")
                .is_empty()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trial_tables_refuse_what_the_rules_forbid() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let c = case("c1", "K 1/24", vec![astra]);
        commit!(db, tx => trials::create_case_in(tx, &c, None));
        let mut tx = db.begin().await.expect("begin");
        let no_reason = hearing("h1", "c1", 1_000, "adjourned", None);
        assert!(
            trials::add_hearing_in(&mut tx, &no_reason).await.is_err(),
            "{kind}"
        );
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        let long = Verdict {
            case_id: "c1".into(),
            defendant: 1,
            outcome: "convicted".into(),
            decided_on: "2025-01-01".into(),
            sentence_months: Some(481),
            is_final: false,
            recorded_by: None,
            recorded_at: 1,
        };
        assert!(
            trials::set_verdict_in(&mut tx, &long).await.is_err(),
            "{kind}"
        );
        drop(tx);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM trial_hearings").await,
            0,
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM trial_verdicts").await,
            0,
            "{kind}"
        );
    }
}
