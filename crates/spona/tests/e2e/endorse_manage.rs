//! A campaign changed after it is opened, on SQLite and PostgreSQL (issue 22 item 3): its
//! coordinators correct a text and add a language later (a text in a language the form
//! does not offer stays), a bad date is refused naming its field with nothing changed, the
//! confirmed endorsements per day and country come as CSV (numbers, never an address or a
//! name), and closing it stops new endorsements and pending confirmations with a clear
//! message while its counts stay; saving the form of a closed campaign keeps it closed.
//! Everyone else gets 404.

use crate::endorse::{counts, fixture, link_path, sqlx_count};
use crate::harness::*;

fn form<'a>(name: &'a str, country: &'a str, email: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("name", name),
        ("country", country),
        ("organisation", ""),
        ("email", email),
    ]
}

fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

fn edit_form<'a>(
    opens: &'a str,
    closes: &'a str,
    en: &'a str,
    uk: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("opens_on", opens),
        ("closes_on", closes),
        ("title_en", en),
        (
            "statement_en",
            "Safe houses for every survivor, in every town.",
        ),
        ("title_sr", ""),
        ("statement_sr", ""),
        ("title_uk", uk),
        (
            "statement_uk",
            if uk.is_empty() {
                ""
            } else {
                "Безпечні притулки для кожної людини, що пережила насильство."
            },
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinators_edit_add_a_language_download_counts_and_close() {
    let app = TestApp::start().await;
    let id = fixture(&app).await;
    let anon = app.client_in_process();
    let page = format!("/en/campaigns/{id}");

    // One confirmed endorsement (Serbia) and one waiting for its confirmation (Bosnia).
    assert_eq!(
        anon.post(
            &format!("{page}/endorse"),
            &form("Ana Test", "RS", "ana@example.org")
        )
        .await
        .status,
        303
    );
    let first = link_path(&app.last_mail());
    assert_eq!(anon.post(&first, &[]).await.status, 303);
    assert_eq!(
        anon.post(
            &format!("{page}/endorse"),
            &form("Edin Test", "BA", "edin@example.org")
        )
        .await
        .status,
        303
    );
    let waiting = link_path(&app.last_mail());
    assert_ne!(first, waiting);
    assert_eq!(counts(&anon, &id).await, (1, vec![("RS".into(), 1)]));

    // Not a coordinator: 404 for the form, the CSV and closing; nothing changes.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(member.get(&format!("{page}/edit")).await.status, 404);
    assert_eq!(member.get(&format!("{page}/counts.csv")).await.status, 404);
    assert_eq!(member.post(&format!("{page}/close"), &[]).await.status, 404);
    assert_eq!(anon.get(&format!("{page}/counts.csv")).await.status, 303);

    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let p = coordinator.get(&page).await;
    assert!(
        p.body.contains(&format!("/en/campaigns/{id}/edit")),
        "{}",
        p.body
    );
    let f = coordinator.get(&format!("{page}/edit")).await;
    assert_eq!(f.status, 200);
    assert!(
        f.body.contains("Support the BRIDGE statement"),
        "{}",
        f.body
    );

    // A last day before the first: refused naming the field, nothing changed.
    let r = coordinator
        .post(
            &format!("{page}/edit"),
            &edit_form("2026-03-08", "2026-03-01", "Changed title", ""),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("id=\"closes_on-error\""), "{}", r.body);
    assert!(r.body.contains("aria-invalid=\"true\""));
    assert!(
        anon.get(&page)
            .await
            .body
            .contains("Support the BRIDGE statement")
    );
    assert_eq!(app.audit_count("endorsements.campaign_edited").await, 0);

    // The English title corrected and a Ukrainian text added; the Cyrillic Serbian text
    // (a language the form does not offer) stays.
    let opens = chrono::DateTime::from_timestamp(spona_store::now() - 86_400, 0)
        .expect("t")
        .format("%Y-%m-%d")
        .to_string();
    let r = coordinator
        .post(
            &format!("{page}/edit"),
            &edit_form(
                &opens,
                "",
                "Support the BRIDGE statement on shelters",
                "Підтримайте заяву мережі BRIDGE",
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        anon.get(&page)
            .await
            .body
            .contains("Support the BRIDGE statement on shelters")
    );
    assert!(
        anon.get(&format!("/uk/campaigns/{id}"))
            .await
            .body
            .contains("Підтримайте заяву мережі BRIDGE")
    );
    assert!(
        anon.get(&format!("/sr-Cyrl/campaigns/{id}"))
            .await
            .body
            .contains("Подржите изјаву мреже BRIDGE")
    );
    assert_eq!(app.audit_count("endorsements.campaign_edited").await, 1);
    // Counts are untouched by the edit.
    assert_eq!(counts(&anon, &id).await, (1, vec![("RS".into(), 1)]));

    // The CSV: per day and country, numbers only.
    let (status, body, headers) = coordinator.bytes(&format!("{page}/counts.csv")).await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let csv = String::from_utf8(body).expect("utf-8");
    let lines: Vec<&str> = csv.lines().collect();
    let row = format!("{},RS,1", today());
    assert_eq!(lines, vec!["day,country,confirmed", row.as_str()], "{csv}");
    assert!(!csv.contains('@') && !csv.contains("Ana") && !csv.contains("example"));

    // Closing: the page says so, no new endorsement and no pending confirmation is taken,
    // the counts stay.
    let r = coordinator.post(&format!("{page}/close"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), page);
    assert_eq!(app.audit_count("endorsements.campaign_closed").await, 1);
    let p = anon.get(&page).await;
    assert!(p.body.contains("This campaign closed on"), "{}", p.body);
    assert!(!p.body.contains(&format!("/campaigns/{id}/endorse\"")));
    let mails = app.mail_count();
    let r = anon
        .post(
            &format!("{page}/endorse"),
            &form("Late", "RS", "late@example.org"),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(
        r.body.contains("does not accept endorsements"),
        "{}",
        r.body
    );
    assert_eq!(app.mail_count(), mails, "no mail for a closed campaign");
    for reply in [anon.get(&waiting).await, anon.post(&waiting, &[]).await] {
        assert_eq!(reply.status, 403, "{}", reply.body);
        assert!(reply.body.contains("has closed"), "{}", reply.body);
    }
    assert_eq!(counts(&anon, &id).await, (1, vec![("RS".into(), 1)]));
    assert_eq!(
        sqlx_count(
            &app,
            "SELECT COUNT(*) FROM endorsements WHERE confirmed_at IS NULL"
        )
        .await,
        1,
        "the waiting one stays unconfirmed"
    );
    // Closing again changes nothing (and writes no second entry).
    assert_eq!(
        coordinator.post(&format!("{page}/close"), &[]).await.status,
        303
    );
    assert_eq!(app.audit_count("endorsements.campaign_closed").await, 1);

    // Saving the form of the closed campaign as shown (its last day is today) keeps it
    // closed.
    let shown = coordinator.get(&format!("{page}/edit")).await.body;
    assert!(shown.contains(&format!("value=\"{}\"", today())), "{shown}");
    let r = coordinator
        .post(
            &format!("{page}/edit"),
            &edit_form(
                &opens,
                &today(),
                "Support the BRIDGE statement on shelters",
                "Підтримайте заяву мережі BRIDGE",
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = anon
        .post(
            &format!("{page}/endorse"),
            &form("Later", "RS", "later@example.org"),
        )
        .await;
    assert_eq!(r.status, 403, "still closed: {}", r.body);
    assert_eq!(counts(&anon, &id).await, (1, vec![("RS".into(), 1)]));
}
