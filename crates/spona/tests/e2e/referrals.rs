//! Referrals (issue 19) end to end on both databases: the whole life cycle between Atina's and
//! PVPT's case workers, withdrawal of consent, who gets 404, small-cell suppression and the
//! urgent alert; the fixtures the other referral files share. Bad input refused and nothing
//! of the person at rest: `referrals_refused.rs`.

use spona_app::actor::Actor;
use spona_app::referrals::{self as referrals, ReferralDraft, Side};
use spona_domain::ids::OrgId;
use spona_domain::referral::{Answer, ConsentDraft};
use spona_domain::role::OrgRole;
use spona_domain::service::{ServiceDraft, ServiceStatus};

use crate::harness::*;

pub const ATINA_WORKER: &str = "worker@atina.example.org";
pub const PVPT_WORKER: &str = "worker@pvpt.example.org";
pub const PVPT_ADMIN: &str = "admin@pvpt.example.org";
pub const ZMINA_WORKER: &str = "worker@zmina.example.org";

pub struct World {
    pub atina: String,
    pub pvpt: String,
    pub zmina: String,
    /// PVPT's safe house (published, places free), its closed and its full services, and a
    /// service of Atina's own.
    pub shelter: String,
    pub closed: String,
    pub full: String,
    pub atina_service: String,
}

async fn service(app: &TestApp, org: &str, name: &str, status: ServiceStatus, free: i64) -> String {
    let mut d = ServiceDraft::simple("shelter", "en", name, "A fictitious test service.");
    d.referral_fields = vec![
        "first-name".into(),
        "age-band".into(),
        "gender".into(),
        "language".into(),
        "urgency".into(),
    ];
    d.capacity_total = "10".into();
    spona_app::services::seed(
        &app.db,
        &OrgId::from(org.to_owned()),
        &d,
        status,
        Some(free),
    )
    .await
    .expect("service")
    .to_string()
}

async fn services(app: &TestApp, atina: String, pvpt: String, zmina: String) -> World {
    let found = spona_store::services::list_for_org(&app.db, &pvpt)
        .await
        .expect("services");
    let named = |n: &str| {
        found
            .iter()
            .find(|s| s.texts.iter().any(|t| t.name == n))
            .map(|s| s.id.to_string())
    };
    if let (Some(shelter), Some(closed), Some(full)) = (
        named("Test safe house"),
        named("Test closed service"),
        named("Test full shelter"),
    ) {
        let mine = spona_store::services::list_for_org(&app.db, &atina)
            .await
            .expect("services");
        let atina_service = mine
            .iter()
            .find(|s| s.texts.iter().any(|t| t.name == "Test Atina service"))
            .map(|s| s.id.to_string())
            .expect("atina service");
        return World {
            atina,
            pvpt,
            zmina,
            shelter,
            closed,
            full,
            atina_service,
        };
    }
    World {
        shelter: service(app, &pvpt, "Test safe house", ServiceStatus::Published, 3).await,
        closed: service(app, &pvpt, "Test closed service", ServiceStatus::Closed, 3).await,
        full: service(app, &pvpt, "Test full shelter", ServiceStatus::Published, 0).await,
        atina_service: service(
            app,
            &atina,
            "Test Atina service",
            ServiceStatus::Published,
            3,
        )
        .await,
        atina,
        pvpt,
        zmina,
    }
}

