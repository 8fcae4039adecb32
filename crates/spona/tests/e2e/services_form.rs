//! The service form (issue 19): an organisation's admin adds a service from the form (rows
//! of texts and hours added with a submit button, no script), it lands as a draft or
//! published with its audit entry, and edits it; bad input is shown again with 422, every
//! value kept and the message next to the field, nothing stored; outsiders get 403 or 404.
//! The organisation page lists its services (drafts for its own admins). The data package
//! comes as one zip that `frictionless validate` accepts once unpacked.

use spona_domain::ids::ServiceId;
use spona_domain::service::{ServiceDraft, ServiceStatus};

use crate::harness::*;

async fn astra_services(app: &TestApp) -> Vec<spona_store::services::Service> {
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("org");
    spona_store::services::list_for_org(&app.db, astra.id.as_str())
        .await
        .expect("list")
}

/// Every field of a full form, as a browser sends it (rows as repeated names).
fn full_form<'a>(name: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("org", "astra"),
        ("kind", "shelter"),
        ("text_lang", "en"),
        ("text_name", name),
        (
            "text_description",
            "Safe accommodation for women leaving violence.",
        ),
        ("text_eligibility", "Women over 18 and their children."),
        ("text_lang", "sr-Cyrl"),
        ("text_name", "Сигурна кућа Нови Сад"),
        ("text_description", "Безбедан смештај."),
        ("text_eligibility", ""),
        ("access", "referral"),
        ("genders", "female"),
        ("age_bands", "18-24"),
        ("age_bands", "25-39"),
        ("statuses", "refugee"),
        ("languages", "sr"),
        ("languages", "en"),
        ("area_countries", "RS"),
        ("area_municipalities", "XK: Mitrovica"),
        ("loc_name", "Office"),
        ("loc_address", "Ulica 1"),
        ("loc_city", "Novi Sad"),
        ("loc_country", "RS"),
        ("hour_day", "MO"),
        ("hour_opens", "09:00"),
        ("hour_closes", "12:00"),
        ("hour_day", "MO"),
        ("hour_opens", "13:00"),
        ("hour_closes", "17:00"),
        ("hour_day", ""),
        ("hour_opens", ""),
        ("hour_closes", ""),
        ("phone", "+381 21 000 000"),
        ("email", "shelter@astra.example.org"),
        ("url", "https://astra.example.org/shelter"),
        ("free", "yes"),
        ("cost", ""),
        ("capacity_total", "10"),
        ("referral_fields", "first-name"),
        ("referral_fields", "age-band"),
        ("action", action),
    ]
}

#[tokio::test]
async fn an_admin_adds_a_service_from_the_form_and_edits_it() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let anon = app.client_in_process();
    let before = astra_services(&app).await.len();

    let form = admin.get("/en/services/new?org=astra").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("<option value=\"astra\" selected>"));
    assert_eq!(form.body.matches("name=\"hour_day\"").count(), 3);
    assert!(form.body.contains("href=\"/leave\""), "no quick exit");

    // "Add a language" and "Add an opening" show the form again with one more row, the
    // values typed kept, and store nothing.
    let more = admin
        .post(
            "/en/services/new",
            &[
                ("org", "astra"),
                ("kind", "hotline"),
                ("text_lang", "en"),
                ("text_name", "Typed before adding"),
                ("add", "text"),
            ],
        )
        .await;
    assert_eq!(more.status, 200, "{}", more.body);
    assert_eq!(more.body.matches("name=\"text_lang\"").count(), 2);
    assert!(more.body.contains("value=\"Typed before adding\""));
    assert!(more.body.contains("<option value=\"hotline\" selected>"));
    let more = admin
        .post(
            "/en/services/new",
            &[
                ("org", "astra"),
                ("hour_day", "TU"),
                ("hour_opens", "08:00"),
                ("hour_closes", "10:00"),
                ("add", "hours"),
            ],
        )
        .await;
    assert_eq!(more.status, 200);
    assert!(more.body.contains("value=\"08:00\""));
    assert_eq!(more.body.matches("name=\"hour_day\"").count(), 4);
    assert_eq!(astra_services(&app).await.len(), before, "a row stored");

    let r = admin
        .post(
            "/en/services/new",
            &full_form("Safe House Novi Sad", "draft"),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r
        .location()
        .strip_prefix("/en/services/")
        .expect("to the service page")
        .to_owned();
    let s = spona_store::services::get(&app.db, &id)
        .await
        .expect("db")
        .expect("saved");
    assert_eq!(s.status, ServiceStatus::Draft);
    assert_eq!(s.kind, "shelter");
    assert_eq!(s.texts.len(), 2);
    let en = s.text(&["en"]);
    assert_eq!(en.eligibility, "Women over 18 and their children.");
    assert_eq!(s.hours.len(), 2);
    assert_eq!(s.locations[0].city, "Novi Sad");
    assert_eq!(s.areas.len(), 2, "{:?}", s.areas);
    assert_eq!(s.capacity.total, Some(10));
    assert_eq!(s.referral_fields.len(), 2);
    assert!(s.free);
    assert_eq!(app.audit_count("service.created").await, 1);

    let page = admin.get(&r.location()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Women over 18 and their children."));
    assert!(page.body.contains(&format!("/en/services/{id}/edit")));
    assert_eq!(
        anon.get(&r.location()).await.status,
        404,
        "a draft is public"
    );

    // The edit form holds the saved values; saving with "publish" publishes.
    let edit = admin.get(&format!("/en/services/{id}/edit")).await;
    assert_eq!(edit.status, 200, "{}", edit.body);
    assert!(edit.body.contains("value=\"Safe House Novi Sad\""));
    assert!(edit.body.contains("value=\"13:00\""));
    assert!(edit.body.contains("XK: Mitrovica"));
    assert!(
        edit.body
            .contains("name=\"genders\" value=\"female\" checked")
    );
    let mut changed = full_form("Safe House Novi Sad (renamed)", "publish");
    changed.retain(|(k, _)| *k != "org");
    let r = admin
        .post(&format!("/en/services/{id}/edit"), &changed)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("/en/services/{id}"));
    let s = spona_store::services::get(&app.db, &id)
        .await
        .expect("db")
        .expect("s");
    assert_eq!(s.status, ServiceStatus::Published);
    assert_eq!(s.name(&["en"]), "Safe House Novi Sad (renamed)");
    assert_eq!(app.audit_count("service.edited").await, 1);
    assert_eq!(app.audit_count("service.published").await, 1);
    let public = anon.get(&format!("/en/services/{id}")).await;
    assert_eq!(public.status, 200);
    assert!(!public.body.contains("/edit\""), "an edit link for anyone");
}

