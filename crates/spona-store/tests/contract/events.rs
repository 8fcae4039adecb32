//! Events (migrations 0080–0085): what `insert_in` writes `get` reads back with its
//! organisers and left-out dates; changes raise the SEQUENCE and the lists' version
//! (`events_version`), a registration does not; the list's filters; a create form posted
//! twice makes one event.

use spona_domain::event::{EventDraft, EventSpec, RegStatus};
use spona_store::events::{self, Answers, Filter, list_version};
use spona_store::idempotency::Once;

use super::*;

pub(crate) fn spec(title: &str, starts: &str, ends: &str, rrule: &str) -> EventSpec {
    EventDraft {
        kind: "workshop".into(),
        title: title.into(),
        summary: "Safe shelters in practice.".into(),
        languages: vec!["sr".into(), "en".into()],
        attendance: "hybrid".into(),
        join_url: "https://meet.example/room".into(),
        place: "Dom omladine".into(),
        zone: "Europe/Belgrade".into(),
        starts: starts.into(),
        ends: ends.into(),
        rrule: rrule.into(),
        capacity: "20".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid event")
}

/// Saves an event organised by `orgs`, by `by`, and commits; its id.
pub(crate) async fn saved(db: &Db, s: &EventSpec, orgs: &[String], by: &str) -> String {
    let id = spona_store::new_id();
    let mut tx = db.begin().await.expect("begin");
    events::insert_in(&mut tx, &id, s, orgs, None, None, by)
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    id
}

/// Saves a one-off event `title` from 10:00 to 11:00 (Belgrade) on `day`, organised by
/// `org`, by `by`; its id.
pub(crate) async fn one_hour(db: &Db, title: &str, day: &str, org: &str, by: &str) -> String {
    let (starts, ends) = (format!("{day}T10:00"), format!("{day}T11:00"));
    saved(db, &spec(title, &starts, &ends, ""), &[org.to_owned()], by).await
}

/// Registers `person` for the whole of `event` with `status` and no answers; the
/// registration's id.
pub(crate) async fn register(
    tx: &mut spona_store::Tx,
    event: &str,
    person: &str,
    status: RegStatus,
) -> String {
    events::register_in(tx, event, person, status, &Answers::default())
        .await
        .expect("register")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_round_trip_with_organisers_and_dates() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let v0 = list_version(&db).await.expect("version");

        let mut s = spec(
            "Shelters",
            "2199-03-02T10:00",
            "2199-03-02T12:00",
            "FREQ=WEEKLY;COUNT=4",
        );
        s.exceptions = vec![spona_domain::event::parse_local("2199-03-09T10:00").expect("local")];
        // An organiser named twice is one organiser.
        let orgs = [zmina.clone(), astra.clone(), astra.clone()];
        let id = saved(&db, &s, &orgs, &ana).await;
        let v1 = list_version(&db).await.expect("version");
        assert!(v1.events > v0.events, "{kind}: a new event moves the lists");

        let e = events::get(&db, &id).await.expect("get");
        assert_eq!(
            (
                e.kind.as_str(),
                e.title.as_str(),
                e.languages.as_str(),
                e.attendance.as_str(),
                e.zone.as_str(),
                e.starts_local.as_str(),
                e.ends_local.as_str(),
                e.rrule.as_deref(),
                e.capacity,
                e.cancelled,
                e.sequence
            ),
            (
                "workshop",
                "Shelters",
                "sr,en",
                "hybrid",
                "Europe/Belgrade",
                "2199-03-02T10:00",
                "2199-03-02T12:00",
                Some("FREQ=WEEKLY;COUNT=4"),
                Some(20),
                0,
                0
            ),
            "{kind}"
        );
        assert_eq!(
            (e.starts_at, e.ends_at, e.last_ends_at),
            (s.starts_at, s.ends_at, s.last_ends_at),
            "{kind}"
        );
        assert_eq!(e.created_by, ana, "{kind}");
        assert!(
            matches!(events::get(&db, "nope").await, Err(StoreError::NotFound)),
            "{kind}"
        );
        let organisers = events::organisers(&db, Some(std::slice::from_ref(&id)))
            .await
            .expect("organisers");
        let slugs: Vec<&str> = organisers.iter().map(|o| o.slug.as_str()).collect();
        assert_eq!(slugs, ["astra", "zmina"], "{kind}: by name, once each");
        assert_eq!(
            events::organisers(&db, None).await.expect("all").len(),
            2,
            "{kind}"
        );
        let dates = events::exdates(&db, Some(id.as_str()))
            .await
            .expect("exdates");
        let left: Vec<(&str, i64)> = dates
            .iter()
            .map(|x| (x.occurrence_local.as_str(), x.cancelled))
            .collect();
        assert_eq!(left, [("2199-03-09T10:00", 0)], "{kind}");

        // A change replaces the left-out dates but keeps a cancelled date.
        let mut tx = db.begin().await.expect("begin");
        events::cancel_occurrence_in(&mut tx, &id, "2199-03-16T10:00")
            .await
            .expect("cancel date");
        tx.commit().await.expect("commit");
        let mut changed = s.clone();
        changed.title = "Shelters, again".into();
        changed.exceptions = vec![];
        let mut tx = db.begin().await.expect("begin");
        events::update_in(&mut tx, &id, &changed)
            .await
            .expect("update");
        events::set_report_in(&mut tx, &id, "It went well.")
            .await
            .expect("report");
        tx.commit().await.expect("commit");
        let e = events::get(&db, &id).await.expect("get");
        assert_eq!(
            (e.title.as_str(), e.report.as_str(), e.sequence),
            ("Shelters, again", "It went well.", 3),
            "{kind}: each change raised the SEQUENCE"
        );
        let dates = events::exdates(&db, Some(id.as_str()))
            .await
            .expect("exdates");
        let left: Vec<(&str, i64)> = dates
            .iter()
            .map(|x| (x.occurrence_local.as_str(), x.cancelled))
            .collect();
        assert_eq!(left, [("2199-03-16T10:00", 1)], "{kind}");
        assert_eq!(
            events::exdates_of(&db, std::slice::from_ref(&id))
                .await
                .expect("of")
                .len(),
            1,
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        let r = events::update_in(&mut tx, "nope", &changed).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        drop(tx);

        // A registration takes the lock, and does not move the lists.
        let v2 = list_version(&db).await.expect("version");
        let mut tx = db.begin().await.expect("begin");
        let locked = events::lock_in(&mut tx, &id).await.expect("lock");
        assert_eq!(locked.id, id, "{kind}");
        register(&mut tx, &id, &ana, RegStatus::Confirmed).await;
        tx.commit().await.expect("commit");
        assert_eq!(
            list_version(&db).await.expect("version"),
            v2,
            "{kind}: registering leaves the lists"
        );
        let mut tx = db.begin().await.expect("begin");
        assert!(
            matches!(
                events::lock_in(&mut tx, "nope").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        drop(tx);

        let mut tx = db.begin().await.expect("begin");
        events::cancel_in(&mut tx, &id).await.expect("cancel");
        tx.commit().await.expect("commit");
        let e = events::get(&db, &id).await.expect("get");
        assert_eq!(
            (e.cancelled, e.sequence),
            (1, 4),
            "{kind}: the lock is no change"
        );
        assert!(
            list_version(&db).await.expect("version").events > v2.events,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_filter_and_order_events() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let late = one_hour(&db, "Late", "2199-05-01", &astra, &ana).await;
        let early = one_hour(&db, "Early", "2199-04-01", &zmina, &ana).await;
        let old = one_hour(&db, "Old", "2001-04-01", &astra, &ana).await;
        let ids = |list: Vec<events::Event>| list.into_iter().map(|e| e.id).collect::<Vec<_>>();
        let t = spona_store::now();

        let all = events::list(&db, &Filter::default()).await.expect("list");
        assert_eq!(
            ids(all),
            [old.clone(), early.clone(), late.clone()],
            "{kind}"
        );
        let coming = Filter {
            ending_after: Some(t),
            ..Filter::default()
        };
        assert_eq!(
            ids(events::list(&db, &coming).await.expect("list")),
            [early.clone(), late.clone()],
            "{kind}: soonest first"
        );
        let past = Filter {
            ended_before: Some(t),
            ..Filter::default()
        };
        assert_eq!(
            ids(events::list(&db, &past).await.expect("list")),
            vec![old.clone()],
            "{kind}"
        );
        let of_astra = Filter {
            org_id: Some(astra.clone()),
            ending_after: Some(t),
            limit: Some(1),
            ..Filter::default()
        };
        assert_eq!(
            ids(events::list(&db, &of_astra).await.expect("list")),
            vec![late.clone()],
            "{kind}"
        );

        // A person's events: those they registered for and not cancelled.
        let mut tx = db.begin().await.expect("begin");
        register(&mut tx, &early, &bo, RegStatus::Waiting).await;
        let reg = register(&mut tx, &late, &bo, RegStatus::Confirmed).await;
        events::set_status_in(&mut tx, &reg, RegStatus::Cancelled)
            .await
            .expect("cancel");
        tx.commit().await.expect("commit");
        let bos = Filter {
            person: Some((bo.clone(), vec![])),
            ..Filter::default()
        };
        assert_eq!(
            ids(events::list(&db, &bos).await.expect("list")),
            vec![early.clone()],
            "{kind}"
        );
        let nobody = Filter {
            person: Some((ana.clone(), vec!["no-group".into()])),
            ..Filter::default()
        };
        assert!(
            events::list(&db, &nobody).await.expect("list").is_empty(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_form_posted_twice_makes_one_event() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let once = Once {
            key: "form-1".into(),
            user_id: Some(ana.clone()),
            location: "/events/{id}".into(),
        };
        let s = spec("Once", "2199-04-01T10:00", "2199-04-01T11:00", "");
        let first = spona_store::new_id();
        let mut tx = db.begin().await.expect("begin");
        events::claim_once_in(&mut tx, &once, &first)
            .await
            .expect("claim");
        events::insert_in(&mut tx, &first, &s, &[], None, None, &ana)
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        let r = events::claim_once_in(&mut tx, &once, "second").await;
        assert!(
            matches!(&r, Err(StoreError::Replay(l)) if *l == format!("/events/{first}")),
            "{kind}: {r:?}"
        );
        drop(tx);
        assert_eq!(
            events::list(&db, &Filter::default())
                .await
                .expect("list")
                .len(),
            1,
            "{kind}"
        );
    }
}