async fn org_id(app: &TestApp, slug: &str) -> String {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

pub async fn actor(app: &TestApp, email: &str) -> Actor {
    let user = spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("user");
    let ms = spona_store::users::memberships(&app.db, &user.id)
        .await
        .expect("memberships");
    Actor::signed_in(user, ms)
}

async fn member(app: &TestApp, email: &str, org: &str, role: OrgRole) -> String {
    let id = match spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
    {
        Some(u) => u.id.to_string(),
        None => app.add_person(email, email).await,
    };
    spona_store::users::set_membership(&app.db, &id, org, role)
        .await
        .expect("membership");
    id
}

/// Case workers at Atina (with the override permission), PVPT and ZMINA, named by their
/// organisations' admins; PVPT's admin is not a case worker. Made once per app.
pub async fn world(app: &TestApp) -> World {
    let atina = org_id(app, "atina").await;
    let pvpt = org_id(app, "pvpt").await;
    let zmina = org_id(app, "zmina").await;
    if spona_store::users::find_by_email(&app.db, PVPT_WORKER)
        .await
        .expect("db")
        .is_some()
    {
        return services(app, atina, pvpt, zmina).await;
    }
    let aw = member(app, ATINA_WORKER, &atina, OrgRole::Member).await;
    let pw = member(app, PVPT_WORKER, &pvpt, OrgRole::Member).await;
    member(app, PVPT_ADMIN, &pvpt, OrgRole::Admin).await;
    let zw = member(app, ZMINA_WORKER, &zmina, OrgRole::Member).await;
    let by = |e: &'static str| actor(app, e);
    referrals::set_worker(&by(ATINA_ADMIN).await, &app.db, &atina, &aw, true)
        .await
        .expect("atina worker");
    referrals::set_worker(&by(PVPT_ADMIN).await, &app.db, &pvpt, &pw, false)
        .await
        .expect("pvpt worker");
    referrals::set_worker(&by(ZMINA_ADMIN).await, &app.db, &zmina, &zw, false)
        .await
        .expect("zmina worker");
    services(app, atina, pvpt, zmina).await
}

pub fn consent() -> ConsentDraft {
    ConsentDraft {
        share: vec![
            "first-name".into(),
            "age-band".into(),
            "gender".into(),
            "language".into(),
            "urgency".into(),
        ],
        purpose: "Safe accommodation in Prishtina".into(),
        until: "2099-12-31".into(),
        how: "verbal".into(),
        witness: "Second case worker".into(),
        channel: "through-worker".into(),
    }
}

pub fn draft(w: &World, pseudonym: &str) -> ReferralDraft {
    ReferralDraft {
        from_org: w.atina.clone(),
        person: vec![
            ("first-name".into(), pseudonym.into()),
            ("age-band".into(), "25-39".into()),
            ("gender".into(), "female".into()),
            ("language".into(), "sr".into()),
            ("urgency".into(), "routine".into()),
        ],
        reason: "Needs a safe place to stay across the line".into(),
        urgent: false,
        consent: Some(consent()),
        override_reason: None,
        intake_id: None,
    }
}

/// Atina's case worker refers `d` to PVPT's safe house; the referral's id.
pub async fn refer(app: &TestApp, w: &World, d: &ReferralDraft) -> String {
    let atina = actor(app, ATINA_WORKER).await;
    referrals::create(&atina, &app.db, app.vault(), &w.shelter, d, None, &app.base)
        .await
        .expect("referred")
}

/// PVPT's case worker answers the referral.
pub async fn answer_as_pvpt(app: &TestApp, id: &str, a: Answer, note: &str) {
    let pvpt = actor(app, PVPT_WORKER).await;
    referrals::answer(&pvpt, &app.db, app.vault(), id, a, note, &app.base)
        .await
        .expect("answered");
}

/// Atina refers `d`, then PVPT answers: the set-up most tests start from.
pub async fn refer_answered(
    app: &TestApp,
    w: &World,
    d: &ReferralDraft,
    a: Answer,
    note: &str,
) -> String {
    let id = refer(app, w, d).await;
    answer_as_pvpt(app, &id, a, note).await;
    id
}

pub async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let sql = sqlx::AssertSqlSafe(sql);
    let (n,): (i64,) = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(sql).fetch_one(p).await.expect("count"),
        spona_store::Db::Postgres(p) => sqlx::query_as(sql).fetch_one(p).await.expect("count"),
    };
    n
}

