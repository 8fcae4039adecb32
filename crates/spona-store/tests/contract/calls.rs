//! Calls and opportunities: what a create writes, a load and a list read back with its
//! terms; updates and status changes raise the sequence; a stored status this version does
//! not know is an error, never a default.

use spona_domain::call::{Amount, CallStatus, CallTerms, CallValues};
use spona_domain::ids::{CallId, OrgId};
use spona_store::calls;
use spona_store::idempotency::Once;

use super::raw::exec_unchecked;
use super::*;

pub(crate) fn values(title: &str, deadline_at: i64) -> CallValues {
    CallValues {
        kind: "grant".into(),
        funder: None,
        written: "en".into(),
        title: title.into(),
        description: "Small grants for local peacebuilding.".into(),
        deadline_at,
        deadline_local: "2199-03-01T12:00".into(),
        zone: "Europe/Belgrade".into(),
        amount: Some(Amount {
            minor: 2_500_000,
            currency: "EUR".into(),
        }),
        link: Some("https://funder.example/call".into()),
        terms: CallTerms {
            countries: vec!["RS".into(), "BA".into()],
            themes: vec!["peacebuilding".into()],
            knowhow: vec![],
            org_kinds: vec!["ngo".into()],
            languages: vec!["sr".into(), "en".into()],
        },
    }
}

