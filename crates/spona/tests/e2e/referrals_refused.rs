//! Referrals (issue 19), what is refused or never kept, on both databases: bad input refused
//! with nothing saved, and nothing of the person stored in clear. The fixtures are in
//! `referrals.rs`.

use spona_app::actor::Actor;
use spona_app::referrals::{self as referrals, ReferralDraft};
use spona_domain::referral::Answer;

use crate::harness::*;
use crate::referrals::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_referrals_are_refused_with_nothing_saved() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let vault = app.vault();
    let atina = actor(&app, ATINA_WORKER).await;
    let pvpt = actor(&app, PVPT_WORKER).await;
    let go = |a: &Actor, t: &str, d: ReferralDraft| {
        let a = a.clone();
        let db = app.db.clone();
        let base = app.base.clone();
        let t = t.to_owned();
        async move { referrals::create(&a, &db, vault, &t, &d, None, &base).await }
    };
    assert!(matches!(
        go(&atina, &w.atina_service, draft(&w, "X")).await,
        Err(spona_app::Error::Conflict("err-referral-own-org"))
    ));
    assert!(matches!(
        go(&atina, &w.closed, draft(&w, "X")).await,
        Err(spona_app::Error::Conflict("err-referral-service-closed"))
    ));
    assert!(matches!(
        go(&atina, &w.full, draft(&w, "X")).await,
        Err(spona_app::Error::Conflict("err-referral-service-full"))
    ));
    let mut none = draft(&w, "X");
    none.consent = None;
    assert!(matches!(
        go(&atina, &w.shelter, none).await,
        Err(spona_app::Error::Refused("err-referral-no-consent"))
    ));
    let mut expired = draft(&w, "X");
    expired.consent.as_mut().expect("consent").until = "2020-01-01".into();
    let e = go(&atina, &w.shelter, expired).await;
    assert!(
        matches!(&e, Err(spona_app::Error::Invalid(v)) if v.iter().any(|i| i.key == "err-consent-expired")),
        "{e:?}"
    );
    let mut more = draft(&w, "X");
    more.person.push(("first_name".into(), "Ana".into()));
    let e = go(&atina, &w.shelter, more).await;
    assert!(
        matches!(&e, Err(spona_app::Error::Invalid(v)) if v.iter().any(|i| i.key == "err-referral-not-asked")),
        "never more than the service asks: {e:?}"
    );
    let mut narrow = draft(&w, "X");
    narrow.consent.as_mut().expect("consent").share = vec!["first-name".into()];
    assert!(matches!(
        go(&atina, &w.shelter, narrow).await,
        Err(spona_app::Error::Invalid(_))
    ));
    // An override needs the permission (PVPT's worker has none) …
    let mut o = draft(&w, "X");
    o.from_org = w.pvpt.clone();
    o.consent = None;
    o.override_reason = Some("Immediate danger, cannot ask".into());
    assert!(matches!(
        go(&pvpt, &w.atina_service, o).await,
        Err(spona_app::Error::Refused(
            "err-referral-override-permission"
        ))
    ));
    // … and a worker refers only for their own organisation.
    let mut foreign = draft(&w, "X");
    foreign.from_org = w.zmina.clone();
    assert!(matches!(
        go(&atina, &w.shelter, foreign).await,
        Err(spona_app::Error::NotFound)
    ));
    assert_eq!(count(&app, "referrals").await, 0);
    assert_eq!(count(&app, "referral_custody").await, 0);
    assert_eq!(app.audit_count("referral.created").await, 0);

    // With the permission, the override goes and is flagged on both sides.
    let mut o = draft(&w, "X");
    o.consent = None;
    o.override_reason = Some("Immediate danger, cannot ask".into());
    let id = go(&atina, &w.shelter, o).await.expect("override");
    let seen = referrals::view(&pvpt, &app.db, vault, &id)
        .await
        .expect("view");
    assert!(seen.consent_overridden);
    assert!(referrals::list(&atina, &app.db).await.expect("list")[0].consent_overridden);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_of_the_person_is_stored_in_clear() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let vault = app.vault();
    let atina = actor(&app, ATINA_WORKER).await;
    let pvpt = actor(&app, PVPT_WORKER).await;
    let tag = &spona_store::new_token()[..10];
    let canary = format!("Canary{tag}");
    let mut d = draft(&w, &format!("{canary} pseudonym"));
    d.reason = format!("{canary} reason");
    d.consent.as_mut().expect("consent").purpose = format!("{canary} purpose");
    d.consent.as_mut().expect("consent").witness = format!("{canary} witness");
    refer_answered(
        &app,
        &w,
        &d,
        Answer::MoreInfo,
        &format!("{canary} question"),
    )
    .await;
    let intake = referrals::intake::create(
        &atina,
        &app.db,
        vault,
        &referrals::intake::IntakeDraft {
            org_id: w.atina.clone(),
            channel: "call".into(),
            in_danger: "no".into(),
            safe_to_talk: "yes".into(),
            callback: format!("{canary} callback"),
            name: format!("{canary} name"),
            notes: format!("{canary} notes"),
        },
        None,
    )
    .await
    .expect("intake");
    let seen = referrals::intake::view(&atina, &app.db, vault, &intake)
        .await
        .expect("intake view");
    assert_eq!(seen.words.callback, format!("{canary} callback"));
    assert!(is_not_found(
        referrals::intake::view(&pvpt, &app.db, vault, &intake).await
    ));
    // Every text column of every referral table, on either database.
    for (table, cols) in [
        (
            "referrals",
            "person_sealed || reason_sealed || COALESCE(consent_sealed, '')",
        ),
        ("referral_notes", "body_sealed"),
        ("referral_intakes", "sealed"),
        ("audit_log", "detail || target_id"),
        ("mail_queue", "subject || body"),
    ] {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE {cols} LIKE '%' || $1 || '%'"
        ));
        let (n,): (i64,) = match &app.db {
            spona_store::Db::Sqlite(p) => sqlx::query_as(sql)
                .bind(&canary)
                .fetch_one(p)
                .await
                .expect("q"),
            spona_store::Db::Postgres(p) => sqlx::query_as(sql)
                .bind(&canary)
                .fetch_one(p)
                .await
                .expect("q"),
        };
        assert_eq!(n, 0, "{table} holds the canary in clear");
    }
    // The SQLite file and its WAL, byte for byte.
    if let spona_store::Db::Sqlite(_) = &app.db {
        for name in ["spona.db", "spona.db-wal"] {
            let path = app.dir.path().join(name);
            if let Ok(bytes) = std::fs::read(&path) {
                assert!(
                    !bytes
                        .windows(canary.len())
                        .any(|win| win == canary.as_bytes()),
                    "{name} holds the canary"
                );
            }
        }
    }
}
