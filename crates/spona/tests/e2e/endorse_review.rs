//! Endorsement campaigns, the coordinators' side (issue 22 item 3): the review by domain
//! and by day never shows an address; a filter (a domain, a time window) is previewed, then
//! invalidated in one POST, audited, with the counters moved in the same transaction (and
//! equal to a count by hand); only the campaign's coordinators reach it. A campaign's page
//! runs the same statements with 40 or 4,000 confirmed endorsements (it reads counters,
//! never counts rows), and a coordinator opens a campaign through its form.

use spona_store::endorsements::{self as store, Seed};

use super::endorse::{counts, fixture, sqlx_count};
use crate::harness::queries;
use crate::harness::*;

/// Adds `n` confirmed endorsements at `domain` from `country`, made from `at` a minute
/// apart.
async fn seed(app: &TestApp, id: &str, domain: &str, country: &str, n: usize, at: i64) {
    let addresses: Vec<String> = (0..n)
        .map(|i| format!("seed{i}.{country}.{at}@{domain}"))
        .collect();
    let keys = spona_app::endorsements::address_keys(&app.db, &addresses)
        .await
        .expect("keys");
    let rows: Vec<Seed> = keys
        .into_iter()
        .enumerate()
        .map(|(i, key)| Seed {
            name: format!("Person {i}"),
            country: country.into(),
            organisation: None,
            address_key: key,
            domain: domain.into(),
            at: at + 60 * i as i64,
        })
        .collect();
    let mut tx = app.db.begin().await.expect("tx");
    store::seed_confirmed_in(&mut tx, id, &rows)
        .await
        .expect("seed");
    tx.commit().await.expect("commit");
}

/// The counters against a count of the rows by hand.
async fn assert_counters_hold(app: &TestApp, id: &str) {
    let anon = app.client_in_process();
    let (total, per_country) = counts(&anon, id).await;
    let by_hand = sqlx_count(
        app,
        "SELECT COUNT(*) FROM endorsements WHERE confirmed_at IS NOT NULL AND invalidated_at IS NULL",
    )
    .await;
    assert_eq!(total, by_hand);
    assert_eq!(per_country.iter().map(|(_, n)| n).sum::<i64>(), by_hand);
}

