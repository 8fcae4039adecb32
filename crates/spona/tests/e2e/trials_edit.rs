//! Trials: editing and deleting a case and a hearing (lane montrial), on SQLite and
//! PostgreSQL. The edit forms come filled with what is stored (a hearing's sealed note
//! opened); a change that contradicts what the case holds is refused naming its field with
//! nothing saved; a changed note is sealed again; deletion goes through a page with one POST
//! button; a deleted case takes its hearings, observations (sealed notes) and verdicts with
//! it; every change is audited and the public findings follow at once; only the monitoring
//! organisations' members may do any of it (404 to others).

use serde_json::Value;

use crate::harness::*;
use crate::trials::{count, figure, hearing, hearing_ids, open_case, texts, user_id};

const NAME_IN_NOTE: &str = "Marko Marković";
const NEW_NOTE_NAME: &str = "Ivana Ilić";

async fn findings(app: &TestApp) -> Value {
    let j = app
        .client_in_process()
        .get("/en/api/v1/trials/findings")
        .await;
    assert_eq!(j.status, 200);
    j.json()
}

/// The `<form method="post" …>` elements of the page's main part.
fn post_forms(body: &str) -> usize {
    let main = body.split("<main").nth(1).unwrap_or(body);
    main.matches("<form method=\"post\"").count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cases_and_hearings_are_edited_and_deleted_by_their_monitors() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // Three Serbian cases, each with a hearing adjourned for the defendant's absence.
    let mut cases = Vec::new();
    for (n, number) in ["K-Po1 47/23", "K-Po1 48/23", "K-Po1 49/23"]
        .into_iter()
        .enumerate()
    {
        let c = open_case(&member, number, "RS", "2023-03-14").await;
        let at = format!("2023-05-1{n}T09:30");
        let status = hearing(&member, &c, &at, "adjourned", "defendant-absent", "").await;
        assert_eq!(status, 303);
        cases.push(c);
    }
    let (c1, c2, c3) = (&cases[0], &cases[1], &cases[2]);
    let j = findings(&app).await;
    assert_eq!(figure(&j, "reason:defendant-absent", "all"), 3);
    assert_eq!(figure(&j, "cases", "RS"), 3);

    // c1: a held hearing with a sealed note, an observation of it, a verdict for defendant 2.
    let note = format!("Witness {NAME_IN_NOTE} was threatened.");
    assert_eq!(
        hearing(&member, c1, "2023-06-21T10:00", "held", "", &note).await,
        303
    );
    let held = hearing_ids(&app, c1).await[1].clone();
    let me = user_id(&app, ASTRA_MEMBER).await;
    let r = member
        .post(
            &format!("/en/monitoring/trials/{c1}/hearings/{held}/observe"),
            &[
                ("observer", me.as_str()),
                ("check-public-hearing", "no"),
                ("notes_victim", "Asked about her past."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = member
        .post(
            &format!("/en/monitoring/trials/{c1}/verdict"),
            &[
                ("defendant", "2"),
                ("outcome", "convicted"),
                ("decided_on", "2024-02-02"),
                ("sentence_months", "96"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // The case's page leads to the edit and delete pages.
    let page = member.get(&format!("/en/monitoring/trials/{c1}")).await;
    assert!(
        page.body
            .contains(&format!("/en/monitoring/trials/{c1}/edit"))
    );
    assert!(
        page.body
            .contains(&format!("/en/monitoring/trials/{c1}/delete"))
    );
    assert!(
        page.body
            .contains(&format!("/en/monitoring/trials/{c1}/hearings/{held}/edit"))
    );

    // The case's edit form, filled with what is stored.
    let edit = format!("/en/monitoring/trials/{c1}/edit");
    let form = member.get(&edit).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("value=\"K-Po1 47/23\""), "{}", form.body);
    assert!(form.body.contains("value=\"2023-03-14\""));
    assert!(form.body.contains("value=\"sexual-exploitation\" checked"));
    let fields = |defendants: &'static str, indicted: &'static str, number: &'static str| {
        vec![
            ("country", "RS"),
            ("court", "Higher Court in Belgrade"),
            ("case_number", number),
            ("charges", "trafficking-human-beings"),
            ("defendants", defendants),
            ("victims", "3"),
            ("indicted_on", indicted),
        ]
    };
    // Fewer defendants than one with a verdict; an indictment after a hearing; another
    // case's number: refused, naming the field, nothing saved.
    let r = member
        .post(&edit, &fields("1", "2023-03-14", "K-Po1 47/23"))
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("A defendant with a recorded verdict cannot be removed")
    );
    assert!(r.body.contains("id=\"defendants-error\""));
    let r = member
        .post(&edit, &fields("2", "2023-06-01", "K-Po1 47/23"))
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"indicted_on-error\""));
    let r = member
        .post(&edit, &fields("2", "2023-03-14", "K-Po1 48/23"))
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"case_number-error\""));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM trial_cases WHERE victims = 3").await,
        0
    );
    assert_eq!(app.audit_count("trial.case_edited").await, 0);
    let r = member
        .post(&edit, &fields("2", "2023-03-10", "K-Po1 47/23-I"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("/en/monitoring/trials/{c1}"));
    let stored = spona_store::trials::case(&app.db, c1)
        .await
        .expect("db")
        .expect("case");
    assert_eq!(
        (
            stored.case_number.as_str(),
            stored.victims,
            stored.indicted_on.as_str()
        ),
        ("K-Po1 47/23-I", 3, "2023-03-10")
    );
    assert_eq!(stored.charges, vec!["trafficking-human-beings".to_owned()]);
    assert_eq!(app.audit_count("trial.case_edited").await, 1);

    // The hearing's edit form opens its sealed note; a changed note is sealed again.
    let hedit = format!("/en/monitoring/trials/{c1}/hearings/{held}/edit");
    let form = member.get(&hedit).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(NAME_IN_NOTE));
    assert!(form.body.contains("value=\"2023-06-21T10:00\""));
    let new_note = format!("Witness {NEW_NOTE_NAME} was threatened.");
    // An observed hearing cannot become scheduled.
    let r = member
        .post(
            &hedit,
            &[
                ("at", "2023-06-21T10:00"),
                ("zone", "Europe/Belgrade"),
                ("status", "scheduled"),
                ("reason", ""),
                ("note", new_note.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"status-error\""));
    let r = member
        .post(
            &hedit,
            &[
                ("at", "2023-06-21T11:00"),
                ("zone", "Europe/Belgrade"),
                ("status", "held"),
                ("reason", ""),
                ("note", new_note.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let notes = texts(
        &app,
        "SELECT note_sealed FROM trial_hearings WHERE note_sealed IS NOT NULL",
    )
    .await;
    assert_eq!(notes.len(), 1);
    assert!(spona_vault::is_sealed(&notes[0]));
    assert!(!notes[0].contains("Ivana"));
    let page = member.get(&format!("/en/monitoring/trials/{c1}")).await;
    assert!(page.body.contains(NEW_NOTE_NAME) && !page.body.contains(NAME_IN_NOTE));
    assert!(page.body.contains("2023-06-21 11:00"));
    assert_eq!(app.audit_count("trial.hearing_edited").await, 1);

    // c2's adjournment was for illness after all: the findings follow at once (two cases
    // left for "defendant absent": withheld).
    let h2 = hearing_ids(&app, c2).await[0].clone();
    let r = member
        .post(
            &format!("/en/monitoring/trials/{c2}/hearings/{h2}/edit"),
            &[
                ("at", "2023-05-11T09:30"),
                ("zone", "Europe/Belgrade"),
                ("status", "adjourned"),
                ("reason", "health"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let j = findings(&app).await;
    assert_eq!(figure(&j, "reason:defendant-absent", "all"), Value::Null);

    // Deleting c3's hearing: a page with one POST button, then gone.
    let h3 = hearing_ids(&app, c3).await[0].clone();
    let hdelete = format!("/en/monitoring/trials/{c3}/hearings/{h3}/delete");
    let confirm = member.get(&hdelete).await;
    assert_eq!(confirm.status, 200);
    assert_eq!(post_forms(&confirm.body), 1, "{}", confirm.body);
    assert!(confirm.body.contains(&format!("action=\"{hdelete}\"")));
    let r = member.post(&hdelete, &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/en/monitoring/trials/{c3}#hearings"));
    assert!(hearing_ids(&app, c3).await.is_empty());
    assert_eq!(app.audit_count("trial.hearing_deleted").await, 1);
    assert_eq!(member.post(&hdelete, &[]).await.status, 404, "gone");

    // Others may neither edit nor delete: 404, as for reading; signed out: sign in first.
    let delete = format!("/en/monitoring/trials/{c1}/delete");
    for who in [ZMINA_ADMIN, ADMIN, ATINA_ADMIN] {
        let other = app.signed_in_in_process(who).await;
        assert_eq!(other.get(&edit).await.status, 404, "{who}");
        assert_eq!(
            other
                .post(&edit, &fields("2", "2023-03-14", "X"))
                .await
                .status,
            404
        );
        assert_eq!(other.get(&hedit).await.status, 404);
        assert_eq!(other.post(&delete, &[]).await.status, 404, "{who}");
    }
    let anon = app.client_in_process();
    assert!(anon.get(&edit).await.location().contains("/signin?next="));

    // Deleting c1: its hearings, observation (sealed notes), verdict go with it.
    let confirm = member.get(&delete).await;
    assert_eq!(confirm.status, 200);
    assert_eq!(post_forms(&confirm.body), 1);
    let r = member.post(&delete, &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/en/monitoring/trials");
    assert_eq!(app.audit_count("trial.case_deleted").await, 1);
    for sql in [
        "SELECT COUNT(*) FROM trial_observations",
        "SELECT COUNT(*) FROM trial_observation_items",
        "SELECT COUNT(*) FROM trial_verdicts",
        "SELECT COUNT(*) FROM trial_hearings WHERE note_sealed IS NOT NULL",
    ] {
        assert_eq!(count(&app, sql).await, 0, "{sql}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM trial_cases").await, 2);
    assert_eq!(member.get(&edit).await.status, 404);
    let j = findings(&app).await;
    assert_eq!(
        figure(&j, "cases", "RS"),
        Value::Null,
        "two cases: withheld"
    );
    // The audit log holds codes and ids, never the notes.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%Markovi%' OR detail LIKE '%Ivana%'"
        )
        .await,
        0
    );
}
