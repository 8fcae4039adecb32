//! The services catalogue's pages (issue 19): the public list searches published services
//! only (across scripts) with its filters, a service's page shows its texts in the reader's
//! language and its draft only to its organisation's admins, a case worker gets the
//! referral link, and the admins publish, close and give free places — bad input refused
//! with 422 and a message, nothing saved.

use spona_domain::ids::OrgId;
use spona_domain::service::{ServiceDraft, ServiceStatus};

use crate::harness::*;

async fn org(app: &TestApp, slug: &str) -> OrgId {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
}

/// ASTRA's published shelter (12 places) and its draft hotline, made once per app
/// (the authorisation matrix uses them too).
pub async fn fixture(app: &TestApp) -> (String, String) {
    let astra = org(app, "astra").await;
    let mine = spona_store::services::list_for_org(&app.db, astra.as_str())
        .await
        .expect("list");
    let find = |st: ServiceStatus| {
        mine.iter()
            .find(|s| s.status == st)
            .map(|s| s.id.to_string())
    };
    if let (Some(p), Some(d)) = (find(ServiceStatus::Published), find(ServiceStatus::Draft)) {
        return (p, d);
    }
    let published = spona_app::services::seed(
        &app.db,
        &astra,
        &crate::services::full_draft("Safe House Belgrade"),
        ServiceStatus::Published,
        None,
    )
    .await
    .expect("published");
    let draft = spona_app::services::seed(
        &app.db,
        &astra,
        &ServiceDraft::simple("hotline", "en", "Night Line Draft", "Not public yet."),
        ServiceStatus::Draft,
        None,
    )
    .await
    .expect("draft");
    (published.to_string(), draft.to_string())
}

#[tokio::test]
async fn the_catalogue_lists_and_filters_published_services_only() {
    let app = TestApp::start().await;
    let (published, draft) = fixture(&app).await;
    let anon = app.client_in_process();

    let list = anon.get("/en/services").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("Safe House Belgrade"), "{}", list.body);
    assert!(!list.body.contains("Night Line Draft"), "a draft is listed");
    assert!(list.body.contains("href=\"/leave\""), "no quick exit");
    assert!(
        list.body.contains("/en/services\">Services</a>"),
        "no nav link"
    );

    // The cross-script search: Latin words find the Cyrillic name, and back.
    let cyr = anon.get("/en/services?q=sigurna").await;
    assert!(
        cyr.body.contains(&format!("/en/services/{published}")),
        "{}",
        cyr.body
    );
    let lat = anon
        .get("/en/services?q=%D0%91%D0%B5%D0%BB%D0%B3%D1%80%D0%B0%D0%B4%D0%B5")
        .await;
    assert!(
        lat.body.contains(&format!("/en/services/{published}")),
        "Cyrillic search: {}",
        lat.body
    );
    let none = anon.get("/en/services?q=night+line").await;
    assert!(!none.body.contains(&format!("/en/services/{draft}")));

    // Filters: kind, country, language, available places.
    let kind = anon.get("/en/services?kind=shelter").await;
    assert!(kind.body.contains("Safe House Belgrade"));
    let other = anon.get("/en/services?kind=hotline").await;
    assert!(!other.body.contains("Safe House Belgrade"));
    let country = anon.get("/en/services?country=UA").await;
    assert!(!country.body.contains("Safe House Belgrade"));
    let country = anon.get("/en/services?country=RS").await;
    assert!(country.body.contains("Safe House Belgrade"));
    let lang = anon.get("/en/services?language=sq").await;
    assert!(lang.body.contains("Safe House Belgrade"));
    let lang = anon.get("/en/services?language=uk").await;
    assert!(!lang.body.contains("Safe House Belgrade"));

    // Full (no place free): not "available"; with places free, it is.
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = admin
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "0")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let avail = anon.get("/en/services?available=yes").await;
    assert!(
        !avail.body.contains("Safe House Belgrade"),
        "a full service is available"
    );
    let r = admin
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "3")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let avail = anon.get("/en/services?available=yes").await;
    assert!(avail.body.contains("Safe House Belgrade"), "{}", avail.body);
    assert!(avail.body.contains("3 places free of 12"), "{}", avail.body);

    // Nonsense filters are ignored, not errors.
    let odd = anon.get("/en/services?kind=nope&page=-4&country=ZZ").await;
    assert_eq!(odd.status, 200);
}