fn utc_minute(t: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t).expect("time");
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinators_invalidate_in_bulk_by_domain_and_by_time_window() {
    let app = TestApp::start().await;
    let id = fixture(&app).await;
    let t0 = spona_store::now() - 3 * 86_400;
    seed(&app, &id, "bot.example", "RS", 5, t0).await;
    seed(&app, &id, "good.example", "BA", 4, t0 + 86_400).await;
    // One unconfirmed at the bot's domain, through the form.
    let anon = app.client_in_process();
    let r = anon
        .post(
            &format!("/en/campaigns/{id}/endorse"),
            &[
                ("name", "Bot"),
                ("country", "RS"),
                ("email", "bot99@bot.example"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        counts(&anon, &id).await,
        (9, vec![("RS".into(), 5), ("BA".into(), 4)])
    );

    // Only the coordinators reach the review; it shows domains, never an address.
    let page = format!("/en/campaigns/{id}/review");
    for who in [ASTRA_ADMIN, ASTRA_MEMBER, ZMINA_ADMIN] {
        let c = app.signed_in_in_process(who).await;
        assert_eq!(c.get(&page).await.status, 404, "{who}");
        let r = c
            .post(&format!("{page}/invalidate"), &[("domain", "bot.example")])
            .await;
        assert_eq!(r.status, 404, "{who}");
    }
    let coord = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = coord.get(&page).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("bot.example") && r.body.contains("good.example"));
    assert!(!r.body.contains("@bot.example"), "no address is shown");
    assert!(!r.body.contains("seed0"), "no address is shown");

    // Preview, then one POST.
    let r = coord.get(&format!("{page}?domain=bot.example")).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("This selects 5 confirmed and 1 unconfirmed endorsements"),
        "{}",
        r.body
    );
    assert_eq!(r.body.matches("/review/invalidate").count(), 1);
    let done = coord
        .post(&format!("{page}/invalidate"), &[("domain", "bot.example")])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(
        done.location().ends_with("/review?done=6"),
        "{}",
        done.location()
    );
    assert!(
        coord
            .get(&done.location())
            .await
            .body
            .contains("6 endorsements invalidated")
    );
    assert_eq!(counts(&anon, &id).await, (4, vec![("BA".into(), 4)]));
    assert_eq!(app.audit_count("endorsements.invalidated").await, 1);
    assert_counters_hold(&app, &id).await;
    // Invalidated ones are not selected again.
    let r = coord.get(&format!("{page}?domain=bot.example")).await;
    assert!(
        r.body
            .contains("This selects 0 confirmed and 0 unconfirmed")
    );

    // A time window: the first two of good.example's (a minute apart from t0 + 1 day).
    let from = utc_minute(t0 + 86_400);
    let to = utc_minute(t0 + 86_400 + 120);
    let r = coord.get(&format!("{page}?from={from}&to={to}")).await;
    assert!(r.body.contains("This selects 2 confirmed"), "{}", r.body);
    let done = coord
        .post(
            &format!("{page}/invalidate"),
            &[("from", from.as_str()), ("to", to.as_str()), ("domain", "")],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(counts(&anon, &id).await, (2, vec![("BA".into(), 2)]));
    assert_counters_hold(&app, &id).await;

    // Bad filters: none at all, a window ending before it starts, a time that is no time.
    for (fields, text) in [
        (vec![("domain", "")], "Give a time window or a domain"),
        (
            vec![("from", to.as_str()), ("to", from.as_str())],
            "must be after its start",
        ),
        (vec![("from", "yesterday")], "Enter a date and time"),
    ] {
        let r = coord.post(&format!("{page}/invalidate"), &fields).await;
        assert_eq!(r.status, 422, "{fields:?}");
        assert!(r.body.contains(text), "{fields:?}");
    }
    assert_eq!(app.audit_count("endorsements.invalidated").await, 2);
    assert_eq!(counts(&anon, &id).await.0, 2);
    // An invalidated person's link says so.
    let link = super::endorse::link_path(&app.last_mail());
    let r = anon.get(&link).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("invalidated by the campaign"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_page_reads_counters_not_rows() {
    let app = TestApp::start().await;
    let id = fixture(&app).await;
    let c = app.client_in_process();
    let path = format!("/en/campaigns/{id}");
    let t0 = spona_store::now() - 86_400;
    seed(&app, &id, "a.example", "RS", 40, t0).await;
    assert_eq!(c.get(&path).await.status, 200, "warm-up");
    // Within a second of the last read, and with no write in between, the page reads no
    // statement at all: it comes from the pages' cache.
    let (r, cached) = queries::statements(c.get(&path)).await;
    assert_eq!(r.status, 200);
    assert_eq!(cached, Vec::<String>::new(), "served from the cache");
    // After a write (seeding moves the counters), it reads the counters again.
    spona_store::endorsements::changed();
    let (r, few) = queries::statements(c.get(&path)).await;
    assert_eq!(r.status, 200);
    assert!(!few.is_empty());
    for (i, country) in ["AL", "BA", "HR", "XK", "ME", "MK", "RS", "SI"]
        .iter()
        .enumerate()
    {
        seed(&app, &id, "b.example", country, 500, t0 + i as i64).await;
    }
    let (r, many) = queries::statements(c.get(&path)).await;
    assert!(
        r.body.contains("4,040") || r.body.contains("4040"),
        "total shown"
    );
    assert_eq!(
        few, many,
        "the same statements with 40 and 4,040 endorsements"
    );
    let (_, api) = queries::statements(c.get(&format!("/api/v1/campaigns/{id}"))).await;
    assert!(api.len() <= many.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_opens_a_campaign_through_its_form() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ATINA_ADMIN).await;
    let form = coord.get("/en/campaigns/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("network:bridge"));
    // Nothing written: 422 naming the fields, nothing saved.
    let r = coord
        .post(
            "/en/campaigns/new",
            &[("owner", "network:bridge"), ("opens_on", "2026-13-01")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"title-error\"") && r.body.contains("id=\"opens_on-error\""));
    assert!(store::list(&app.db).await.expect("list").is_empty());
    // Another organisation's network is refused.
    let r = coord
        .post(
            "/en/campaigns/new",
            &[
                ("owner", "network:wps-1325"),
                ("opens_on", "2026-03-08"),
                ("title_en", "T"),
                ("statement_en", "S"),
            ],
        )
        .await;
    assert!(r.status == 403 || r.status == 422, "{}", r.status);
    let r = coord
        .post(
            "/en/campaigns/new",
            &[
                ("owner", "network:bridge"),
                ("opens_on", "2026-03-08"),
                ("title_en", "Safe houses for every survivor"),
                ("statement_en", "We ask every municipality to fund one."),
                ("title_uk", "Притулки для кожної постраждалої"),
                (
                    "statement_uk",
                    "Ми просимо кожну громаду профінансувати один.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = coord.get(&r.location()).await;
    assert!(page.body.contains("Safe houses for every survivor"));
    let uk = coord.get(&r.location().replacen("/en/", "/uk/", 1)).await;
    assert!(uk.body.contains("Притулки для кожної постраждалої"));
    assert_eq!(app.audit_count("endorsements.campaign_opened").await, 1);
    assert!(page.body.contains("Review endorsements"));
}