/// Saves a call posted by `org_id` (or a funder's) and commits.
pub(crate) async fn posted(db: &Db, org_id: Option<&str>, v: &CallValues) -> CallId {
    let id = CallId::new(spona_store::new_id());
    let org = org_id.map(|o| OrgId::from(o.to_owned()));
    let mut tx = db.begin().await.expect("begin");
    calls::create_in(&mut tx, &id, org.as_ref(), None, v, None)
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

fn sorted(mut terms: CallTerms) -> CallTerms {
    for list in [
        &mut terms.countries,
        &mut terms.themes,
        &mut terms.knowhow,
        &mut terms.org_kinds,
        &mut terms.languages,
    ] {
        list.sort();
    }
    terms
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let v = values("Peace grants", 4_100_000_000);
        let id = CallId::new(spona_store::new_id());
        let t0 = spona_store::now();
        let mut tx = db.begin().await.expect("begin");
        calls::create_in(
            &mut tx,
            &id,
            Some(&OrgId::from(astra.clone())),
            Some(&ana),
            &v,
            None,
        )
        .await
        .expect("create");
        tx.commit().await.expect("commit");

        let c = calls::load(&db, &id).await.expect("load").expect("found");
        assert_eq!(c.id, id, "{kind}");
        assert_eq!(c.org_id.as_ref().map(text), Some(astra.clone()), "{kind}");
        assert_eq!(
            (c.org_slug.as_deref(), c.org_name.as_deref()),
            (Some("astra"), Some("Astra")),
            "{kind}"
        );
        assert_eq!(c.created_by.as_deref(), Some(ana.as_str()), "{kind}");
        assert_eq!(
            (
                c.kind.as_str(),
                c.written.as_str(),
                c.title.as_str(),
                c.description.as_str()
            ),
            (
                "grant",
                "en",
                "Peace grants",
                "Small grants for local peacebuilding."
            ),
            "{kind}"
        );
        assert_eq!(
            (c.deadline_at, c.deadline_local.as_str(), c.zone.as_str()),
            (4_100_000_000, "2199-03-01T12:00", "Europe/Belgrade"),
            "{kind}"
        );
        assert_eq!(c.amount, v.amount, "{kind}");
        assert_eq!(c.link, v.link, "{kind}");
        assert_eq!(c.funder, None, "{kind}");
        assert_eq!((c.status, c.sequence), (CallStatus::Open, 0), "{kind}");
        assert!(c.created_at >= t0 && c.updated_at == c.created_at, "{kind}");
        assert_eq!(c.terms, sorted(v.terms.clone()), "{kind}: terms by code");
        assert_eq!(
            calls::load(&db, "nope").await.expect("load"),
            None,
            "{kind}"
        );

        // A funder's call, without an organisation or an amount, due sooner.
        let mut funder = values("Residencies", 4_000_000_000);
        funder.funder = Some("Open Society".into());
        funder.amount = None;
        funder.link = None;
        funder.terms = CallTerms::default();
        let other = posted(&db, None, &funder).await;
        let c2 = calls::load(&db, &other)
            .await
            .expect("load")
            .expect("found");
        assert_eq!(
            (
                c2.org_id.clone(),
                c2.org_slug.clone(),
                c2.funder.as_deref(),
                c2.amount.clone(),
                c2.link.clone()
            ),
            (None, None, Some("Open Society"), None, None),
            "{kind}"
        );
        assert_eq!(c2.terms, CallTerms::default(), "{kind}");

        let all = calls::list(&db).await.expect("list");
        let ids: Vec<&CallId> = all.iter().map(|c| &c.id).collect();
        assert_eq!(ids, [&other, &id], "{kind}: soonest deadline first");
        assert_eq!(all[1], c, "{kind}: the list reads what the load reads");

        // An update replaces the values and the terms, not the organisation or the status.
        let mut changed = values("Peace grants 2026", 4_200_000_000);
        changed.amount = Some(Amount {
            minor: 100,
            currency: "RSD".into(),
        });
        changed.terms = CallTerms {
            countries: vec!["UA".into()],
            ..CallTerms::default()
        };
        let mut tx = db.begin().await.expect("begin");
        calls::update_in(&mut tx, &id, &changed)
            .await
            .expect("update");
        tx.commit().await.expect("commit");
        let c = calls::load(&db, &id).await.expect("load").expect("found");
        assert_eq!(
            (
                c.title.as_str(),
                c.deadline_at,
                c.amount.clone(),
                c.sequence
            ),
            (
                "Peace grants 2026",
                4_200_000_000,
                changed.amount.clone(),
                1
            ),
            "{kind}"
        );
        assert_eq!(c.terms, changed.terms, "{kind}: old terms gone");
        assert_eq!(c.org_slug.as_deref(), Some("astra"), "{kind}");
        assert_eq!(c.status, CallStatus::Open, "{kind}");

        let mut tx = db.begin().await.expect("begin");
        calls::set_status_in(&mut tx, &id, CallStatus::Withdrawn)
            .await
            .expect("status");
        tx.commit().await.expect("commit");
        let c = calls::load(&db, &id).await.expect("load").expect("found");
        assert_eq!((c.status, c.sequence), (CallStatus::Withdrawn, 2), "{kind}");
        assert_eq!(c.title, "Peace grants 2026", "{kind}: values kept");

        let missing = CallId::new("no-such-call");
        let mut tx = db.begin().await.expect("begin");
        let r = calls::update_in(&mut tx, &missing, &changed).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        let r = calls::set_status_in(&mut tx, &missing, CallStatus::Closed).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        drop(tx);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM call_terms WHERE call_id = 'no-such-call'"
            )
            .await,
            0,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_form_posted_twice_makes_one_call() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let mut v = values("Fellowships", 4_100_000_000);
        v.funder = Some("A funder".into());
        let once = Once {
            key: "form-1".into(),
            user_id: Some(ana.clone()),
            location: "/calls/{id}".into(),
        };
        let first = CallId::new(spona_store::new_id());
        let mut tx = db.begin().await.expect("begin");
        calls::create_in(&mut tx, &first, None, Some(&ana), &v, Some(&once))
            .await
            .expect("create");
        tx.commit().await.expect("commit");
        let second = CallId::new(spona_store::new_id());
        let mut tx = db.begin().await.expect("begin");
        let r = calls::create_in(&mut tx, &second, None, Some(&ana), &v, Some(&once)).await;
        assert!(
            matches!(&r, Err(StoreError::Replay(l)) if *l == format!("/calls/{first}")),
            "{kind}: {r:?}"
        );
        drop(tx);
        assert_eq!(calls::list(&db).await.expect("list").len(), 1, "{kind}");
        assert_eq!(
            calls::load(&db, &second).await.expect("load"),
            None,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_refuse_what_their_table_forbids() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        // Neither an organisation nor a funder; a non-positive amount: refused, nothing kept.
        let mut nobody = values("Nobody's", 4_100_000_000);
        nobody.funder = None;
        let mut zero = values("Zero", 4_100_000_000);
        zero.funder = Some("F".into());
        zero.amount = Some(Amount {
            minor: 0,
            currency: "EUR".into(),
        });
        for v in [nobody, zero] {
            let mut tx = db.begin().await.expect("begin");
            let r = calls::create_in(
                &mut tx,
                &CallId::new(spona_store::new_id()),
                None,
                None,
                &v,
                None,
            )
            .await;
            assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        }
        assert!(calls::list(&db).await.expect("list").is_empty(), "{kind}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM call_terms").await,
            0,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_status_this_version_does_not_know_is_an_error() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let id = posted(&db, Some(&astra), &values("Grants", 4_100_000_000)).await;
        exec_unchecked(
            &db,
            "calls",
            "status",
            &format!("UPDATE calls SET status = 'paused' WHERE id = '{id}'"),
        )
        .await;
        let r = calls::load(&db, &id).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let r = calls::list(&db).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
    }
}
