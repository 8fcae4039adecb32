//! What people hit on their first day (issue 13): forms offering what they should, pages
//! after a form post that survive a reload and a language switch, a home for the signed-in
//! person, and notices of what concerns them.

use crate::harness::*;

/// The `value`s of the options of the `<select>` whose id is `id`.
fn select_options(html: &str, id: &str) -> Vec<String> {
    let start = html
        .find(&format!("<select id=\"{id}\""))
        .unwrap_or_else(|| panic!("no select #{id}"));
    let end = html[start..].find("</select>").expect("end of select") + start;
    html[start..end]
        .split("<option value=\"")
        .skip(1)
        .map(|o| o[..o.find('"').expect("quote")].to_owned())
        .collect()
}

/// Item 1: the resource form's "Kind" listed countries, so no save could succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_forms_offer_the_resource_kinds() {
    let app = TestApp::start().await;
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    let mut kinds: Vec<String> = spona_domain::resource::RESOURCE_KINDS
        .codes
        .iter()
        .map(|c| c.to_string())
        .collect();
    kinds.sort();
    for locale in ["en", "sr-Latn", "sr-Cyrl", "uk"] {
        let page = c.get(&format!("/{locale}/resources/new")).await;
        assert_eq!(page.status, 200);
        let mut offered: Vec<String> = select_options(&page.body, "kind")
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect();
        offered.sort();
        assert_eq!(offered, kinds, "{locale}: the kinds offered");
    }
    // Every kind offered is accepted.
    for kind in spona_domain::resource::RESOURCE_KINDS.codes {
        let r = c
            .post(
                "/en/resources/new",
                &[
                    ("owner", "astra"),
                    ("kind", kind),
                    ("visibility", "members"),
                    ("review_due", "2099-01-01"),
                    ("written", "en"),
                    ("title", &format!("A {kind}")),
                    ("body", "Text"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{kind}: {}", r.body);
        let id = r.location().rsplit('/').next().expect("id").to_owned();
        let details = c.get(&format!("/en/resources/{id}/details")).await;
        assert_eq!(details.status, 200);
        let offered = select_options(&details.body, "kind");
        assert!(
            offered.iter().any(|k| k == kind),
            "{kind} offered on details"
        );
        assert!(
            details
                .body
                .contains(&format!("<option value=\"{kind}\" selected")),
            "{kind} is the selected kind on the details form"
        );
    }
}

/// Item 4: an error or result page shown at a POST-only address must survive a reload and a
/// language switch: a GET there leads to the page that holds the form, in the chosen
/// language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_addresses_answer_get_in_every_language() {
    let app = TestApp::start().await;
    let routes: Vec<(String, String)> = app
        .routes
        .0
        .iter()
        .map(|r| (r.method.as_str().to_owned(), r.path.to_owned()))
        .collect();
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    let mut checked = 0;
    for (method, path) in &routes {
        // The JSON API and the federation inbox are spoken to by programs, not people.
        if method != "POST" || path.starts_with("/api/") || path == "/federation/inbox" {
            continue;
        }
        assert!(
            routes.iter().any(|(m, p)| m == "GET" && p == path),
            "POST {path} has no GET at the same address"
        );
        // Any parameter value will do: the GET only leads back to the form.
        let concrete: String = path
            .split('/')
            .map(|s| {
                if s.starts_with('{') {
                    "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for locale in ["uk", "sr-Latn"] {
            let r = c.get(&format!("/{locale}{concrete}")).await;
            assert!(
                r.status != 405 && r.status < 500,
                "GET /{locale}{concrete}: {} {}",
                r.status,
                r.body
            );
            if r.status == 303 {
                let to = r.location();
                assert!(
                    to.starts_with(&format!("/{locale}/")) && to != format!("/{locale}{concrete}"),
                    "GET /{locale}{concrete} leads to {to}"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} POST-only addresses checked");
}

/// Item 4: a method an address does not serve is a page in the reader's language, not an
/// empty 405.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_method_not_served_is_a_page_in_the_readers_language() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    let r = c.post("/uk/orgs/astra", &[]).await;
    assert_eq!(r.status, 405);
    assert!(r.body.contains("<html lang=\"uk\">"), "{}", r.body);
    assert!(
        r.body.contains("Ця адреса не приймає такий тип запиту"),
        "{}",
        r.body
    );
}

/// Item 4 on a real form: the opt-in form with errors is shown at its POST address; that
/// address answers GET in another language with the round's page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_with_errors_survives_a_language_switch() {
    let app = TestApp::start().await;
    let id = spona_store::matching::rounds(&app.db).await.expect("db")[0]
        .id
        .clone();
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = c
        .post(
            &format!("/en/matching/{id}/opt-in"),
            &[("org", "astra"), ("capacity", "99")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let switch = format!("/uk/matching/{id}/opt-in");
    assert!(
        r.body.contains(&format!("href=\"{switch}\"")),
        "the language link"
    );
    let r = c.get(&switch).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/uk/matching/{id}"));
    let page = c.get(&r.location()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html lang=\"uk\">"));
}

/// Item 5: visitors learn what Spona offers and how to join; a signed-in person gets their
/// own home.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_pages_for_visitors_and_members() {
    let app = TestApp::start().await;
    let visitor = app.client_in_process().get("/en/").await.body;
    assert!(visitor.contains("What Spona offers") && visitor.contains("How to join"));
    let jelena = app.signed_in_in_process(ASTRA_ADMIN).await;
    let home = jelena.get("/en/").await.body;
    assert!(home.contains("Your organisations"), "{home}");
    assert!(home.contains("href=\"/en/orgs/astra\""), "my organisation");
    assert!(home.contains("My organisation"), "the navigation links it");
    assert!(!home.contains("How to join"));
    let uk = jelena.get("/uk/").await.body;
    assert!(uk.contains("Ваші організації"));
}

async fn opt_in(app: &TestApp, who: &str, round: &str, fields: &[(&str, &str)]) {
    let c = app.signed_in_in_process(who).await;
    let r = c
        .post(&format!("/en/matching/{round}/opt-in"), fields)
        .await;
    assert_eq!(r.status, 303, "{who}: {}", r.body);
}

/// Item 6: publishing, a partner's acceptance and a check-in reach the people concerned, by
/// mail and on their home page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_are_told_what_concerns_them() {
    let app = TestApp::start().await;
    let id = spona_store::matching::rounds(&app.db).await.expect("db")[0]
        .id
        .clone();
    let path = format!("/en/matching/{id}");
    opt_in(
        &app,
        ATINA_ADMIN,
        &id,
        &[
            ("org", "atina"),
            ("offers", "safe-houses"),
            ("languages", "sr"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    opt_in(
        &app,
        ZMINA_ADMIN,
        &id,
        &[
            ("org", "zmina"),
            ("needs", "safe-houses"),
            ("languages", "en"),
            ("capacity", "1"),
        ],
    )
    .await;
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(admin.post(&format!("{path}/run"), &[]).await.status, 303);
    let mails = app.mail_count();
    assert_eq!(
        admin.post(&format!("{path}/publish"), &[]).await.status,
        303
    );
    assert_eq!(app.mail_count(), mails + 2, "one mail to each side's admin");
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let atina = app.signed_in_in_process(ATINA_ADMIN).await;
    let home = zmina.get("/en/").await.body;
    assert!(home.contains("are published: please answer them"), "{home}");
    assert!(home.contains("Proposals to answer"), "{home}");
    let round_title = spona_store::matching::round(&app.db, &id)
        .await
        .expect("round")
        .title;
    assert!(app.last_mail().contains(&round_title));

    let proposal = spona_store::matching::proposals(&app.db, &id)
        .await
        .expect("db")[0]
        .id
        .clone();
    let answer = format!("{path}/proposals/{proposal}/answer");
    let mails = app.mail_count();
    assert_eq!(
        atina.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    assert_eq!(app.mail_count(), mails + 1, "the other side is told");
    assert!(
        app.last_mail()
            .contains("accepted the proposal to work with you")
    );
    assert!(
        zmina
            .get("/en/")
            .await
            .body
            .contains("accepted the proposal to work with you")
    );
    assert_eq!(
        zmina.post(&answer, &[("answer", "accept")]).await.status,
        303
    );
    let home = atina.get("/en/").await.body;
    assert!(home.contains("Your pairs"), "{home}");

    let today = spona_web::http::view::format_date(spona_domain::Locale::En, spona_store::now());
    let mails = app.mail_count();
    let r = zmina
        .post(
            &format!("{path}/pairs/{proposal}/check-ins"),
            &[("date", &today), ("note", "First call")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(app.mail_count() > mails, "Atina's people are told");
    assert!(app.last_mail().contains("wrote a check-in on your pair"));
    let home = atina.get("/uk/").await.body;
    let at = home
        .find("додає звіт про зустріч вашої пари")
        .unwrap_or_else(|| panic!("the check-in notice: {home}"));
    // The notice names the partner in the reader's language (the stored notice keeps the
    // name as registered, and the organisation's id).
    let named: String = home[..at]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(named.contains("Центр прав людини ZMINA"), "{named}");
}

/// Item 6: emergency access to a vault case is told to its team, with no case text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_is_told_of_emergency_access() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let admin = app.signed_in_in_process(ADMIN).await;
    let mails = app.mail_count();
    let r = admin
        .post(
            &format!("/en/vault/cases/{case}/break-glass"),
            &[(
                "reason",
                "the lead is unreachable and the survivor is in danger",
            )],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.mail_count(), mails + 2, "the lead and the reviewer");
    let mail = app.last_mail();
    assert!(mail.contains("emergency access") && !mail.contains("Fixture case"));
    let lead = app.signed_in_in_process(ASTRA_ADMIN).await;
    assert!(lead.get("/en/").await.body.contains("emergency access"));
}

/// Withdrawn consent can be restored from the browser: the case lists the withheld item with
/// a link for those who record consent, and its page (still 403, nothing of the item shown)
/// holds the consent form with the record of the person's decision. A reviewer gets no form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawn_consent_can_be_restored_through_the_pages() {
    let app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in_in_process(ASTRA_ADMIN).await;
    let consent = format!("/en/vault/cases/{case}/items/{item}/consent");
    let r = lead
        .post(
            &consent,
            &[("action", "withdraw"), ("reason", "the person called")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = lead.get(&format!("/en/vault/cases/{case}")).await.body;
    assert!(
        page.contains(&format!(
            "/items/{item}\">Withheld: consent was withdrawn</a>"
        )),
        "the case links the withheld item: {page}"
    );
    let withheld = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(withheld.status, 403);
    assert!(
        withheld.body.contains("consent was withdrawn"),
        "{}",
        withheld.body
    );
    assert!(
        withheld.body.contains("id=\"decided_by\""),
        "the form to restore it"
    );
    assert!(
        !withheld.body.contains("narrative-secret-4471"),
        "nothing of the item"
    );
    assert!(
        !withheld.body.contains("Zlatokosa-77"),
        "not even its pseudonym"
    );
    let reviewer = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = reviewer
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(r.status, 403);
    assert!(
        !r.body.contains("id=\"decided_by\""),
        "a reviewer records no consent"
    );
}
