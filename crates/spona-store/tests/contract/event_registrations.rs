//! Event registrations (whole event and single dates, migration 0085), reminders once,
//! materials with their quota given back, private calendar tokens and the reader's zone.

use spona_domain::event::RegStatus;
use spona_store::events::{self, Answers, Material, OccurrenceCount};
use spona_store::quota::{self, Charge, Scope};

use super::events::{register, saved, spec};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_for_the_event_and_for_single_dates() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let cy = user(&db, "cy@example.org").await;
        let id = saved(
            &db,
            &spec(
                "Series",
                "2199-03-02T10:00",
                "2199-03-02T12:00",
                "FREQ=WEEKLY;COUNT=3",
            ),
            std::slice::from_ref(&astra),
            &ana,
        )
        .await;
        let answers = Answers {
            interpretation: "sr".into(),
            accessibility: "ramp".into(),
            dietary: "vegan".into(),
            travel_support: true,
            visa_support: false,
        };
        let date = "2199-03-09T10:00";
        let mut tx = db.begin().await.expect("begin");
        let whole = events::register_in(&mut tx, &id, &bo, RegStatus::Confirmed, &answers)
            .await
            .expect("register");
        events::register_at_in(
            &mut tx,
            &id,
            &bo,
            date,
            RegStatus::Pending,
            &Answers::default(),
        )
        .await
        .expect("register date");
        register(&mut tx, &id, &cy, RegStatus::Waiting).await;
        events::register_at_in(
            &mut tx,
            &id,
            &cy,
            date,
            RegStatus::Waiting,
            &Answers::default(),
        )
        .await
        .expect("register date");
        tx.commit().await.expect("commit");

        let r = events::registration(&db, &id, &bo)
            .await
            .expect("get")
            .expect("registered");
        assert_eq!(
            (
                r.id.as_str(),
                r.occurrence_local.as_str(),
                r.status,
                r.interpretation.as_str(),
                r.accessibility.as_str(),
                r.dietary.as_str(),
                r.travel_support,
                r.visa_support,
                r.attended,
                r.email.as_str()
            ),
            (
                whole.as_str(),
                "",
                RegStatus::Confirmed,
                "sr",
                "ramp",
                "vegan",
                1,
                0,
                None,
                "bo@example.org"
            ),
            "{kind}: the whole event's registration, not the date's"
        );
        assert_eq!(
            events::counts(&db, &id).await.expect("counts"),
            (1, 1),
            "{kind}"
        );
        assert_eq!(
            events::counts_by_occurrence(&db, &id)
                .await
                .expect("counts"),
            [
                OccurrenceCount {
                    occurrence_local: String::new(),
                    taken: 1,
                    waiting: 1
                },
                OccurrenceCount {
                    occurrence_local: date.into(),
                    taken: 1,
                    waiting: 1
                }
            ],
            "{kind}"
        );
        let mine: Vec<String> = events::registrations_of(&db, &id, &bo)
            .await
            .expect("of")
            .into_iter()
            .map(|r| r.occurrence_local)
            .collect();
        assert_eq!(mine, ["", date], "{kind}");

        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            events::taken_in(&mut tx, &id).await.expect("taken"),
            1,
            "{kind}"
        );
        let mut taken = events::taken_by_occurrence_in(&mut tx, &id)
            .await
            .expect("taken");
        taken.sort();
        assert_eq!(taken, [(String::new(), 1), (date.to_owned(), 1)], "{kind}");
        assert_eq!(
            events::waiting_dates_in(&mut tx, &id)
                .await
                .expect("waiting"),
            ["", date],
            "{kind}"
        );
        let first = events::first_waiting_in(&mut tx, &id)
            .await
            .expect("first")
            .expect("someone waits");
        assert_eq!(first.user_id, cy, "{kind}");
        let at_date = events::first_waiting_at_in(&mut tx, &id, date)
            .await
            .expect("first")
            .expect("someone waits");
        assert_eq!(at_date.occurrence_local, date, "{kind}");
        assert_eq!(
            events::registrations_at_in(&mut tx, &id, date)
                .await
                .expect("at")
                .len(),
            2,
            "{kind}"
        );
        assert!(
            events::registration_at_in(&mut tx, &id, &ana, date)
                .await
                .expect("at")
                .is_none(),
            "{kind}"
        );
        // Promoted, then attended; cancelled and registered again keeps the row's id.
        events::set_status_in(&mut tx, &first.id, RegStatus::Confirmed)
            .await
            .expect("promote");
        events::set_attended_in(&mut tx, &whole, true)
            .await
            .expect("attended");
        events::set_status_in(&mut tx, &whole, RegStatus::Cancelled)
            .await
            .expect("cancel");
        let again = register(&mut tx, &id, &bo, RegStatus::Waiting).await;
        assert_eq!(again, whole, "{kind}: one row per person and date");
        let by_id = events::registration_by_id_in(&mut tx, &whole)
            .await
            .expect("by id");
        assert_eq!(
            (by_id.status, by_id.attended, by_id.dietary.as_str()),
            (RegStatus::Waiting, Some(1), ""),
            "{kind}: the answers replaced"
        );
        assert!(
            matches!(
                events::registration_by_id_in(&mut tx, "nope").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        tx.commit().await.expect("commit");
        assert_eq!(
            events::registrations(&db, &id).await.expect("all").len(),
            4,
            "{kind}"
        );
        let dates = events::dates_of_user(&db, &cy).await.expect("dates");
        assert_eq!(
            dates,
            [(id.clone(), String::new()), (id.clone(), date.to_owned())],
            "{kind}"
        );

        // Reminders: confirmed registrations in the window, each sent once.
        let e = events::get(&db, &id).await.expect("get");
        let due = events::confirmed_between(&db, e.starts_at - 10, e.starts_at + 10)
            .await
            .expect("due");
        let who: Vec<&str> = due.iter().map(|r| r.user_id.as_str()).collect();
        assert_eq!(who, [cy.as_str()], "{kind}");
        let mut tx = db.begin().await.expect("begin");
        assert!(
            events::mark_reminded_in(&mut tx, &id, &cy, e.starts_at)
                .await
                .expect("mark"),
            "{kind}"
        );
        assert!(
            !events::mark_reminded_in(&mut tx, &id, &cy, e.starts_at)
                .await
                .expect("mark"),
            "{kind}: sent once"
        );
        tx.commit().await.expect("commit");
    }
}

