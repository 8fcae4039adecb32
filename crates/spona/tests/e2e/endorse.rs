//! Endorsement campaigns end to end (issue 22 item 3): a person endorses without an
//! account, gets one confirmation mail (through a real SMTP sink, aiosmtpd), and confirms
//! with the one button of the link's page — opening the link confirms nothing; reused,
//! forged and expired links are told apart; the same address counts once through a burst
//! of 1,000 requests; bursts from one address or network are slowed (429 with
//! `Retry-After`); what is never confirmed is forgotten after 7 days; bad input names its
//! field and saves nothing. The review and bulk invalidation are in `endorse_review.rs`.

use spona_store::endorsements::{self as store, Campaign, Text};

use crate::harness::*;
use crate::mail_sink::{Sink, check};

/// The BRIDGE network's open campaign of the authorisation matrix (its coordinator is
/// Atina's admin).
pub async fn fixture(app: &TestApp) -> String {
    if let Some(c) = store::list(&app.db).await.expect("list").into_iter().next() {
        return c.id;
    }
    let network = spona_store::networks::get_by_slug(&app.db, "bridge")
        .await
        .expect("bridge");
    let now = spona_store::now();
    let c = Campaign {
        id: spona_store::new_id(),
        owner_kind: "network".into(),
        owner_id: network.id.to_string(),
        joint_text_id: None,
        opens_at: now - 86_400,
        closes_at: None,
        confirmed_total: 0,
        created_by: None,
        created_at: now,
        texts: vec![
            Text {
                lang: "en".into(),
                title: "Support the BRIDGE statement".into(),
                statement: "Safe houses for every survivor.".into(),
            },
            Text {
                lang: "sr-Cyrl".into(),
                title: "Подржите изјаву мреже BRIDGE".into(),
                statement: "Сигурне куће за сваку преживелу.".into(),
            },
        ],
    };
    let mut tx = app.db.begin().await.expect("tx");
    store::create_campaign_in(&mut tx, &c)
        .await
        .expect("campaign");
    tx.commit().await.expect("commit");
    c.id
}

/// The confirmation link's path (`/en/campaigns/confirm/<64 hex>`) in a message's text.
pub fn link_path(text: &str) -> String {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    let at = text
        .find("/campaigns/confirm/")
        .expect("a confirmation link");
    let start = text[..at].rfind('/').expect("locale");
    let token: String = text[at + "/campaigns/confirm/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{text}");
    format!("{}/campaigns/confirm/{token}", &text[start..at])
}

/// The campaign's JSON: confirmed total and `(country, confirmed)`.
pub async fn counts(c: &Client, id: &str) -> (i64, Vec<(String, i64)>) {
    let r = c.get(&format!("/api/v1/campaigns/{id}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let j = r.json();
    let countries = j["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .map(|c| {
            (
                c["country"].as_str().expect("code").to_owned(),
                c["confirmed"].as_i64().expect("n"),
            )
        })
        .collect();
    (j["confirmed"].as_i64().expect("confirmed"), countries)
}

pub async fn rows(app: &TestApp) -> i64 {
    sqlx_count(app, "SELECT COUNT(*) FROM endorsements").await
}

pub async fn sqlx_count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"),
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"),
    }
}

