//! Delivery gaps (issue 20, lane fedrest), two servers paired both ways:
//! - a held packet whose checks fail when its turn comes is refused on its own — the reason
//!   in the receiver's packet log, the sender told by an `ack` carrying the refusal (its
//!   packet `failed`) — and the packet after it is still accepted;
//! - a permanent refusal (422, or a refusal the receiver signs as permanent) fails the
//!   packet at once; connection errors, 5xx, 429 and unsigned refusals are retried;
//! - a partner's referral arriving mails the receiving organisation's admins and case
//!   workers, in its languages, with nothing of the person.

use spona_app::federation::outbox::{self, Outbound, Transport};
use spona_domain::federation::PacketKind;
use spona_domain::federation::referral::ReferralUpdate;
use spona_federation::{Envelope, SignedRefusal, httpsig};
use spona_store::Db;
use spona_store::federation::packets;

use super::{Pair, eventually, org_id, pair};
use crate::harness::*;

/// Queues a packet on `a` to ZMINA on `b` in `conversation`, at `at` (a time in the future
/// keeps the servers' own senders off it); its id.
async fn queue(
    p: &Pair,
    conversation: &str,
    kind: PacketKind,
    data: serde_json::Value,
    at: i64,
) -> String {
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let (astra, zmina) = (org_id(&p.a, "astra").await, org_id(&p.b, "zmina").await);
    let mut tx = p.a.db.begin().await.expect("tx");
    let id = outbox::queue_in(
        &mut tx,
        &keys,
        &p.a.state().federation.settings,
        Outbound {
            partner_id: &p.b_on_a,
            from_org: &astra,
            to_org: &zmina,
            conversation,
            kind,
            data,
        },
        at,
    )
    .await
    .expect("queued");
    tx.commit().await.expect("commit");
    id
}

/// A note for a referral that never arrived there: it passes every check but its effect.
fn orphan_note() -> serde_json::Value {
    serde_json::to_value(ReferralUpdate::Note {
        referral: "no-such-referral".into(),
        text: "hello".into(),
    })
    .expect("json")
}

async fn outgoing(app: &TestApp, id: &str) -> packets::Outgoing {
    packets::outgoing(&app.db, id)
        .await
        .expect("db")
        .expect("packet")
}

