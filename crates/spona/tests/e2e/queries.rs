//! The number of SQL statements a page runs does not grow with the rows it shows: each page
//! is counted (sqlx's statement log, `harness::queries`) with the fixtures' few rows and
//! again after 20 more organisations (all administered by the reader), resources, and
//! participants of the round. Equal counts, or the test names the page that grew.
//!
//! `cargo test -p spona --test e2e queries:: -- --nocapture` prints the counts (the figures
//! the README's tables quote).

use spona_domain::matching::{OptInDraft, Side};
use spona_domain::org::{OrgDraft, Slug};
use spona_domain::resource::{ResourceDraft, VariantDraft};
use spona_domain::role::OrgRole;

use crate::harness::*;

/// The reader who administers every organisation the test adds.
const MANY: &str = "many@test.example";

/// Adds organisations `from..to`: each administered by [`MANY`], with a public resource, and
/// (every other one) opted in to `round` on its side (the others stay eligible to opt in).
async fn grow(app: &TestApp, round: &str, from: usize, to: usize) {
    let many = spona_store::users::find_by_email(&app.db, MANY)
        .await
        .expect("db")
        .expect("many");
    for i in from..to {
        let country = if i % 2 == 0 { "RS" } else { "UA" };
        let profile = OrgDraft {
            name: format!("Organisation number {i}"),
            country: country.into(),
            city: "Grad".into(),
            themes: vec!["legal-aid".into()],
            contact_visibility: "public".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        let slug = Slug::parse(&format!("org-{i}")).expect("slug");
        let org = spona_store::orgs::create(&app.db, &slug, &profile)
            .await
            .expect("org");
        spona_store::users::set_membership(&app.db, many.id.as_ref(), &org, OrgRole::Admin)
            .await
            .expect("admin");
        let meta = ResourceDraft {
            kind: "crisis-guideline".into(),
            themes: vec!["anti-trafficking".into()],
            countries: vec!["RS".into()],
            visibility: "public".into(),
            networks: vec![],
            review_due: "2099-01-01".into(),
        }
        .validate()
        .expect("resource");
        let text = VariantDraft {
            written: "en".into(),
            title: format!("Guide number {i}"),
            summary: String::new(),
            body: "Referral of victims between shelters.".into(),
            note: String::new(),
        }
        .validate(false)
        .expect("variant");
        spona_store::resources::create(&app.db, &org, &meta, &[], &text, many.id.as_ref())
            .await
            .expect("resource");
        trial_case(app, &org, i, many.id.as_ref()).await;
        if i % 4 >= 2 {
            let opt_in = OptInDraft {
                offers: vec!["digital-security".into()],
                needs: vec!["trauma-care".into()],
                languages: vec!["en".into()],
                capacity: "1".into(),
                ..Default::default()
            }
            .validate()
            .expect("opt-in");
            let side = if country == "UA" { Side::A } else { Side::B };
            spona_store::matching::opt_in(&app.db, round, &org, side, &opt_in, many.id.as_ref())
                .await
                .expect("opt in");
        }
    }
}

/// A trafficking case monitored by `org` with one adjourned hearing (lane montrial: the
/// trials' list pages show one row per case).
async fn trial_case(app: &TestApp, org: &str, i: usize, by: &str) {
    let id = spona_store::new_id();
    let case = spona_store::trials::Case {
        id: id.clone(),
        country: "RS".into(),
        court: "Higher Court in Belgrade".into(),
        case_number: format!("K-Po1 {i}/24"),
        defendants: 2,
        victims: 1,
        indicted_on: "2024-01-10".into(),
        created_by: Some(by.to_owned()),
        created_at: 1,
        updated_at: 1,
        charges: vec!["trafficking-human-beings".into()],
        orgs: vec![org.to_owned()],
    };
    let hearing = spona_store::trials::Hearing {
        id: spona_store::new_id(),
        case_id: id,
        at: 1_706_000_000,
        at_local: "2024-01-23T09:53".into(),
        zone: "Europe/Belgrade".into(),
        status: "adjourned".into(),
        reason: Some("defendant-absent".into()),
        note_sealed: None,
        created_by: Some(by.to_owned()),
        created_at: 1,
    };
    let mut tx = app.db.begin().await.expect("tx");
    spona_store::trials::create_case_in(&mut tx, &case, None)
        .await
        .expect("case");
    spona_store::trials::add_hearing_in(&mut tx, &hearing)
        .await
        .expect("hearing");
    tx.commit().await.expect("commit");
}

/// Statements per page, in order: each page asked once to warm up (the directory snapshot,
/// the search index's view of new rows), then counted.
async fn statements(pages: &[(&Client, String)]) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for (client, path) in pages {
        let warm = client.get(path).await;
        assert_eq!(warm.status, 200, "{path}: {}", warm.body);
        // The fewer of two counts: a reload started by another request (the directory
        // snapshot, the index catching up) is not this page's doing; a statement per row
        // shows in both.
        let mut fewest: Option<Vec<String>> = None;
        for _ in 0..2 {
            let (reply, n) = queries::statements(client.get(path)).await;
            assert_eq!(reply.status, 200, "{path}");
            if fewest.as_ref().is_none_or(|f| n.len() < f.len()) {
                fewest = Some(n);
            }
        }
        out.push((path.clone(), fewest.unwrap_or_default()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_per_page_do_not_grow_with_the_rows_shown() {
    let app = TestApp::start().await;
    app.add_person(MANY, "Many").await;
    let admin = app.signed_in_in_process(ADMIN).await;
    let round = open_round(&admin, NewRound::peer_exchange("Counting round")).await;
    grow(&app, &round, 0, 2).await;
    let resource = resource_id(&app.db, "Public referral guide").await;

    let anonymous = app.client_in_process();
    let many = app.signed_in_in_process(MANY).await;
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let mut pages: Vec<(&Client, String)> = Vec::new();
    for client in [&anonymous, &many] {
        for path in [
            "/en/",
            "/en/orgs",
            "/en/orgs?q=organisation",
            "/en/orgs?theme=legal-aid",
            "/en/orgs/astra",
            "/en/orgs/org-1",
            "/en/networks",
            "/api/v1/orgs",
            "/en/resources",
            "/en/resources?q=referral",
            "/en/resources/feed.atom",
            "/api/v1/resources",
            "/api/v1/resources?q=referral",
        ] {
            pages.push((client, path.to_owned()));
        }
        pages.push((client, format!("/en/resources/{resource}")));
    }
    pages.push((&many, format!("/en/matching/{round}")));
    pages.push((&astra, format!("/en/matching/{round}")));
    pages.push((&admin, format!("/en/matching/{round}")));
    pages.push((&admin, format!("/api/v1/matching/rounds/{round}")));
    pages.push((&admin, "/en/matching".to_owned()));
    // Trial monitoring's lists (lane montrial): a monitor's cases, the public findings.
    pages.push((&many, "/en/monitoring/trials".to_owned()));
    pages.push((&many, "/api/v1/trials".to_owned()));
    pages.push((&many, "/api/v1/trials/cases.csv".to_owned()));
    pages.push((&anonymous, "/en/monitoring/trials/findings".to_owned()));
    pages.push((&anonymous, "/api/v1/trials/findings".to_owned()));
    pages.push((&anonymous, "/api/v1/trials/findings.csv".to_owned()));

    let few = statements(&pages).await;
    grow(&app, &round, 2, 22).await;
    let many_rows = statements(&pages).await;
    let mut grew = Vec::new();
    for (((path, before), (_, after)), (client, _)) in few.iter().zip(&many_rows).zip(&pages) {
        let who = if std::ptr::eq(*client, &anonymous) {
            "anonymous"
        } else if std::ptr::eq(*client, &many) {
            "many"
        } else if std::ptr::eq(*client, &astra) {
            "astra"
        } else {
            "admin"
        };
        println!("{who:9} {path:48} {:3} {:3}", before.len(), after.len());
        if before.len() != after.len() {
            grew.push(format!(
                "{who} {path}: {} → {}\n  {}\n  →\n  {}",
                before.len(),
                after.len(),
                before.join("\n  "),
                after.join("\n  ")
            ));
        }
    }
    assert!(
        grew.is_empty(),
        "statements changed with the rows:\n{}",
        grew.join("\n")
    );
}
