//! Referrals across deployments (issue 20), two servers in this process (each its own
//! database): Atina on Belgrade (`a`) refers a person, with consent, through the referral
//! form to PVPT's safe house on Prishtina (`b`), which its key document publishes. The
//! referral arrives in PVPT's list with only the fields the service asks for (never the
//! consent's witness); PVPT's answer, a note and the outcome travel back; both custody
//! chains hold. A withdrawal of consent closes the referral on Prishtina and erases the
//! person's data there. A referral carrying a field the service does not ask for is
//! refused by the receiving side and nothing is stored there.

use spona_app::federation::referrals::{self as fedref, Act, RemoteDraft};
use spona_store::federation::packets;
use spona_store::federation::referrals::{self as store, FedReferral};

use super::{actor, add_partner, eventually, link};
use crate::harness::*;
use crate::referrals::{ATINA_WORKER, PVPT_WORKER, World, consent, draft, world};

const PSEUDONYM: &str = "Vesna (cross-border test)";

struct Two {
    a: TestApp,
    b: TestApp,
    /// Prishtina as Belgrade's partner.
    b_on_a: String,
    /// Belgrade's and Prishtina's referral worlds (case workers, services).
    wa: World,
    wb: World,
}

async fn two() -> Two {
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let wa = world(&a).await;
    let wb = world(&b).await;
    // Paired after the services exist: the key document lists them.
    let b_on_a = add_partner(&a, &b).await;
    let a_on_b = add_partner(&b, &a).await;
    link(&a, &b_on_a, "atina", &b, "pvpt").await;
    link(&b, &a_on_b, "pvpt", &a, "atina").await;
    Two {
        a,
        b,
        b_on_a,
        wa,
        wb,
    }
}

async fn received(b: &TestApp, pvpt: &str) -> Vec<FedReferral> {
    store::for_orgs(&b.db, &[pvpt.to_owned()])
        .await
        .expect("db")
        .into_iter()
        .filter(|r| r.direction == "in")
        .collect()
}