/// Posts `a`'s stored packet `id` to `b`'s inbox as `a`'s sender would; status and answer.
async fn post_as_sender(p: &Pair, id: &str) -> (u16, serde_json::Value) {
    let o = outgoing(&p.a, id).await;
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let authority = p.b.base.trim_start_matches("http://").to_owned();
    let h = httpsig::sign(
        &keys.signing,
        "POST",
        &authority,
        "/federation/inbox",
        "application/json",
        o.envelope.as_bytes(),
        spona_store::now(),
    );
    let r = reqwest::Client::new()
        .post(format!("{}/federation/inbox", p.b.base))
        .header("content-type", "application/json")
        .header("content-digest", &h.content_digest)
        .header("signature-input", &h.signature_input)
        .header("signature", &h.signature)
        .body(o.envelope.clone())
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.json().await.expect("json answer"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_packet_failing_its_checks_is_refused_alone_and_the_next_proceeds() {
    let p = pair().await;
    let later = spona_store::now() + 3600;
    let conv = "notes:held-refused";
    let one = queue(
        &p,
        conv,
        PacketKind::Note,
        serde_json::json!({"text": "one"}),
        later,
    )
    .await;
    let two = queue(&p, conv, PacketKind::ReferralNote, orphan_note(), later).await;
    let three = queue(
        &p,
        conv,
        PacketKind::Note,
        serde_json::json!({"text": "three"}),
        later,
    )
    .await;
    // 2 and 3 reach Prishtina first: held, each with its receipt.
    for id in [&two, &three] {
        let (status, answer) = post_as_sender(&p, id).await;
        assert_eq!(status, 200, "{answer}");
        assert!(answer["receipt"].is_object(), "{answer}");
    }
    let states = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let mut v: Vec<(i64, String)> = packets::inbox(&db, 10)
                .await
                .expect("db")
                .into_iter()
                .map(|i| (i.seq, i.state))
                .collect();
            v.sort();
            v
        }
    };
    assert_eq!(
        states(&p.b).await,
        vec![(2, "held".to_owned()), (3, "held".to_owned())]
    );
    // Packet 1 becomes due: Belgrade's sender posts it; 2's turn comes and its check fails
    // (no such referral there); 3 follows all the same.
    packets::retry(&p.a.db, &one, 0, "made due by the test")
        .await
        .expect("due");
    eventually("1, 2 and 3 taken in turn", || async {
        states(&p.b).await.iter().all(|(_, s)| s == "accepted") && states(&p.b).await.len() == 3
    })
    .await;
    let reasons = spona_store::federation::refusals::refused_reasons(
        &p.b.db,
        &[one.clone(), two.clone(), three.clone()],
    )
    .await
    .expect("db");
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[&two].contains("no such referral"), "{reasons:?}");
    assert_eq!(
        spona_store::audit::count(&p.b.db, Some("federation.packet_refused"))
            .await
            .expect("audit"),
        1
    );
    // Prishtina's packet log names it refused, with the reason.
    let admin = p.b.signed_in(ADMIN).await;
    let log = admin.get("/en/admin/federation/packets").await;
    assert_eq!(log.status, 200);
    assert!(
        log.body
            .contains(&format!("id=\"p-{two}\" data-state=\"refused\"")),
        "{}",
        log.body
    );
    assert!(log.body.contains("refused when its turn came"));
    // Belgrade is told: 2 failed with the reason, 1 and 3 accepted.
    eventually("the sender told", || async {
        outgoing(&p.a, &two).await.state == "failed"
            && outgoing(&p.a, &one).await.state == "accepted"
            && outgoing(&p.a, &three).await.state == "accepted"
    })
    .await;
    let failed = outgoing(&p.a, &two).await;
    let error = failed.last_error.unwrap_or_default();
    assert!(
        error.contains("refused by the partner") && error.contains("no such referral"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_refusal_fails_the_packet_at_once_and_is_signed() {
    let p = pair().await;
    // Posted by hand: 422 with the receiver's signed refusal of exactly this packet.
    let later = spona_store::now() + 3600;
    let probe = queue(
        &p,
        "notes:probe",
        PacketKind::ReferralNote,
        orphan_note(),
        later,
    )
    .await;
    let (status, answer) = post_as_sender(&p, &probe).await;
    assert_eq!(status, 422, "{answer}");
    let refusal: SignedRefusal =
        serde_json::from_value(answer["refusal"].clone()).expect("a signed refusal");
    let env: Envelope = serde_json::from_str(&outgoing(&p.a, &probe).await.envelope).expect("env");
    let b_key = p.b.state().federation.keys(&p.b.db).await.expect("keys");
    assert!(refusal.permanent && refusal.verify(&b_key.signing.public(), &env));
    assert!(
        refusal.reason.contains("no such referral"),
        "{}",
        refusal.reason
    );
    assert_eq!(
        packets::inbox_count(&p.b.db).await.expect("db"),
        0,
        "nothing stored"
    );

    // Through the sender: the packet and the one behind it fail on the first attempt,
    // without waiting out the three days.
    let now = spona_store::now();
    let first = queue(
        &p,
        "notes:refused",
        PacketKind::ReferralNote,
        orphan_note(),
        now,
    )
    .await;
    let behind = queue(
        &p,
        "notes:refused",
        PacketKind::Note,
        serde_json::json!({"text": "x"}),
        now,
    )
    .await;
    eventually("failed at once", || async {
        outgoing(&p.a, &first).await.state == "failed"
    })
    .await;
    let o = outgoing(&p.a, &first).await;
    assert!(
        o.expires_at > spona_store::now() + 2 * 24 * 3600,
        "long before the window ends"
    );
    let error = o.last_error.unwrap_or_default();
    assert!(
        error.contains("422") && error.contains("no such referral"),
        "{error}"
    );
    assert_eq!(outgoing(&p.a, &behind).await.state, "failed");
}

/// A partner that answers every post the same way.
struct Fake(Result<(u16, Vec<u8>), String>);

impl Transport for Fake {
    async fn post(
        &self,
        _url: &str,
        _headers: Vec<(&'static str, String)>,
        _body: Vec<u8>,
    ) -> Result<(u16, Vec<u8>), String> {
        self.0.clone()
    }
}

type Answer = Box<dyn Fn(&Envelope) -> Result<(u16, Vec<u8>), String>>;

fn json(v: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&v).expect("json")
}

/// Queues a note in a conversation of its own an hour ahead (the servers' own senders never
/// see it due), lets `deliver_due` post it then to a partner answering `answer`; the
/// packet after the attempt.
async fn attempt(p: &Pair, case: &str, answer: Answer) -> packets::Outgoing {
    let at = spona_store::now() + 3600;
    let keys = p.a.state().federation.keys(&p.a.db).await.expect("keys");
    let conversation = format!("notes:{case}");
    let id = queue(
        p,
        &conversation,
        PacketKind::Note,
        serde_json::json!({"text": "t"}),
        at,
    )
    .await;
    let env: Envelope = serde_json::from_str(&outgoing(&p.a, &id).await.envelope).expect("env");
    let fake = Fake(answer(&env));
    outbox::deliver_due(
        &p.a.db,
        "test-sender",
        &keys,
        &p.a.state().federation.settings,
        &fake,
        at,
    )
    .await
    .expect("deliver");
    let o = outgoing(&p.a, &id).await;
    assert!(o.next_at >= at, "{case}");
    o
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_failures_are_retried_and_only_proven_refusals_fail() {
    let p = pair().await;
    use spona_federation::DeploymentKey;
    use std::sync::Arc;
    // Prishtina's signing key, read from its file; and a stranger's.
    let b_key = Arc::new(
        DeploymentKey::load(
            &p.b.dir
                .path()
                .join("federation")
                .join("deployment-ed25519.key"),
        )
        .expect("Prishtina's key"),
    );
    let other = Arc::new(DeploymentKey::generate());
    let signed = |key: &Arc<DeploymentKey>, status: u16, permanent: bool| -> Answer {
        let key = key.clone();
        Box::new(move |env: &Envelope| {
            let r = SignedRefusal::sign(&key, env, status, "number taken", permanent, 1);
            Ok((
                status,
                json(serde_json::json!({"reason": "number taken", "refusal": r})),
            ))
        })
    };
    let plain = |status: u16| -> Answer {
        Box::new(move |_| Ok((status, json(serde_json::json!({"reason": "refused"})))))
    };
    // Transient: no connection, 5xx, 429, unsigned 409/403/400/401, a refusal signed by
    // another key, a signed refusal that is not permanent, one signed for another status.
    let cases: Vec<(&str, Answer)> = vec![
        (
            "no-connection",
            Box::new(|_| Err("connection refused".into())),
        ),
        ("s503", plain(503)),
        ("s500", plain(500)),
        ("s429", plain(429)),
        ("s409", plain(409)),
        ("s403", plain(403)),
        ("s401", plain(401)),
        ("s400", plain(400)),
        ("stranger", signed(&other, 409, true)),
        ("not-permanent", signed(&b_key, 409, false)),
        ("other-status", {
            let k = b_key.clone();
            Box::new(move |env: &Envelope| {
                let r = SignedRefusal::sign(&k, env, 422, "x", true, 1);
                Ok((503, json(serde_json::json!({"reason": "x", "refusal": r}))))
            })
        }),
    ];
    for (what, answer) in cases {
        let o = attempt(&p, what, answer).await;
        assert_eq!(
            (what, o.state.as_str()),
            (what, "queued"),
            "{:?}",
            o.last_error
        );
        assert_eq!(o.attempts, 1, "{what}");
    }
    // Permanent: 422 even unsigned; a 409 the partner signed as permanent for this packet.
    let o = attempt(&p, "s422", plain(422)).await;
    assert_eq!(o.state, "failed");
    assert!(o.last_error.unwrap_or_default().contains("422"));
    let o = attempt(&p, "signed409", signed(&b_key, 409, true)).await;
    assert_eq!(o.state, "failed");
    assert!(o.last_error.unwrap_or_default().contains("number taken"));
}

/// PVPT works in Albanian, Serbian and English: Spona writes its mail in Serbian (Latin)
/// and English.
async fn set_languages(db: &Db, org: &str, codes: &[&str]) {
    for code in codes {
        let sql = "INSERT INTO org_terms (org_id, kind, code) VALUES ($1, 'language', $2)";
        match db {
            Db::Sqlite(pool) => {
                sqlx::query(sql)
                    .bind(org)
                    .bind(code)
                    .execute(pool)
                    .await
                    .expect("term");
            }
            Db::Postgres(pool) => {
                sqlx::query(sql)
                    .bind(org)
                    .bind(code)
                    .execute(pool)
                    .await
                    .expect("term");
            }
        }
    }
}

fn mails(app: &TestApp) -> Vec<String> {
    app.mail_count();
    let mut out = Vec::new();
    if let Ok(dir) = std::fs::read_dir(app.dir.path().join("outbox")) {
        for e in dir.flatten() {
            if e.file_name().to_string_lossy().ends_with(".eml") {
                out.push(std::fs::read_to_string(e.path()).expect("read"));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partners_referral_arriving_mails_the_admins_and_workers_without_the_person() {
    use crate::referrals::{ATINA_WORKER, PVPT_ADMIN, PVPT_WORKER, world};
    use spona_app::federation::referrals::{self as fedref, RemoteDraft};
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let wa = world(&a).await;
    let wb = world(&b).await;
    set_languages(&b.db, &wb.pvpt, &["sq", "sr", "en"]).await;
    let b_on_a = super::add_partner(&a, &b).await;
    let a_on_b = super::add_partner(&b, &a).await;
    super::link(&a, &b_on_a, "atina", &b, "pvpt").await;
    super::link(&b, &a_on_b, "pvpt", &a, "atina").await;
    let before = mails(&b).len();
    let pseudonym = "Mirela (mail test)";
    let d = crate::referrals::draft(&wa, pseudonym);
    fedref::refer(
        &super::actor(&a, ATINA_WORKER).await,
        &a.db,
        &a.state().federation,
        &b_on_a,
        &wb.shelter,
        &RemoteDraft {
            from_org: wa.atina.clone(),
            person: d.person,
            reason: d.reason.clone(),
            urgent: false,
            consent: crate::referrals::consent(),
        },
    )
    .await
    .expect("referred");
    eventually("the arrival mailed", || async {
        mails(&b).len() >= before + 2
    })
    .await;
    let all = mails(&b);
    let new: Vec<&String> = all
        .iter()
        .filter(|m| m.contains("/federation/referrals"))
        .collect();
    // PVPT's admin and its case worker, each once.
    for who in [PVPT_ADMIN, PVPT_WORKER] {
        assert_eq!(
            new.iter()
                .filter(|m| m.contains(&format!("To: {who}")))
                .count(),
            1,
            "{who}: {new:?}"
        );
    }
    for m in &new {
        for secret in [
            pseudonym,
            "Needs a safe place",
            "Second case worker",
            "Test safe house",
            "25-39",
        ] {
            assert!(!m.contains(secret), "{secret} in {m}");
        }
        // Serbian (Latin) first, then English; each with the list's address in its locale.
        assert!(m.contains("/sr-Latn/federation/referrals"), "{m}");
        assert!(m.contains("/en/federation/referrals"), "{m}");
        assert!(m.contains("upu"), "Serbian text: {m}");
        assert!(
            m.contains("A referral for your organisation arrived"),
            "{m}"
        );
    }
    // Belgrade mails nobody about its own referral leaving.
    assert!(
        mails(&a)
            .iter()
            .all(|m| !m.contains("/federation/referrals")),
        "no arrival mail on the sending side"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_refused_there_fails_at_once_and_its_worker_sees_why() {
    use crate::referrals::{ATINA_WORKER, consent, world};
    use spona_app::federation::referrals::{self as fedref, RemoteDraft};
    use spona_store::federation::referrals as fedstore;
    let a = TestApp::start().await;
    let b = TestApp::start().await;
    let wa = world(&a).await;
    let wb = world(&b).await;
    let b_on_a = super::add_partner(&a, &b).await;
    let a_on_b = super::add_partner(&b, &a).await;
    super::link(&a, &b_on_a, "atina", &b, "pvpt").await;
    super::link(&b, &a_on_b, "pvpt", &a, "atina").await;
    // Belgrade's copy of the safe house says it asks for needs too; Prishtina's does not:
    // Prishtina refuses the referral (422), for good.
    let mut services = fedstore::services_for(&a.db, &wa.atina).await.expect("db");
    for s in &mut services {
        s.asks.push_str(",needs");
    }
    let mut tx = a.db.begin().await.expect("tx");
    fedstore::set_services_in(&mut tx, &b_on_a, &services)
        .await
        .expect("services");
    tx.commit().await.expect("commit");
    let mut person = crate::referrals::draft(&wa, "Dita (refused test)").person;
    person.push(("needs".into(), "A ground-floor room".into()));
    let mut c = consent();
    c.share.push("needs".into());
    let id = fedref::refer(
        &super::actor(&a, ATINA_WORKER).await,
        &a.db,
        &a.state().federation,
        &b_on_a,
        &wb.shelter,
        &RemoteDraft {
            from_org: wa.atina.clone(),
            person,
            reason: "Needs a room".into(),
            urgent: false,
            consent: c,
        },
    )
    .await
    .expect("queued here");
    eventually("the referral's packet failed", || async {
        packets::outbox(&a.db, 100)
            .await
            .expect("db")
            .iter()
            .any(|o| o.kind == "referral" && o.state == "failed")
    })
    .await;
    let out = packets::outbox(&a.db, 100).await.expect("db");
    let o = out.iter().find(|o| o.kind == "referral").expect("packet");
    assert_eq!(o.attempts, 0, "no retry: failed on the first answer");
    let error = o.last_error.clone().unwrap_or_default();
    assert!(
        error.contains("422") && error.contains("asks for"),
        "{error}"
    );
    // The referring worker sees it on the referral's page, with the reason.
    let worker = a.signed_in(ATINA_WORKER).await;
    let page = worker.get(&format!("/en/federation/referrals/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("id=\"undelivered\""), "{}", page.body);
    assert!(page.body.contains("Not delivered to the partner"));
    assert!(page.body.contains("asks for"), "{}", page.body);
}
