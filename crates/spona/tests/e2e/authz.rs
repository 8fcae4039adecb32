//! The authorisation harness: every route of the router against every actor, as the
//! matrix in `authz_matrix.rs` says, on a real server (SQLite or PostgreSQL).

use std::collections::BTreeSet;

use crate::authz_matrix::{MATRIX, Row};
use crate::harness::*;

const ACTORS: [Option<&str>; 6] = [
    None,
    Some(ASTRA_MEMBER),
    Some(ASTRA_ADMIN),
    Some(ZMINA_ADMIN),
    Some(ATINA_ADMIN),
    Some(ADMIN),
];
const ACTOR_NAMES: [&str; 6] = [
    "anon",
    "member",
    "org_admin",
    "other_admin",
    "coordinator",
    "admin",
];
const CSRF: &str = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

/// Routes the router has but the matrix lacks, and matrix rows for routes that do not exist.
pub fn coverage(routes: &[(String, String)], matrix: &[&Row]) -> (Vec<String>, Vec<String>) {
    let have: BTreeSet<(String, String)> = routes.iter().cloned().collect();
    let listed: BTreeSet<(String, String)> = matrix
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let missing = have
        .difference(&listed)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    let unknown = listed
        .difference(&have)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    (missing, unknown)
}

fn router_routes(app: &TestApp) -> Vec<(String, String)> {
    app.routes
        .0
        .iter()
        .map(|r| (r.method.as_str().to_owned(), r.path.to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_is_in_the_matrix() {
    let app = TestApp::start().await;
    let (missing, unknown) = coverage(&router_routes(&app), &MATRIX);
    assert!(
        missing.is_empty(),
        "routes without a row in authz_matrix.rs: {missing:#?}"
    );
    assert!(
        unknown.is_empty(),
        "matrix rows for routes the router lacks: {unknown:#?}"
    );
    for row in MATRIX.iter() {
        let cells: Vec<&str> = row.expect.split(' ').collect();
        assert_eq!(
            cells.len(),
            ACTORS.len(),
            "{} {}: one outcome per actor",
            row.method,
            row.path
        );
        assert!(
            cells
                .iter()
                .all(|c| ["O", "V", "S", "F", "N", "B"].contains(c))
        );
        assert_eq!(
            row.path.matches('{').count(),
            row.object.len(),
            "{} {}: objects",
            row.method,
            row.path
        );
    }
}

/// The harness itself: a route added to the router without a matrix row is reported.
#[test]
fn the_coverage_check_catches_a_route_without_a_row() {
    let mut routes: Vec<(String, String)> = MATRIX
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    routes.push(("POST".into(), "/orgs/{slug}/delete".into()));
    let (missing, unknown) = coverage(&routes, &MATRIX);
    assert_eq!(missing, vec!["POST /orgs/{slug}/delete".to_owned()]);
    assert!(unknown.is_empty());
    routes.retain(|(_, p)| p != "/healthz");
    let (_, unknown) = coverage(&routes, &MATRIX);
    assert_eq!(unknown, vec!["GET /healthz".to_owned()]);
}

/// A bare client: the session cookie is made directly in the store, so no test pays for
/// argon2 here; the CSRF cookie and field carry a known token.
struct Actor {
    http: reqwest::Client,
    cookie: String,
    /// The form token: the cookie's before signing in, bound to the session after.
    csrf: String,
}

impl Actor {
    async fn new(app: &TestApp, email: Option<&str>) -> Actor {
        let mut cookie = format!("spona_csrf={CSRF}");
        let mut csrf = CSRF.to_owned();
        if let Some(email) = email {
            let user = spona_store::users::find_by_email(&app.db, email)
                .await
                .expect("db")
                .expect("user");
            let token = spona_store::sessions::create(&app.db, &user.id, false)
                .await
                .expect("session");
            cookie.push_str(&format!("; spona_session={token}"));
            csrf = spona_web::http::csrf::session_csrf(&token);
        }
        Actor {
            http: crate::harness::http()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookie,
            csrf,
        }
    }

    async fn send(
        &self,
        app: &TestApp,
        method: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let url = format!("{}{path}", app.base);
        let csrf = &self.csrf;
        let req = if method == "POST" && path.ends_with("/attachments") {
            let boundary = "matrix-boundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.pdf\"\r\n\
                 Content-Type: application/pdf\r\n\r\n%PDF-1.4 not much of a PDF\r\n--{boundary}--\r\n"
            );
            self.http
                .post(url)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body)
        } else if method == "POST" && path.ends_with("/logo") {
            let boundary = "matrix-boundary";
            let mut body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"l.png\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            )
            .into_bytes();
            body.extend_from_slice(include_bytes!("../../../spona-web/testdata/pixel.png"));
            body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            self.http
                .post(url)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body)
        } else if method == "POST" && path.contains("/api/") {
            // The JSON API's changes: a JSON object of the row's fields, the token in the
            // `X-CSRF-Token` header.
            let body: serde_json::Map<String, serde_json::Value> = form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
                .collect();
            self.http
                .post(url)
                .header("content-type", "application/json")
                .header("x-csrf-token", csrf.as_str())
                .body(serde_json::Value::Object(body).to_string())
        } else if method == "POST" {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("csrf", csrf)
                .append_pair("once", &spona_store::new_token())
                .extend_pairs(form)
                .finish();
            self.http
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
        } else {
            self.http.get(url)
        };
        let r = req
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, location)
    }
}