async fn used(db: &Db, scope: &Scope) -> i64 {
    quota::used(db, std::slice::from_ref(scope))
        .await
        .expect("used")[0]
}

fn material(event_id: &str, name: &str, size: i64, at: i64) -> Material {
    Material {
        id: spona_store::new_id(),
        event_id: event_id.into(),
        phase: "before".into(),
        filename: name.into(),
        media_type: "application/pdf".into(),
        size,
        sha256: format!("{size:064x}"),
        active_content: String::new(),
        created_at: at,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn materials_are_counted_and_given_back() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let id = saved(
            &db,
            &spec("Talk", "2199-03-02T10:00", "2199-03-02T12:00", ""),
            std::slice::from_ref(&astra),
            &ana,
        )
        .await;
        let hub = Scope::hub_org(&astra, 1_000);
        let add = |m: Material, scopes: Vec<Scope>| {
            let db = db.clone();
            let ana = ana.clone();
            async move {
                let c = Charge {
                    bytes: m.size,
                    scopes,
                    object_id: Some(m.id.clone()),
                };
                let mut tx = db.begin().await.expect("begin");
                let result = events::add_material_in(&mut tx, &m, &ana, &c).await;
                crate::commit_or_roll_back(tx, result).await
            }
        };
        let agenda = material(&id, "agenda.pdf", 600, 2);
        let slides = material(&id, "slides.pdf", 300, 1);
        add(agenda.clone(), vec![hub.clone()]).await.expect("add");
        add(slides.clone(), vec![hub.clone()]).await.expect("add");
        let names: Vec<String> = events::materials(&db, &id)
            .await
            .expect("materials")
            .into_iter()
            .map(|m| m.filename)
            .collect();
        assert_eq!(names, ["slides.pdf", "agenda.pdf"], "{kind}: oldest first");
        assert_eq!(
            events::materials_of(&db, std::slice::from_ref(&id))
                .await
                .expect("of")
                .len(),
            2,
            "{kind}"
        );
        assert!(
            events::bytes_in_use(&db, &agenda.sha256)
                .await
                .expect("in use"),
            "{kind}"
        );
        assert_eq!(
            quota::used(&db, std::slice::from_ref(&hub))
                .await
                .expect("used"),
            [900],
            "{kind}"
        );
        let r = add(material(&id, "big.pdf", 101, 3), vec![hub.clone()]).await;
        assert!(
            matches!(r, Err(StoreError::OverQuota { used: 900, .. })),
            "{kind}: {r:?}"
        );
        let r = add(material("no-such-event", "x.pdf", 1, 3), vec![hub.clone()]).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        assert_eq!(
            events::materials(&db, &id).await.expect("m").len(),
            2,
            "{kind}"
        );

        let seq = events::get(&db, &id).await.expect("get").sequence;
        let mut tx = db.begin().await.expect("begin");
        let gone = events::delete_material_in(&mut tx, &id, &agenda.id)
            .await
            .expect("delete");
        tx.commit().await.expect("commit");
        assert_eq!(gone.filename, "agenda.pdf", "{kind}");
        assert_eq!(
            events::get(&db, &id).await.expect("get").sequence,
            seq + 1,
            "{kind}"
        );
        assert_eq!(
            quota::used(&db, std::slice::from_ref(&hub))
                .await
                .expect("used"),
            [300],
            "{kind}: the bytes given back"
        );
        assert!(
            !events::bytes_in_use(&db, &agenda.sha256)
                .await
                .expect("in use"),
            "{kind}"
        );
        assert!(
            matches!(
                events::material(&db, &id, &agenda.id).await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        // An event deleted with its materials gives their bytes back too (migration 0086).
        let other = saved(
            &db,
            &spec("Other", "2199-04-02T10:00", "2199-04-02T12:00", ""),
            std::slice::from_ref(&astra),
            &ana,
        )
        .await;
        add(material(&other, "map.pdf", 100, 5), vec![hub.clone()])
            .await
            .expect("add");
        assert_eq!(used(&db, &hub).await, 400, "{kind}");
        super::raw::exec(&db, format!("DELETE FROM events WHERE id = '{other}'")).await;
        assert_eq!(
            used(&db, &hub).await,
            300,
            "{kind}: given back with its event"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM storage_charges").await,
            1,
            "{kind}"
        );

        let mut tx = db.begin().await.expect("begin");
        let r = events::delete_material_in(&mut tx, "no-such-event", &slides.id).await;
        assert!(
            matches!(r, Err(StoreError::NotFound)),
            "{kind}: only under its event"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendar_tokens_and_reader_zones() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        assert_eq!(
            events::calendar_token_made(&db, &ana).await.expect("made"),
            None
        );
        let mut tx = db.begin().await.expect("begin");
        events::set_calendar_token_in(&mut tx, &ana, "hash-1")
            .await
            .expect("token");
        events::set_calendar_token_in(&mut tx, &ana, "hash-2")
            .await
            .expect("replaced");
        tx.commit().await.expect("commit");
        assert!(
            events::calendar_token_made(&db, &ana)
                .await
                .expect("made")
                .is_some(),
            "{kind}"
        );
        assert_eq!(
            events::user_by_calendar_token(&db, "hash-2")
                .await
                .expect("by"),
            Some(ana.clone()),
            "{kind}"
        );
        assert_eq!(
            events::user_by_calendar_token(&db, "hash-1")
                .await
                .expect("by"),
            None,
            "{kind}: the old token no longer opens the feed"
        );
        let mut tx = db.begin().await.expect("begin");
        events::revoke_calendar_token_in(&mut tx, &ana)
            .await
            .expect("revoke");
        tx.commit().await.expect("commit");
        assert_eq!(
            events::user_by_calendar_token(&db, "hash-2")
                .await
                .expect("by"),
            None,
            "{kind}"
        );

        assert_eq!(events::saved_zone(&db, &ana).await.expect("zone"), None);
        for zone in [Some("Europe/Kyiv"), Some("Europe/Belgrade")] {
            let mut tx = db.begin().await.expect("begin");
            events::set_zone_in(&mut tx, &ana, zone)
                .await
                .expect("zone");
            tx.commit().await.expect("commit");
        }
        assert_eq!(
            events::saved_zone(&db, &ana)
                .await
                .expect("zone")
                .as_deref(),
            Some("Europe/Belgrade"),
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            events::saved_zone_in(&mut tx, &ana)
                .await
                .expect("zone")
                .as_deref(),
            Some("Europe/Belgrade"),
            "{kind}"
        );
        events::set_zone_in(&mut tx, &ana, None)
            .await
            .expect("forget");
        tx.commit().await.expect("commit");
        assert_eq!(
            events::saved_zone(&db, &ana).await.expect("zone"),
            None,
            "{kind}"
        );
        assert_eq!(events::registered_on(0), "1970-01-01", "{kind}");
        assert_eq!(events::registered_on(951_782_400), "2000-02-29", "{kind}");
    }
}
