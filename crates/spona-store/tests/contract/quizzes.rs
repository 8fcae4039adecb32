//! Awareness quizzes (issue 23; lane quiz23): what `spona_store::quizzes` writes, the next
//! call reads back the same on both databases — a campaign (an organisation's or a
//! network's, whose coordinating organisation is read with it), a taken short address as a
//! conflict naming `slug`, a version changed in place only while nobody started it, an
//! answer counted once with its choices, a session finished once, the day's salt kept for
//! the day and earlier days' deleted, counts without excluded sessions, suspected floods,
//! and the coordinators' list in one statement filtered by organisation.

use spona_store::StoreError;
use spona_store::quizzes::{self as q, Campaign, Quiz, Session};

use super::*;

fn campaign(id: &str, slug: &str, org: &str, network: Option<&str>, at: i64) -> Campaign {
    Campaign {
        id: id.into(),
        slug: slug.into(),
        org_id: org.into(),
        public_results: 0,
        token_key: "00".repeat(32),
        created_by: None,
        created_at: at,
        network_id: network.map(str::to_owned),
        network_coordinator: None,
    }
}

fn quiz(id: &str, campaign: &str, version: i64, doc: &str) -> Quiz {
    Quiz {
        id: id.into(),
        campaign_id: campaign.into(),
        version,
        doc: doc.into(),
        starts_at: 0,
        ends_at: 4_000_000_000,
        created_at: version,
    }
}

fn session(id: &str, quiz: &str, day: &str, dedup: &str) -> Session {
    Session {
        id: id.into(),
        quiz_id: quiz.into(),
        channel: None,
        day: day.into(),
        dedup: dedup.into(),
        country: None,
        region: None,
        age_band: None,
        excluded: 0,
        created_at: 100,
        finished_at: None,
    }
}