/// The outcome letter of a response.
fn outcome(status: u16, location: &str) -> &'static str {
    match status {
        401 => "S",
        303 | 302 | 307 if location.contains("/signin?next=") => "S",
        200..=399 => "O",
        422 => "V",
        403 => "F",
        404 => "N",
        400 => "B",
        _ => "?",
    }
}

async fn resolve(app: &TestApp, row: &Row) -> String {
    let mut path = row.path.to_owned();
    for object in row.object {
        let value = match *object {
            "@member" => spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
                .await
                .expect("db")
                .expect("member")
                .id
                .into_string(),
            "@token" => "0".repeat(64),
            "@round" => spona_store::matching::rounds(&app.db).await.expect("db")[0]
                .id
                .to_string(),
            "@nothing.png" => format!("{}.png", "0".repeat(64)),
            "@case" => vault_fixture(app).await.0,
            "@item" => vault_fixture(app).await.1,
            "@res_public" => resource_id(&app.db, "Public referral guide").await,
            "@res_members" => resource_id(&app.db, "Members-only hotline protocol").await,
            "@res_bridge" => resource_id(&app.db, "BRIDGE safe house rules").await,
            "@call" => crate::calls::call_fixture(app).await,
            "@event" => crate::events_more::material_fixture(app).await.0,
            "@event_material" => crate::events_more::material_fixture(app).await.1,
            "@referral" => crate::referrals::referral_fixture(app).await,
            "@intake" => crate::referrals::intake_fixture(app).await,
            "@service" => crate::services_pages::fixture(app).await.0,
            "@rec" => crate::monitoring_recs::fixture(app).await,
            "@service_draft" => crate::services_pages::fixture(app).await.1,
            "@group" => crate::groups::fixture(app).await.0,
            "@thread" => crate::groups::fixture(app).await.1,
            "@post" => crate::groups::fixture(app).await.2,
            "@post_file" => crate::groups_files::fixture(app).await,
            "@nl" => crate::newsletters::fixture(app).await.slug,
            "@nl_draft" => crate::newsletters::fixture(app).await.draft,
            "@nl_sent" => crate::newsletters::fixture(app).await.sent,
            "@nl_scheduled" => crate::newsletters::fixture(app).await.scheduled,
            "@trial" => crate::trials::fixture(app).await,
            "@trial_hearing" => crate::trials::fixture_hearing(app).await,
            "@campaign" => crate::endorse::fixture(app).await,
            "@quiz" => crate::quiz::fixture(app).await,
            "@quiz_slug" => crate::quiz::fixture_slug(app).await,
            "@quiz_token" => crate::quiz::fixture_token(app).await,
            "@quiz_net" => crate::quiz_networks::fixture(app).await,
            "@mxt_report" => crate::monitoring_cosign::report_fixture(app).await,
            "@story_draft" => crate::publications::fixture(app).await,
            "@text" => crate::texts::fixture(app).await.0,
            "@text_draft" => crate::texts::fixture(app).await.1,
            "@css" => {
                let home = app.client().get("/en/").await.body;
                let start = home.find("/static/").expect("stylesheet") + "/static/".len();
                let end = home[start..].find('"').expect("quote") + start;
                home[start..end].to_owned()
            }
            other => other.to_owned(),
        };
        let open = path.find('{').expect("parameter");
        let close = path[open..].find('}').expect("closing brace") + open;
        path.replace_range(open..=close, &value);
    }
    format!("/en{path}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_holds() {
    let mut failures = Vec::new();
    let shared = TestApp::start().await;
    let mut cells = 0;
    for row in MATRIX.iter() {
        let expect: Vec<&str> = row.expect.split(' ').collect();
        // Requests that change something run on a fresh server each, so one actor's
        // success cannot change what the next one sees; refusals share one.
        let row_app = if row.method == "POST" {
            Some(TestApp::start().await)
        } else {
            None
        };
        for (i, email) in ACTORS.iter().enumerate() {
            let fresh = row.method == "POST" && matches!(expect[i], "O" | "V");
            let own;
            let app = if fresh {
                own = TestApp::start().await;
                &own
            } else {
                row_app.as_ref().unwrap_or(&shared)
            };
            let path = resolve(app, row).await;
            let actor = Actor::new(app, *email).await;
            let denied_before = app.audit_count("security.denied").await;
            let (status, location) = actor.send(app, row.method, &path, row.form).await;
            let got = outcome(status, &location);
            cells += 1;
            if got != expect[i] {
                failures.push(format!(
                    "{} {} as {}: expected {}, got {} (HTTP {status} {location})",
                    row.method, path, ACTOR_NAMES[i], expect[i], got
                ));
                continue;
            }
            if got == "F" {
                let denied = app.audit_count("security.denied").await - denied_before;
                if denied != 1 {
                    failures.push(format!(
                        "{} {} as {}: {denied} security events for one denial",
                        row.method, path, ACTOR_NAMES[i]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cells, MATRIX.len() * ACTORS.len());
}
