//! A group named in several languages is named in the reader's language everywhere, not on
//! its own page alone: in the mail about a new thread, in the digest, in the list name of
//! the mail's footer, on the mail preferences page, in discussion search results and in
//! the group newsletter's sender line — the reader's language, then English, then the
//! group's own; Serbian Latin by exact transliteration of the Cyrillic name.

use crate::groups::{a_day_later, create, queued, start_thread};
use crate::harness::*;

const UK: &str = "Робоча група НПД";
const SR_CYRL: &str = "Радна група за НАП";
const SR_LATN: &str = "Radna grupa za NAP";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_is_named_in_the_readers_language_in_mail_preferences_and_search() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let group = create(&coord, "NAP drafting", "open").await;
    for (lang, name) in [("uk", UK), ("sr-Cyrl", SR_CYRL)] {
        let r = coord
            .post(
                &format!("/en/groups/{group}/names"),
                &[("variant_lang", lang), ("variant_name", name)],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    // The member joins from the Ukrainian pages and wants every message.
    let r = member.post(&format!("/uk/groups/{group}/join"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = member
        .post(
            "/uk/groups/preferences",
            &[("group", group.as_str()), ("mail", "each")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    start_thread(&coord, &group, "Zaštita žrtava", "Prvi nacrt plana.").await;
    let mails = queued(&app.db, ASTRA_MEMBER).await;
    let (subject, body) = mails.last().expect("a mail about the thread");
    assert!(subject.starts_with(&format!("[{UK}]")), "{subject}");
    assert!(body.contains(UK), "{body}");
    assert!(!body.contains("NAP drafting"), "{body}");

    // The preferences page names it in each reader's language.
    let page = member.get("/uk/groups/preferences").await;
    assert!(page.body.contains(UK), "{}", page.body);
    let page = member.get("/sr-Latn/groups/preferences").await;
    assert!(page.body.contains(SR_LATN), "{}", page.body);
    let page = member.get("/sr-Cyrl/groups/preferences").await;
    assert!(page.body.contains(SR_CYRL), "{}", page.body);
    // No French nor German: English, the group's own.
    let page = member.get("/en/groups/preferences").await;
    assert!(page.body.contains("NAP drafting"), "{}", page.body);

    // Search results name the group of each hit.
    let hits = member.get("/sr-Latn/groups/search?q=nacrt").await;
    assert!(hits.body.contains("Zaštita žrtava"), "{}", hits.body);
    assert!(hits.body.contains(SR_LATN), "{}", hits.body);

    // The digest, written for a reader of Serbian in Latin script.
    let r = member
        .post(
            "/sr-Latn/groups/preferences",
            &[("group", group.as_str()), ("mail", "daily")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let before = queued(&app.db, ASTRA_MEMBER).await.len();
    let run = a_day_later(&app).await;
    assert_eq!(run.queued, 1, "{run:?}");
    let mails = queued(&app.db, ASTRA_MEMBER).await;
    assert_eq!(mails.len(), before + 1);
    let (subject, body) = mails.last().expect("digest");
    assert!(subject.contains(SR_LATN), "{subject}");
    assert!(body.contains(SR_LATN), "{body}");
    assert!(!body.contains(SR_CYRL), "{body}");
}

/// Mails queued to `address` on `list`: their bodies.
async fn bodies_on(app: &TestApp, address: &str, list: &str) -> Vec<String> {
    let sql = "SELECT body FROM mail_queue WHERE recipient = $1 AND list_id = $2 ORDER BY id";
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar(sql)
                .bind(address)
                .bind(list)
                .fetch_all(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar(sql)
                .bind(address)
                .bind(list)
                .fetch_all(p)
                .await
        }
    }
    .expect("queue")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_newsletter_names_its_group_in_the_readers_language() {
    use spona_domain::newsletter::{Audience, OwnerKind, Variant};
    use spona_store::newsletters as store;
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let group = create(&coord, "NAP drafting", "open").await;
    let r = coord
        .post(
            &format!("/en/groups/{group}/names"),
            &[("variant_lang", "uk"), ("variant_name", UK)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = member.post(&format!("/uk/groups/{group}/join"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let now = spona_store::now();
    let mut tx = app.db.begin().await.expect("tx");
    let id = store::create_in(
        &mut tx,
        &store::NewNewsletter {
            slug: "nap-letters",
            owner_kind: OwnerKind::Group,
            owner_id: &group,
            name: "NAP letters",
            description: "",
            audience: Audience::Members,
        },
        now - 10,
    )
    .await
    .expect("newsletter");
    let issue = store::create_issue_in(&mut tx, &id, None, now - 10)
        .await
        .expect("issue");
    let variant = Variant {
        lang: "en".into(),
        title: "First issue".into(),
        body: "Our first letter.".into(),
    };
    store::save_variants_in(&mut tx, &issue, &[variant], now - 10)
        .await
        .expect("variants");
    store::schedule_in(&mut tx, &issue, now - 5, now - 5)
        .await
        .expect("schedule");
    tx.commit().await.expect("commit");
    let state = app.state();
    let mailer = spona_app::newsletters::Mailer {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    let sent = spona_app::newsletters::send::run_due(&app.db, mailer, now)
        .await
        .expect("send");
    assert_eq!(sent.issues, 1, "{sent:?}");
    let list = format!("newsletter/{id}");
    let uk = bodies_on(&app, ASTRA_MEMBER, &list).await;
    assert_eq!(uk.len(), 1, "{uk:?}");
    assert!(
        uk[0].starts_with(&format!("NAP letters: розсилка робочої групи {UK}\n")),
        "{}",
        uk[0]
    );
    let en = bodies_on(&app, ASTRA_ADMIN, &list).await;
    assert!(
        en[0].starts_with("NAP letters: the newsletter of the working group NAP drafting\n"),
        "{}",
        en[0]
    );
}