async fn status_on(app: &TestApp, id: &str) -> String {
    store::get(&app.db, id)
        .await
        .expect("db")
        .expect("referral")
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_goes_to_a_partners_service_and_its_answers_come_back() {
    let t = two().await;
    let worker = t.a.signed_in(ATINA_WORKER).await;
    // The referral form's chooser lists the partner's safe house.
    let value = format!("fed:{}:{}", t.b_on_a, t.wb.shelter);
    let chooser = worker.get("/en/referrals/new").await;
    assert_eq!(chooser.status, 200);
    assert!(chooser.body.contains(&value), "{}", chooser.body);
    let form = worker
        .get(&format!("/en/referrals/new?service={value}"))
        .await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(!form.body.contains("override_reason"), "no override across");
    let sent = worker
        .post(
            "/en/referrals/new",
            &[
                ("service", value.as_str()),
                ("from_org", t.wa.atina.as_str()),
                ("first-name", PSEUDONYM),
                ("age-band", "25-39"),
                ("gender", "female"),
                ("language", "sr"),
                ("urgency", "routine"),
                ("reason", "Needs a safe place to stay across the line"),
                ("consent_share", "first-name"),
                ("consent_share", "age-band"),
                ("consent_share", "gender"),
                ("consent_share", "language"),
                ("consent_share", "urgency"),
                ("consent_purpose", "Safe accommodation in Prishtina"),
                ("consent_until", "2099-12-31"),
                ("consent_how", "verbal"),
                ("consent_witness", "Second case worker"),
                ("consent_channel", "through-worker"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let id = sent.location().rsplit('/').next().expect("id").to_owned();

    // It arrives in PVPT's list, with only what the service asks for.
    let pvpt = t.wb.pvpt.clone();
    eventually("the referral arrived", || async {
        received(&t.b, &pvpt).await.len() == 1
    })
    .await;
    let there = received(&t.b, &pvpt).await.remove(0);
    assert_eq!(there.sender_ref, id);
    let pvpt_worker = t.b.signed_in(PVPT_WORKER).await;
    let page = pvpt_worker
        .get(&format!("/en/federation/referrals/{}", there.id))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(PSEUDONYM), "{}", page.body);
    assert!(
        !page.body.contains("Second case worker"),
        "the witness stays home"
    );
    let keys = t.b.state().federation.keys(&t.b.db).await.expect("keys");
    for p in packets::inbox(&t.b.db, 100).await.expect("db") {
        let body = spona_app::federation::inbox::opened_body(&keys, &p).expect("open");
        assert!(!body.contains("Second case worker"), "{body}");
    }
    // Nobody else on Prishtina sees it.
    let other = t.b.signed_in(ADMIN).await;
    assert_eq!(
        other
            .get(&format!("/en/federation/referrals/{}", there.id))
            .await
            .status,
        404
    );

    // PVPT accepts, writes a note, records the outcome; each travels back.
    let act_path = format!("/en/federation/referrals/{}/act", there.id);
    for fields in [
        vec![("action", "answer"), ("answer", "accept")],
        vec![("action", "note"), ("text", "A room is ready from Monday")],
        vec![("action", "outcome"), ("outcome", "service-provided")],
    ] {
        let r = pvpt_worker.post(&act_path, &fields).await;
        assert_eq!(r.status, 303, "{fields:?}: {}", r.body);
    }
    eventually("the outcome reached Belgrade", || async {
        status_on(&t.a, &id).await == "closed"
    })
    .await;
    let mine = worker.get(&format!("/en/federation/referrals/{id}")).await;
    assert_eq!(mine.status, 200);
    assert!(
        mine.body.contains("A room is ready from Monday"),
        "{}",
        mine.body
    );
    let r = store::get(&t.a.db, &id)
        .await
        .expect("db")
        .expect("referral");
    assert_eq!(r.outcome.as_deref(), Some("service-provided"));

    // Both custody chains hold and name what happened on each side.
    let (here, intact_here) = fedref::custody(&t.a.db, &id).await.expect("custody");
    assert!(intact_here);
    for a in ["create", "sent", "answer:accept", "note", "outcome"] {
        assert!(here.iter().any(|x| x == a), "{a} in {here:?}");
    }
    let (over, intact_there) = fedref::custody(&t.b.db, &there.id).await.expect("custody");
    assert!(intact_there);
    for a in ["received", "view", "answer:accept", "note", "outcome"] {
        assert!(over.iter().any(|x| x == a), "{a} in {over:?}");
    }
}

async fn refer_by_use_case(t: &Two, person: Vec<(String, String)>) -> spona_app::Result<String> {
    let d = draft(&t.wa, PSEUDONYM);
    fedref::refer(
        &actor(&t.a, ATINA_WORKER).await,
        &t.a.db,
        &t.a.state().federation,
        &t.b_on_a,
        &t.wb.shelter,
        &RemoteDraft {
            from_org: t.wa.atina.clone(),
            person,
            reason: d.reason,
            urgent: false,
            consent: consent(),
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawal_closes_the_referral_there_and_erases_the_person() {
    let t = two().await;
    let id = refer_by_use_case(&t, draft(&t.wa, PSEUDONYM).person)
        .await
        .expect("referred");
    let pvpt = t.wb.pvpt.clone();
    eventually("the referral arrived", || async {
        received(&t.b, &pvpt).await.len() == 1
    })
    .await;
    fedref::act(
        &actor(&t.a, ATINA_WORKER).await,
        &t.a.db,
        &t.a.state().federation,
        &id,
        Act::Withdraw,
    )
    .await
    .expect("withdrawn");
    assert_eq!(status_on(&t.a, &id).await, "withdrawn");
    eventually("the withdrawal took effect there", || async {
        received(&t.b, &pvpt)
            .await
            .first()
            .is_some_and(|r| r.status == "withdrawn")
    })
    .await;
    let there = received(&t.b, &pvpt).await.remove(0);
    assert!(there.person_sealed.is_none() && there.reason_sealed.is_none());
    assert!(there.consent_sealed.is_none());
    let (chain, intact) = fedref::custody(&t.b.db, &there.id).await.expect("custody");
    assert!(intact);
    assert!(chain.ends_with(&["consent-withdrawn".to_owned(), "erased".to_owned()]));
    // The withdrawal's packet was receipted and acknowledged.
    eventually("the withdrawal acknowledged", || async {
        packets::outbox(&t.a.db, 100)
            .await
            .expect("db")
            .iter()
            .any(|o| o.kind == "consent-withdrawn" && o.state == "accepted")
    })
    .await;
    // Prishtina's worker can no longer act on it.
    let refused = fedref::act(
        &actor(&t.b, PVPT_WORKER).await,
        &t.b.db,
        &t.b.state().federation,
        &there.id,
        Act::Answer("accept".into()),
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(spona_app::Error::Conflict("err-referral-withdrawn"))
        ),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_carrying_a_field_the_service_does_not_ask_for_is_refused_there() {
    let t = two().await;
    // Belgrade's copy of the partner's services says the safe house asks for needs too (a
    // stale or tampered copy); Prishtina's service does not.
    let mut services = store::services_for(&t.a.db, &t.wa.atina).await.expect("db");
    for s in &mut services {
        s.asks.push_str(",needs");
    }
    let mut tx = t.a.db.begin().await.expect("tx");
    store::set_services_in(&mut tx, &t.b_on_a, &services)
        .await
        .expect("services");
    tx.commit().await.expect("commit");
    let mut person = draft(&t.wa, PSEUDONYM).person;
    person.push(("needs".into(), "A ground-floor room".into()));
    let mut d = consent();
    d.share.push("needs".into());
    let id = fedref::refer(
        &actor(&t.a, ATINA_WORKER).await,
        &t.a.db,
        &t.a.state().federation,
        &t.b_on_a,
        &t.wb.shelter,
        &RemoteDraft {
            from_org: t.wa.atina.clone(),
            person,
            reason: "Needs a room".into(),
            urgent: false,
            consent: d,
        },
    )
    .await
    .expect("queued here");
    eventually("Prishtina refused it", || async {
        packets::outbox(&t.a.db, 100)
            .await
            .expect("db")
            .iter()
            .any(|o| {
                o.kind == "referral"
                    && o.last_error
                        .as_deref()
                        .is_some_and(|e| e.contains("422") && e.contains("asks for"))
            })
    })
    .await;
    assert!(
        received(&t.b, &t.wb.pvpt).await.is_empty(),
        "nothing stored there"
    );
    assert_eq!(status_on(&t.a, &id).await, "sent");
}