fn form<'a>(name: &'a str, country: &'a str, email: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("name", name),
        ("country", country),
        ("organisation", ""),
        ("email", email),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_mail_through_a_real_smtp_sink_and_only_the_post_confirms() {
    let tmp = tempfile::tempdir().expect("tmp");
    let sink = Sink::start(&tmp.path().join("sink"), &[]);
    let url = sink.url();
    let app = TestApp::start_with(|c| c.mail.smtp_url = Some(url)).await;
    let id = fixture(&app).await;
    let anon = app.client();
    let page = format!("/en/campaigns/{id}");
    let r = anon.get(&page).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Support the BRIDGE statement"));

    let r = anon
        .post(
            &format!("{page}/endorse"),
            &form("Ana Test", "RS", " Ana.Test+decl@GMail.com "),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("{page}/sent"));
    assert_eq!(anon.get(&r.location()).await.status, 200);

    // One message, to the address as given, with the link; parsed by Python's `email`.
    let files = sink.wait_for(1, 30).await;
    let m = check(&["parse", files[0].to_str().expect("path")]);
    assert_eq!(
        m["to"].as_str().expect("to").to_lowercase(),
        "ana.test+decl@gmail.com",
        "{m}"
    );
    assert!(
        m["subject"]
            .as_str()
            .expect("subject")
            .contains("Support the BRIDGE statement"),
        "{m}"
    );
    let link = link_path(m["text"].as_str().expect("text"));
    assert!(link.starts_with("/en/campaigns/confirm/"), "{link}");

    // The link's page: one button; opening it (twice, as mail scanners do) confirms nothing.
    for _ in 0..2 {
        let p = anon.get(&link).await;
        assert_eq!(p.status, 200);
        assert_eq!(p.body.matches("type=\"submit\"").count(), 1, "one button");
        assert!(p.body.contains("Ana Test"));
    }
    assert_eq!(counts(&anon, &id).await, (0, vec![]));

    // A forged and a malformed link; then the real POST; then the reused link.
    let forged = anon
        .post(&format!("/en/campaigns/confirm/{}", "ab".repeat(32)), &[])
        .await;
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains("link is not valid"), "{}", forged.body);
    assert_eq!(anon.get("/en/campaigns/confirm/xyz").await.status, 400);
    let ok = anon.post(&link, &[]).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.location(), format!("{page}/confirmed"));
    let thanks = anon.get(&ok.location()).await;
    assert!(
        thanks.body.contains("1 confirmed endorsement"),
        "{}",
        thanks.body
    );
    assert_eq!(counts(&anon, &id).await, (1, vec![("RS".into(), 1)]));
    for reused in [anon.post(&link, &[]).await, anon.get(&link).await] {
        assert_eq!(reused.status, 409);
        assert!(reused.body.contains("confirmed already"), "{}", reused.body);
    }
    assert_eq!(counts(&anon, &id).await.0, 1);

    // The page shows the count per country; the address is nowhere in the row.
    let p = anon.get(&page).await;
    assert!(p.body.contains("1 confirmed endorsement"));
    assert!(p.body.contains("Serbia"));
    let row: (String, String, String, Option<String>) = match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_as("SELECT address_key, domain, client_key, organisation FROM endorsements")
                .fetch_one(p)
                .await
                .expect("row")
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_as("SELECT address_key, domain, client_key, organisation FROM endorsements")
                .fetch_one(p)
                .await
                .expect("row")
        }
    };
    assert_eq!(row.1, "gmail.com");
    assert_eq!(row.0.len(), 64);
    assert!(!format!("{row:?}").to_lowercase().contains("ana"));
    assert!(!row.2.contains("127.0.0"));
    // Only one message ever left.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.files().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_with_one_address_counts_once() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let id = fixture(&app).await;
    let anon = app.client_in_process();
    let path = format!("/en/campaigns/{id}/endorse");
    // One mailbox written 1,000 ways (case, dots, +tags: Gmail ignores them), each from a
    // network of its own so that no limit slows the burst.
    let spellings = [
        "ana.petrovic@gmail.com",
        "AnaPetrovic@GMAIL.com",
        "a.n.a.petrovic+1@googlemail.com",
        " anapetrovic+decl@gmail.com ",
        "ANA.PETROVIC+x.y@Gmail.Com",
    ];
    for i in 0..1000usize {
        let email = spellings[i % spellings.len()];
        let ip = format!("10.{}.{}.1", i / 250, i % 250);
        let r = anon
            .post_with(
                &path,
                &form("Ana Petrović", "BA", email),
                ("x-forwarded-for", &ip),
            )
            .await;
        assert_eq!(r.status, 303, "request {i}: {}", r.body);
    }
    assert_eq!(rows(&app).await, 1);
    assert_eq!(app.mail_count(), 1, "one confirmation mail");
    let link = link_path(&app.last_mail());
    assert_eq!(anon.post(&link, &[]).await.status, 303);
    assert_eq!(counts(&anon, &id).await, (1, vec![("BA".into(), 1)]));
    // Once confirmed, the same address again changes nothing and sends nothing.
    let r = anon
        .post_with(
            &path,
            &form("Ana P.", "RS", "anapetrovic@gmail.com"),
            ("x-forwarded-for", "10.200.0.1"),
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!((rows(&app).await, app.mail_count()), (1, 1));
    assert_eq!(counts(&anon, &id).await, (1, vec![("BA".into(), 1)]));
    // Another provider keeps `+tags` (they may be different mailboxes): two rows.
    for email in ["ana+a@astra.example.org", "ana+b@astra.example.org"] {
        let r = anon
            .post_with(
                &path,
                &form("Ana", "RS", email),
                ("x-forwarded-for", "10.201.0.1"),
            )
            .await;
        assert_eq!(r.status, 303);
    }
    assert_eq!(rows(&app).await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_from_one_address_or_network_are_slowed() {
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let id = fixture(&app).await;
    let anon = app.client_in_process();
    let path = format!("/en/campaigns/{id}/endorse");
    // The buckets refill while the requests run (one address: one a 6 s; one network: one a
    // second), so a slow database lets a few more through: the bounds allow for that time.
    let started = std::time::Instant::now();
    let mut accepted = 0;
    let mut slowed = None;
    for i in 0..30 {
        let email = format!("person{i}@example.org");
        let r = anon
            .post_with(
                &path,
                &form("P", "RS", &email),
                ("x-forwarded-for", "192.0.2.7"),
            )
            .await;
        match r.status {
            303 => accepted += 1,
            429 => slowed = Some(r),
            s => panic!("{s}: {}", r.body),
        }
    }
    let refilled = |per_minute: u64| started.elapsed().as_millis() as u64 * per_minute / 60_000;
    let most = 10 + refilled(10);
    assert!(
        (10..=most).contains(&accepted),
        "ten from one address, then 429: {accepted} accepted, at most {most}"
    );
    let r = slowed.expect("a 429");
    let wait: u64 = r.headers["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(wait >= 1);
    assert!(r.body.contains("<h1"), "a page, not a bare status");
    // Others in the same /24 share the network's 60 a minute.
    let before = accepted;
    let mut net_ok = 0;
    for i in 0..80 {
        let email = format!("other{i}@example.org");
        let ip = format!("192.0.2.{}", 10 + i);
        let r = anon
            .post_with(&path, &form("P", "RS", &email), ("x-forwarded-for", &ip))
            .await;
        if r.status == 303 {
            net_ok += 1;
        } else {
            assert_eq!(r.status, 429);
        }
    }
    let least = 60u64.saturating_sub(before);
    let most = least + refilled(60) + 1;
    assert!(
        (least..=most).contains(&net_ok),
        "the network's 60 less the first address's {before}: {net_ok} accepted, at most {most}"
    );
    // An IPv6 /64 is one network; another network is not held up.
    let r = anon
        .post_with(
            &path,
            &form("P", "RS", "v6@example.org"),
            ("x-forwarded-for", "2001:db8:9::1"),
        )
        .await;
    assert_eq!(r.status, 303);
    let r = anon
        .post_with(
            &path,
            &form("P", "RS", "far@example.org"),
            ("x-forwarded-for", "198.51.100.1"),
        )
        .await;
    assert_eq!(r.status, 303);
    // Nothing but keyed hashes of networks is stored.
    let ips = sqlx_count(
        &app,
        "SELECT COUNT(*) FROM endorsements WHERE client_key LIKE '%192.0.2%' OR client_key LIKE '%2001%'",
    )
    .await;
    assert_eq!(ips, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unconfirmed_endorsements_are_forgotten_after_7_days() {
    let app = TestApp::start().await;
    let id = fixture(&app).await;
    let anon = app.client_in_process();
    let path = format!("/en/campaigns/{id}/endorse");
    let mut links = Vec::new();
    for email in [
        "old.kept@example.org",
        "old.unconfirmed@example.org",
        "recent@example.org",
    ] {
        assert_eq!(anon.post(&path, &form("P", "HR", email)).await.status, 303);
        links.push(link_path(&app.last_mail()));
    }
    assert_eq!(anon.post(&links[0], &[]).await.status, 303);
    // The first two were made 8 days ago, the third 6 days ago.
    let day: i64 = 86_400;
    let ages = [8 * day, 8 * day, 6 * day];
    for (link, age) in links.iter().zip(ages) {
        let token = link.rsplit('/').next().expect("token");
        let hash = spona_store::token_hash(token);
        let sql = "UPDATE endorsements SET created_at = created_at - $1, token_at = token_at - $1 WHERE token_hash = $2";
        match &app.db {
            spona_store::Db::Sqlite(p) => sqlx::query(sql)
                .bind(age)
                .bind(&hash)
                .execute(p)
                .await
                .map(|_| ()),
            spona_store::Db::Postgres(p) => sqlx::query(sql)
                .bind(age)
                .bind(&hash)
                .execute(p)
                .await
                .map(|_| ()),
        }
        .expect("age");
    }
    // An expired link says so, and confirms nothing.
    let expired = anon.post(&links[1], &[]).await;
    assert_eq!(expired.status, 400);
    assert!(expired.body.contains("expired"), "{}", expired.body);
    let n = spona_app::endorsements::purge_unconfirmed(&app.db, spona_store::now())
        .await
        .expect("purge");
    assert_eq!(n, 1, "only the unconfirmed one older than 7 days");
    assert_eq!(rows(&app).await, 2);
    let gone = anon.get(&links[1]).await;
    assert_eq!(gone.status, 400);
    assert!(gone.body.contains("not valid"));
    assert_eq!(
        anon.post(&links[2], &[]).await.status,
        303,
        "6 days: still valid"
    );
    assert_eq!(counts(&anon, &id).await, (2, vec![("HR".into(), 2)]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_its_field_and_saves_nothing() {
    let app = TestApp::start().await;
    let id = fixture(&app).await;
    let anon = app.client_in_process();
    let path = format!("/en/campaigns/{id}/endorse");
    for (fields, field, text) in [
        (
            form("Ana", "RS", "not-an-address"),
            "email",
            "Enter a valid e-mail address",
        ),
        (
            form("Ana", "RS", "ana@mailinator.com"),
            "email",
            "throw-away mail",
        ),
        (
            form("Ana", "RS", "ana@sub.yopmail.com"),
            "email",
            "throw-away mail",
        ),
        (form("", "RS", "ana@example.org"), "name", "Enter your name"),
        (
            form("Ana", "ZZ", "ana@example.org"),
            "country",
            "Choose your country",
        ),
    ] {
        let r = anon.post(&path, &fields).await;
        assert_eq!(r.status, 422, "{field}");
        assert!(r.body.contains(text), "{field}: {}", r.body);
        assert!(
            r.body.contains(&format!("id=\"{field}-error\"")),
            "{field}: the message is at its field"
        );
    }
    assert_eq!(rows(&app).await, 0);
    assert_eq!(app.mail_count(), 0);
    // A closed campaign refuses, and a campaign that does not exist is 404.
    let sql = "UPDATE endorsement_campaigns SET closes_at = 1";
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .expect("close");
    // A write made around the store (as another process would): the pages' cache keeps
    // what it read for up to a second, or until this process writes a campaign.
    spona_store::endorsements::changed();
    let r = anon
        .post(&path, &form("Ana", "RS", "ana@example.org"))
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("does not accept endorsements"));
    assert!(
        !anon
            .get(&format!("/en/campaigns/{id}"))
            .await
            .body
            .contains("name=\"email\"")
    );
    let r = anon
        .post(
            "/en/campaigns/no-such-campaign/endorse",
            &form("Ana", "RS", "ana@example.org"),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(rows(&app).await, 0);
}