async fn open(db: &Db, c: &Campaign, first: &Quiz) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    q::create_campaign_in(&mut tx, c, first, None).await?;
    tx.commit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn campaigns_of_organisations_and_networks_read_back_and_list_in_one_statement() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let atina = org(&db, "atina", "Atina").await;
        let pvpt = org(&db, "pvpt", "PVPT").await;
        let bridge = spona_store::networks::create(
            &db,
            &Slug::parse("bridge").expect("slug"),
            "Bridge",
            &atina,
            &[],
        )
        .await
        .expect("network");
        spona_store::networks::add_member(&db, &bridge, &pvpt)
            .await
            .expect("member");

        open(
            &db,
            &campaign("c1", "astra-quiz", &astra, None, 1),
            &quiz("q1", "c1", 1, "{\"v\":1}"),
        )
        .await
        .expect("astra's");
        open(
            &db,
            &campaign("c2", "bridge-quiz", &atina, Some(&bridge), 2),
            &quiz("q2", "c2", 1, "{\"v\":1}"),
        )
        .await
        .expect("bridge's");
        let mut tx = db.begin().await.expect("tx");
        q::insert_quiz_in(&mut tx, &quiz("q2b", "c2", 2, "{\"v\":2}"))
            .await
            .expect("version 2");
        tx.commit().await.expect("commit");

        let c2 = q::campaign(&db, "c2").await.expect("db").expect("c2");
        assert_eq!(c2.network_id.as_deref(), Some(bridge.as_str()), "{kind}");
        assert_eq!(
            c2.network_coordinator.as_deref(),
            Some(atina.as_str()),
            "{kind}"
        );
        let c1 = q::campaign_by_slug(&db, "astra-quiz")
            .await
            .expect("db")
            .expect("c1");
        assert_eq!(
            (c1.network_id, c1.network_coordinator),
            (None, None),
            "{kind}"
        );

        // A taken short address: a conflict naming the field, nothing of the second stored.
        let taken = open(
            &db,
            &campaign("c3", "astra-quiz", &pvpt, None, 3),
            &quiz("q3", "c3", 1, "{}"),
        )
        .await;
        assert!(
            matches!(&taken, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {taken:?}"
        );
        assert!(
            q::campaign(&db, "c3").await.expect("db").is_none(),
            "{kind}"
        );
        assert!(q::quiz(&db, "q3").await.expect("db").is_none(), "{kind}");

        // The list: everything for None, newest first, each with its newest version.
        let all = q::listed(&db, None).await.expect("all");
        let ids: Vec<(&str, &str)> = all
            .iter()
            .map(|l| (l.campaign.id.as_str(), l.doc.as_str()))
            .collect();
        assert_eq!(ids, [("c2", "{\"v\":2}"), ("c1", "{\"v\":1}")], "{kind}");
        // Atina's admin: the network's (Atina coordinates it); ASTRA's: its own; PVPT's
        // (a member of the network): none; nobody's: none.
        let of = |orgs: Vec<String>| {
            let db = db.clone();
            async move {
                q::listed(&db, Some(&orgs))
                    .await
                    .expect("listed")
                    .into_iter()
                    .map(|l| l.campaign.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(of(vec![atina.clone()]).await, ["c2"], "{kind}");
        assert_eq!(of(vec![astra.clone()]).await, ["c1"], "{kind}");
        assert!(of(vec![pvpt.clone()]).await.is_empty(), "{kind}");
        assert!(of(vec![]).await.is_empty(), "{kind}");
        assert_eq!(
            of(vec![astra.clone(), atina.clone()]).await,
            ["c2", "c1"],
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_changes_in_place_only_while_nobody_started_it() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        open(
            &db,
            &campaign("c1", "quiz", &astra, None, 1),
            &quiz("q1", "c1", 1, "{\"v\":1}"),
        )
        .await
        .expect("open");
        let mut tx = db.begin().await.expect("tx");
        assert!(
            q::replace_unanswered_in(&mut tx, &quiz("q1", "c1", 1, "{\"v\":\"edited\"}"))
                .await
                .expect("replace"),
            "{kind}"
        );
        tx.commit().await.expect("commit");
        q::start_session(&db, &session("s1", "q1", "2026-12-06", "h1"))
            .await
            .expect("start");
        let mut tx = db.begin().await.expect("tx");
        assert!(
            !q::replace_unanswered_in(&mut tx, &quiz("q1", "c1", 1, "{\"v\":\"late\"}"))
                .await
                .expect("replace"),
            "{kind}"
        );
        tx.commit().await.expect("commit");
        let current = q::current_quiz(&db, "c1").await.expect("db").expect("quiz");
        assert_eq!(current.doc, "{\"v\":\"edited\"}", "{kind}");
        assert_eq!(
            q::versions(&db, "c1").await.expect("versions"),
            [(1, "q1".to_owned(), 1)],
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_counts_once_and_a_session_finishes_once() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        open(
            &db,
            &campaign("c1", "quiz", &astra, None, 1),
            &quiz("q1", "c1", 1, "{}"),
        )
        .await
        .expect("open");
        q::start_session(&db, &session("s1", "q1", "2026-12-06", "h1"))
            .await
            .expect("start");
        assert!(
            q::answer(&db, "s1", 0, Some(true), &[0, 2], 10)
                .await
                .expect("first"),
            "{kind}"
        );
        // The same question again (a resend, a replay): nothing written, the first stays.
        assert!(
            !q::answer(&db, "s1", 0, Some(false), &[1], 11)
                .await
                .expect("again"),
            "{kind}"
        );
        assert!(
            q::answer(&db, "s1", 1, None, &[4], 12)
                .await
                .expect("scale"),
            "{kind}"
        );
        let (responses, choices) = q::answers(&db, "s1").await.expect("answers");
        assert_eq!(responses, [(0, Some(1)), (1, None)], "{kind}");
        assert_eq!(choices, [(0, 0), (0, 2), (1, 4)], "{kind}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM quiz_choices").await,
            3,
            "{kind}"
        );

        assert!(
            q::finish(&db, "s1", Some("ME"), None, Some("18-24"), 20)
                .await
                .expect("finish"),
            "{kind}"
        );
        assert!(
            !q::finish(&db, "s1", Some("AL"), None, None, 21)
                .await
                .expect("again"),
            "{kind}"
        );
        let s = q::session(&db, "s1").await.expect("db").expect("session");
        assert_eq!(
            (s.country.as_deref(), s.age_band.as_deref(), s.finished_at),
            (Some("ME"), Some("18-24"), Some(20)),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_days_salt_stays_for_the_day_and_earlier_days_go() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let first = q::salt_of(&db, "2026-12-05", "aaa").await.expect("salt");
        assert_eq!(first, "aaa", "{kind}");
        assert_eq!(
            q::salt_of(&db, "2026-12-05", "bbb").await.expect("salt"),
            "aaa",
            "{kind}"
        );
        assert_eq!(
            q::salt_of(&db, "2026-12-06", "ccc").await.expect("salt"),
            "ccc",
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM quiz_salts").await,
            1,
            "{kind}: yesterday's deleted"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_leave_out_excluded_sessions_and_floods_are_listed() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        open(
            &db,
            &campaign("c1", "quiz", &astra, None, 1),
            &quiz("q1", "c1", 1, "{}"),
        )
        .await
        .expect("open");
        // Twelve sessions from one hash (a flood), three from others.
        for i in 0..15 {
            let hash = if i < 12 { "flood" } else { "other" };
            let mut s = session(&format!("s{i:02}"), "q1", "2026-12-06", hash);
            s.channel = Some("school".into());
            q::start_session(&db, &s).await.expect("start");
            q::answer(&db, &s.id, 0, Some(i % 3 == 0), &[i % 2], 10)
                .await
                .expect("answer");
        }
        let before = q::counts(&db, "q1").await.expect("counts");
        assert_eq!(before.sessions, 15, "{kind}");
        assert_eq!(before.choices, [(0, 0, 8), (0, 1, 7)], "{kind}");
        assert_eq!(before.correct, [(0, 1, 5), (0, 0, 10)], "{kind}");
        assert!(
            before.by.contains(&("channel".into(), "school".into(), 15)),
            "{kind}"
        );

        let floods = q::floods(&db, "q1", 10).await.expect("floods");
        assert_eq!(
            floods,
            [("2026-12-06".to_owned(), "flood".to_owned(), 12, 0)],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("tx");
        assert_eq!(
            q::exclude_in(&mut tx, "q1", "2026-12-06", "flood", true)
                .await
                .expect("exclude"),
            12,
            "{kind}"
        );
        tx.commit().await.expect("commit");
        let after = q::counts(&db, "q1").await.expect("counts");
        assert_eq!(after.sessions, 3, "{kind}");
        assert_eq!(after.choices.iter().map(|c| c.2).sum::<i64>(), 3, "{kind}");
        assert_eq!(
            q::floods(&db, "q1", 10).await.expect("floods")[0].3,
            12,
            "{kind}: listed as excluded"
        );
        assert_eq!(
            q::recent_starts(&db, "flood", 100).await.expect("recent"),
            12,
            "{kind}"
        );
        assert_eq!(
            q::recent_starts(&db, "flood", 101).await.expect("recent"),
            0,
            "{kind}"
        );
    }
}