pub fn is_not_found<T: std::fmt::Debug>(r: Result<T, spona_app::Error>) -> bool {
    matches!(r, Err(spona_app::Error::NotFound))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_life_cycle_between_atina_and_pvpt() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let vault = app.vault();
    let atina = actor(&app, ATINA_WORKER).await;
    let pvpt = actor(&app, PVPT_WORKER).await;
    let id = refer(&app, &w, &draft(&w, "Maple Fictitious")).await;

    // Both sides list it; only the named workers see it.
    assert_eq!(
        referrals::list(&pvpt, &app.db).await.expect("list").len(),
        1
    );
    let seen = referrals::view(&pvpt, &app.db, vault, &id)
        .await
        .expect("view");
    assert_eq!(seen.side, Side::To);
    assert_eq!(seen.status, "sent");
    assert!(
        seen.person
            .contains(&("first-name".into(), "Maple Fictitious".into()))
    );
    assert!(!seen.consent_overridden);
    for outsider in [ZMINA_WORKER, PVPT_ADMIN, ADMIN, ATINA_ADMIN, ASTRA_ADMIN] {
        let a = actor(&app, outsider).await;
        let r = referrals::view(&a, &app.db, vault, &id).await;
        assert!(
            matches!(r, Err(spona_app::Error::NotFound)),
            "{outsider} must get 404: {:?}",
            r.map(|v| v.side)
        );
        assert!(referrals::list(&a, &app.db).await.expect("list").is_empty());
        assert!(is_not_found(
            referrals::answer(&a, &app.db, vault, &id, Answer::Accept, "", &app.base).await
        ));
    }
    assert!(is_not_found(
        referrals::view(&Actor::anonymous(), &app.db, vault, &id).await
    ));

    // More information asked, given, then accepted; a second answer is refused.
    answer_as_pvpt(&app, &id, Answer::MoreInfo, "Does she need interpretation?").await;
    referrals::add_note(&atina, &app.db, vault, &id, "Yes, Serbian–Albanian", true)
        .await
        .expect("reply");
    answer_as_pvpt(&app, &id, Answer::Accept, "").await;
    let again =
        referrals::answer(&pvpt, &app.db, vault, &id, Answer::Decline, "no", &app.base).await;
    assert!(
        matches!(
            again,
            Err(spona_app::Error::Conflict("err-referral-answered"))
        ),
        "{again:?}"
    );
    // The referring side may not answer for the receiving side.
    assert!(matches!(
        referrals::answer(&atina, &app.db, vault, &id, Answer::Accept, "", &app.base).await,
        Err(spona_app::Error::Forbidden)
    ));

    // Follow-up notes: one kept, one reported back; then the outcome.
    referrals::add_note(&pvpt, &app.db, vault, &id, "Internal: room 4", false)
        .await
        .expect("private note");
    referrals::add_note(&pvpt, &app.db, vault, &id, "Arrived safely", true)
        .await
        .expect("shared note");
    referrals::record_outcome(
        &pvpt,
        &app.db,
        vault,
        &id,
        "service-provided",
        "Stayed three weeks",
        true,
    )
    .await
    .expect("outcome");
    assert!(matches!(
        referrals::record_outcome(&pvpt, &app.db, vault, &id, "other", "", true).await,
        Err(spona_app::Error::Conflict("err-referral-not-accepted"))
    ));

    let back = referrals::view(&atina, &app.db, vault, &id)
        .await
        .expect("view");
    assert_eq!(back.side, Side::From);
    assert_eq!(back.status, "closed");
    assert_eq!(back.outcome.as_deref(), Some("service-provided"));
    let bodies: Vec<&str> = back.notes.iter().map(|n| n.body.as_str()).collect();
    assert!(bodies.contains(&"Arrived safely"), "{bodies:?}");
    assert!(bodies.contains(&"Stayed three weeks"));
    assert!(
        !bodies.contains(&"Internal: room 4"),
        "the receiving side's own note stays there"
    );
    let there = referrals::view(&pvpt, &app.db, vault, &id)
        .await
        .expect("view");
    assert!(there.notes.iter().any(|n| n.body == "Internal: room 4"));

    // Every view and change is in an intact chain.
    let (chain, intact) = referrals::custody(&atina, &app.db, app.vault(), &id)
        .await
        .expect("custody");
    assert!(intact);
    let actions: Vec<&str> = chain.iter().map(|e| e.action.as_str()).collect();
    for a in ["create", "view", "more-info", "note", "accept", "outcome"] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert!(
        app.audit_count("referral.created").await == 1
            && app.audit_count("referral.answered").await == 2
    );
    // Mail tells PVPT's worker and Atina's worker, with nothing of the person.
    let mail = app.last_mail();
    assert!(mail.contains("/referrals/"), "{mail}");
    assert!(!mail.contains("Maple"));

    // A chain altered in the database no longer verifies.
    let mut altered = chain.clone();
    altered[1].actor = "someone else".into();
    assert!(!referrals::chain_intact(&altered));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_consent_stops_all_sharing() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let vault = app.vault();
    let atina = actor(&app, ATINA_WORKER).await;
    let pvpt = actor(&app, PVPT_WORKER).await;
    let id = refer_answered(&app, &w, &draft(&w, "Birch Fictitious"), Answer::Accept, "").await;
    referrals::add_note(&pvpt, &app.db, vault, &id, "Shared note", true)
        .await
        .expect("note");
    // Only the referring side records the withdrawal.
    assert!(matches!(
        referrals::withdraw(&pvpt, &app.db, vault, &id, &app.base).await,
        Err(spona_app::Error::Forbidden)
    ));
    referrals::withdraw(&atina, &app.db, vault, &id, &app.base)
        .await
        .expect("withdrawn");
    let there = referrals::view(&pvpt, &app.db, vault, &id)
        .await
        .expect("view");
    assert!(there.withdrawn);
    assert!(there.person.is_empty() && there.reason.is_empty() && there.consent.is_none());
    assert!(there.notes.iter().all(|n| n.withdrawn && n.body.is_empty()));
    let here = referrals::view(&atina, &app.db, vault, &id)
        .await
        .expect("view");
    assert!(here.withdrawn && here.notes.iter().all(|n| n.withdrawn));
    // Nothing more is shared or answered.
    let notes = count(&app, "referral_notes").await;
    assert!(matches!(
        referrals::add_note(&pvpt, &app.db, vault, &id, "after", true).await,
        Err(spona_app::Error::Conflict("err-referral-withdrawn"))
    ));
    assert!(matches!(
        referrals::add_note(&atina, &app.db, vault, &id, "after", true).await,
        Err(spona_app::Error::Conflict("err-referral-withdrawn"))
    ));
    assert!(matches!(
        referrals::withdraw(&atina, &app.db, vault, &id, &app.base).await,
        Err(spona_app::Error::Conflict("err-referral-withdrawn"))
    ));
    assert_eq!(count(&app, "referral_notes").await, notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statistics_suppress_small_cells() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    for i in 0..7 {
        let mut d = draft(&w, &format!("Person {i}"));
        if i == 0 {
            d.person[2].1 = "male".into();
        }
        refer(&app, &w, &d).await;
    }
    let s = referrals::stats::stats(&actor(&app, PVPT_ADMIN).await, &app.db)
        .await
        .expect("stats");
    assert_eq!(s.total, Some(7));
    let gender = s
        .dimensions
        .iter()
        .find(|d| d.name == "gender")
        .expect("gender");
    assert!(gender.suppressed);
    assert!(
        gender.cells.iter().all(|c| c.count.is_none()),
        "1 is hidden, and so is 6, which the total would give away: {gender:?}"
    );
    let kind = &s.dimensions[0];
    assert_eq!(kind.cells[0].count, Some(7));
    assert!(!kind.suppressed);
    let pair = s
        .dimensions
        .iter()
        .find(|d| d.name == "country_pair")
        .expect("pair");
    assert_eq!(pair.cells[0].label, "RS→XK");
    let csv = referrals::stats::csv(&s);
    assert!(csv.contains("gender,female,<5 (suppressed)"), "{csv}");
    assert!(!csv.contains("Person"));
    assert!(!referrals::stats::xlsx(&s).expect("xlsx").is_empty());
    // Someone with no organisation sees no statistics.
    app.add_person("nobody@example.org", "Nobody").await;
    assert!(matches!(
        referrals::stats::stats(&actor(&app, "nobody@example.org").await, &app.db).await,
        Err(spona_app::Error::Forbidden)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unacknowledged_urgent_referral_alerts_once() {
    let app = TestApp::start().await;
    let w = world(&app).await;
    let atina = actor(&app, ATINA_WORKER).await;
    let mut d = draft(&w, "Oak Fictitious");
    d.urgent = true;
    let id = refer(&app, &w, &d).await;
    let now = spona_store::now();
    assert_eq!(
        referrals::remind::run_due(&app.db, app.vault(), now, 24, &app.base)
            .await
            .expect("remind"),
        0,
        "not yet due"
    );
    let before = app.mail_count();
    let later = now + 25 * 3600;
    assert_eq!(
        referrals::remind::run_due(&app.db, app.vault(), later, 24, &app.base)
            .await
            .expect("remind"),
        1
    );
    assert_eq!(
        referrals::remind::run_due(&app.db, app.vault(), later, 24, &app.base)
            .await
            .expect("remind"),
        0,
        "once"
    );
    // The referring worker and PVPT's admin.
    assert_eq!(app.mail_count(), before + 2);
    let (chain, intact) = referrals::custody(&atina, &app.db, app.vault(), &id)
        .await
        .expect("custody");
    assert!(intact && chain.iter().any(|e| e.action == "urgent-alert"));
}

/// A referral from Atina's to PVPT's case worker, made once per app (authorisation matrix).
pub async fn referral_fixture(app: &TestApp) -> String {
    let w = world(app).await;
    let atina = actor(app, ATINA_WORKER).await;
    if let Some(r) = referrals::list(&atina, &app.db)
        .await
        .expect("list")
        .first()
    {
        return r.id.clone();
    }
    refer(app, &w, &draft(&w, "Matrix Fictitious")).await
}

/// An intake at Atina, made once per app.
pub async fn intake_fixture(app: &TestApp) -> String {
    let w = world(app).await;
    let atina = actor(app, ATINA_WORKER).await;
    if let Some(i) = referrals::intake::list(&atina, &app.db)
        .await
        .expect("intakes")
        .first()
    {
        return i.id.clone();
    }
    referrals::intake::create(
        &atina,
        &app.db,
        app.vault(),
        &referrals::intake::IntakeDraft {
            org_id: w.atina.clone(),
            channel: "call".into(),
            in_danger: "no".into(),
            safe_to_talk: "yes".into(),
            ..Default::default()
        },
        None,
    )
    .await
    .expect("intake")
}