#[tokio::test]
async fn bad_input_is_shown_again_with_every_value_and_nothing_stored() {
    let app = TestApp::start().await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let before = astra_services(&app).await.len();

    let r = admin
        .post(
            "/en/services/new",
            &[
                ("org", "astra"),
                ("kind", "shelter"),
                ("text_lang", "en"),
                ("text_name", "Shelter kept"),
                ("hour_day", "MO"),
                ("hour_opens", "17:00"),
                ("hour_closes", "09:00"),
                ("hour_day", "TU"),
                ("hour_opens", "09:00"),
                ("hour_closes", "12:00"),
                ("hour_day", "TU"),
                ("hour_opens", "11:00"),
                ("hour_closes", "13:00"),
                ("email", "not-an-email"),
                ("capacity_total", "-3"),
                ("action", "draft"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    for message in [
        "An opening must end after it begins.",
        "Two openings on the same day overlap.",
        "Enter a valid e-mail address",
        "Places must be a whole number from 0 to 100000.",
    ] {
        assert!(r.body.contains(message), "{message}: {}", r.body);
    }
    // Each hours message sits in its own row: the first (end before start) and the third
    // (overlapping the second); the second row is fine.
    assert!(r.body.contains("id=\"hours-1-error\""));
    assert!(!r.body.contains("id=\"hours-2-error\""));
    assert!(r.body.contains("id=\"hours-3-error\""));
    assert!(r.body.contains("aria-describedby=\"email-error\""));
    for kept in [
        "value=\"Shelter kept\"",
        "value=\"17:00\"",
        "value=\"11:00\"",
        "value=\"not-an-email\"",
        "value=\"-3\"",
    ] {
        assert!(r.body.contains(kept), "{kept} lost");
    }
    assert_eq!(astra_services(&app).await.len(), before, "stored");
    assert_eq!(app.audit_count("service.created").await, 0);

    // No name at all.
    let r = admin
        .post(
            "/en/services/new",
            &[("org", "astra"), ("kind", "shelter"), ("text_lang", "en")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Give the service a name"), "{}", r.body);

    // Malformed forms: more rows than a form shows, an unknown row kind.
    let mut rows = vec![("org", "astra"), ("kind", "shelter")];
    rows.extend(std::iter::repeat_n(("hour_day", "MO"), 43));
    assert_eq!(admin.post("/en/services/new", &rows).await.status, 400);
    let r = admin
        .post(
            "/en/services/new",
            &[("org", "astra"), ("add", "everything")],
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(astra_services(&app).await.len(), before);

    // An edit with bad input leaves the service as it was.
    let (published, _) = crate::services_pages::fixture(&app).await;
    let r = admin
        .post(
            &format!("/en/services/{published}/edit"),
            &[
                ("kind", "no-such-kind"),
                ("text_lang", "en"),
                ("text_name", "Renamed"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("value=\"Renamed\""));
    let s = spona_store::services::get(&app.db, &published)
        .await
        .expect("db")
        .expect("s");
    assert_eq!(s.name(&["en"]), "Safe House Belgrade");
    assert_eq!(app.audit_count("service.edited").await, 0);
}

#[tokio::test]
async fn outsiders_get_403_or_404_and_change_nothing() {
    let app = TestApp::start().await;
    let (published, draft) = crate::services_pages::fixture(&app).await;
    let before = astra_services(&app).await.len();

    let anon = app.client_in_process();
    let r = anon.get("/en/services/new").await;
    assert_eq!(r.status, 303);
    assert!(r.location().contains("/signin"), "{}", r.location());

    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(member.get("/en/services/new").await.status, 403);
    assert_eq!(
        member
            .get(&format!("/en/services/{published}/edit"))
            .await
            .status,
        403
    );

    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    // ZMINA's admin may add ZMINA's services, not ASTRA's.
    let form = other.get("/en/services/new?org=astra").await;
    assert_eq!(form.status, 200);
    assert!(!form.body.contains("value=\"astra\""), "offered ASTRA");
    let r = other
        .post("/en/services/new", &full_form("Not theirs", "publish"))
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(astra_services(&app).await.len(), before);
    assert_eq!(
        other
            .get(&format!("/en/services/{published}/edit"))
            .await
            .status,
        403
    );
    assert_eq!(
        other
            .get(&format!("/en/services/{draft}/edit"))
            .await
            .status,
        404
    );
    let r = other
        .post(
            &format!("/en/services/{published}/edit"),
            &[
                ("kind", "hotline"),
                ("text_lang", "en"),
                ("text_name", "Hijacked"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = other
        .post(
            &format!("/en/services/{draft}/edit"),
            &[
                ("kind", "hotline"),
                ("text_lang", "en"),
                ("text_name", "Hijacked"),
            ],
        )
        .await;
    assert_eq!(r.status, 404);
    for id in [&published, &draft] {
        let s = spona_store::services::get(&app.db, id)
            .await
            .expect("db")
            .expect("s");
        assert_ne!(s.name(&["en"]), "Hijacked");
    }
    assert_eq!(app.audit_count("service.edited").await, 0);
}

#[tokio::test]
async fn the_organisation_page_lists_its_services() {
    let app = TestApp::start().await;
    let (published, draft) = crate::services_pages::fixture(&app).await;

    let anon = app.client_in_process().get("/en/orgs/astra").await;
    assert_eq!(anon.status, 200);
    assert!(
        anon.body.contains(&format!(
            "href=\"/en/services/{published}\">Safe House Belgrade</a>"
        )),
        "{}",
        anon.body
    );
    assert!(!anon.body.contains(&draft), "a draft listed to the public");
    assert!(!anon.body.contains("/en/services/new?org=astra"));

    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let page = admin.get("/en/orgs/astra").await;
    assert!(page.body.contains(&format!("/en/services/{draft}")));
    assert!(page.body.contains("Draft, not public"));
    assert!(page.body.contains("/en/services/new?org=astra"));

    // An organisation without services says so only to its admins.
    let zmina = app.client_in_process().get("/en/orgs/zmina").await;
    assert!(!zmina.body.contains("id=\"services-h\""));
}

/// Seeds `n` published services in one transaction per 500.
async fn seed_many(app: &TestApp, n: usize) {
    let org = spona_store::orgs::get_by_slug(&app.db, "atina")
        .await
        .expect("org")
        .id;
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..n {
        let v = ServiceDraft::simple("hotline", "en", &format!("Line, \"{i}\""), "Calls.")
            .validate()
            .expect("valid");
        spona_store::services::create_in(
            &mut tx,
            &ServiceId::from(spona_store::new_id()),
            &org,
            None,
            ServiceStatus::Published,
            &v,
            None,
        )
        .await
        .expect("create");
    }
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn the_data_package_zip_unpacks_and_passes_frictionless() {
    let app = TestApp::start().await;
    let atina = spona_store::orgs::get_by_slug(&app.db, "atina")
        .await
        .expect("org")
        .id;
    spona_app::services::seed(
        &app.db,
        &atina,
        &crate::services::full_draft("Shelter, \"zipped\""),
        ServiceStatus::Published,
        None,
    )
    .await
    .expect("seed");
    // More than one export batch (500), so every table crosses a batch boundary.
    seed_many(&app, 520).await;
    let c = app.client_in_process();
    let (status, body, headers) = c.bytes("/api/hsds/datapackage.zip").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/zip");
    assert!(body.starts_with(b"PK\x03\x04"), "not a zip");

    let dir = tempfile::tempdir().expect("tempdir");
    let zip = dir.path().join("package.zip");
    std::fs::write(&zip, &body).expect("write");
    let out_dir = dir.path().join("package");
    let out = std::process::Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(&zip)
        .arg(&out_dir)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let services = std::fs::read_to_string(out_dir.join("data/services.csv")).expect("csv");
    assert_eq!(
        services.lines().count(),
        1 + 521,
        "header and every service"
    );
    // The zip's tables are the CSV endpoints' tables, byte for byte.
    let (_, csv, _) = c.bytes("/api/hsds/data/services.csv").await;
    assert_eq!(services.as_bytes(), &csv[..]);
    let descriptor: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("datapackage.json")).expect("descriptor"),
    )
    .expect("json");
    for r in descriptor["resources"].as_array().expect("resources") {
        let path = r["path"].as_str().expect("path");
        assert!(out_dir.join(path).is_file(), "{path} missing from the zip");
    }

    let out = std::process::Command::new("frictionless")
        .arg("validate")
        .arg("datapackage.json")
        .current_dir(&out_dir)
        .output()
        .expect("frictionless (tests/hsds/requirements.txt)");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