#[tokio::test]
async fn a_service_page_shows_its_details_and_drafts_only_to_its_admins() {
    let app = TestApp::start().await;
    let (published, draft) = fixture(&app).await;
    let anon = app.client_in_process();

    let en = anon.get(&format!("/en/services/{published}")).await;
    assert_eq!(en.status, 200, "{}", en.body);
    for want in [
        "Safe House Belgrade",
        "Safe accommodation for women and children",
        "Shelter",
        "By referral only",
        "Women and girls",
        "Refugees",
        "Monday 09:00–17:00",
        "Mitrovica (Kosovo)",
        "Novi Sad",
        "+381 11 000 000",
        "shelter@atina.example.org",
        "Free of charge",
        "href=\"/leave\"",
    ] {
        assert!(en.body.contains(want), "missing {want}: {}", en.body);
    }
    assert!(
        !en.body.contains("/places\""),
        "anonymous sees the places form"
    );
    assert!(
        !en.body.contains("/referrals/new"),
        "anonymous sees the referral link"
    );

    // The reader's language: the Serbian text in Serbian, English where none.
    let sr = anon.get(&format!("/sr-Cyrl/services/{published}")).await;
    assert!(sr.body.contains("Сигурна кућа"), "{}", sr.body);
    assert!(sr.body.contains("понедељак 09:00–17:00"));
    let uk = anon.get(&format!("/uk/services/{published}")).await;
    assert!(uk.body.contains("Safe House Belgrade"));

    // A draft: 404 to everyone but its organisation's admins and the platform's.
    assert_eq!(anon.get(&format!("/en/services/{draft}")).await.status, 404);
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(
        member.get(&format!("/en/services/{draft}")).await.status,
        404
    );
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(
        other.get(&format!("/en/services/{draft}")).await.status,
        404
    );
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let d = admin.get(&format!("/en/services/{draft}")).await;
    assert_eq!(d.status, 200);
    assert!(d.body.contains("Draft, not public"));
    assert!(d.body.contains("value=\"published\""));
    assert_eq!(anon.get("/en/services/no-such-service").await.status, 404);
}

#[tokio::test]
async fn a_case_worker_gets_the_referral_link() {
    let app = TestApp::start().await;
    let w = crate::referrals::world(&app).await;
    let worker = app
        .signed_in_in_process(crate::referrals::ATINA_WORKER)
        .await;
    let page = worker.get(&format!("/en/services/{}", w.shelter)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(&format!("/en/referrals/new?service={}", w.shelter)),
        "{}",
        page.body
    );
    // Not to a full service, nor for someone who is no case worker.
    let full = worker.get(&format!("/en/services/{}", w.full)).await;
    assert!(!full.body.contains("/referrals/new"));
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let page = member.get(&format!("/en/services/{}", w.shelter)).await;
    assert!(!page.body.contains("/referrals/new"));
}

#[tokio::test]
async fn admins_publish_close_and_give_free_places() {
    let app = TestApp::start().await;
    let (published, draft) = fixture(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let anon = app.client_in_process();

    let r = admin
        .post(
            &format!("/en/services/{draft}/status"),
            &[("status", "published")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("/en/services/{draft}"));
    assert_eq!(admin.get(&r.location()).await.status, 200);
    assert_eq!(anon.get(&format!("/en/services/{draft}")).await.status, 200);
    assert_eq!(app.audit_count("service.published").await, 1);

    let r = admin
        .post(
            &format!("/en/services/{draft}/status"),
            &[("status", "closed")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(anon.get(&format!("/en/services/{draft}")).await.status, 404);
    let r = admin
        .post(
            &format!("/en/services/{draft}/status"),
            &[("status", "nonsense")],
        )
        .await;
    assert_eq!(r.status, 400);

    // Free places: more than in all is refused with the message, nothing saved.
    let r = admin
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "13")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body
            .contains("There cannot be more free places than places in all."),
        "{}",
        r.body
    );
    assert!(r.body.contains("aria-invalid=\"true\""));
    let r = admin
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "many")],
        )
        .await;
    assert_eq!(r.status, 422);
    let s = spona_store::services::get(&app.db, &published)
        .await
        .expect("db")
        .expect("s");
    assert_eq!(s.capacity.free, None, "a refused count was saved");

    let r = admin
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "5")],
        )
        .await;
    assert_eq!(r.status, 303);
    let page = anon.get(&format!("/en/services/{published}")).await;
    assert!(page.body.contains("5 places free of 12"), "{}", page.body);
    assert!(page.body.contains("as of "));

    // Another organisation's admin: 403, nothing changed.
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = other
        .post(
            &format!("/en/services/{published}/places"),
            &[("free", "0")],
        )
        .await;
    assert_eq!(r.status, 403);
    let s = spona_store::services::get(&app.db, &published)
        .await
        .expect("db")
        .expect("s");
    assert_eq!(s.capacity.free, Some(5));
}
